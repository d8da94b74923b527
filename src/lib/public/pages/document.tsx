import React from 'react'

import { NotFoundMessage, SITE_STYLESHEET, SiteFooter, SiteHeader } from '@/components/site/SiteChrome'
import { type BuiltResponse, HTML_TYPE } from '../delivery'
import { renderToStaticMarkup } from './staticMarkup'

/** A public page rendered outside Next: the same head, stylesheet, header and footer as the Next layout. */
export function SiteDocument({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <html lang="en">
      {/* eslint-disable-next-line @next/next/no-head-element -- a whole document rendered outside Next */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href={SITE_STYLESHEET} />
      </head>
      <body>
        <SiteHeader />
        <main>{children}</main>
        <SiteFooter />
      </body>
    </html>
  )
}

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
