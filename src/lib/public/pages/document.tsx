import React from 'react'

import { NotFoundMessage, ServerErrorMessage, SiteDocument } from '@/components/site/SiteChrome'
import { type BuiltResponse, HTML_TYPE } from '../delivery'
import { renderToStaticMarkup } from './staticMarkup'

export const documentOf = (element: React.ReactElement) => `<!DOCTYPE html>${renderToStaticMarkup(element)}`

/** The site's branded 404 page, as the pages rendered outside Next send it. */
export function renderNotFoundPage(): string {
  return documentOf(
    <SiteDocument title="Page not found">
      <NotFoundMessage />
    </SiteDocument>,
  )
}

export const notFoundResponse = (): BuiltResponse => ({ status: 404, body: renderNotFoundPage(), contentType: HTML_TYPE })

/** The site's 500 page, as the pages rendered outside Next send it when building one failed. */
export function renderServerErrorPage(): string {
  return documentOf(
    <SiteDocument title="This page could not be shown">
      <ServerErrorMessage />
    </SiteDocument>,
  )
}

/** What a client over the home search's rate limit gets (src/lib/public/admission.ts). */
export function renderTooManySearchesPage(retryAfterSeconds: number): string {
  return documentOf(
    <SiteDocument title="Too many searches">
      <h1>Too many searches</h1>
      <p>
        Too many searches from your address in the last minute. Try again in {retryAfterSeconds} seconds; the cancer types and answers stay
        open to browse.
      </p>
    </SiteDocument>,
  )
}
