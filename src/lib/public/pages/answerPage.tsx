import type { Payload } from 'payload'
import React from 'react'

import { AnswerArticle } from '@/components/answer/AnswerArticle'
import { NotFoundMessage, SITE_STYLESHEET, SiteFooter, SiteHeader } from '@/components/site/SiteChrome'
import { answerTag, PUBLIC_TAG } from '../cacheTags'
import { type BuiltResponse, HTML_TYPE } from '../delivery'
import type { PublicAnswer } from '../publicAnswer'
import { findPublicAnswer } from '../queries'
import { renderToStaticMarkup } from './staticMarkup'

const SLUG = /^[a-z0-9-]{1,100}$/

function SiteDocument({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
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

const documentOf = (element: React.ReactElement) => `<!DOCTYPE html>${renderToStaticMarkup(element)}`

/**
 * An answer's public page as one complete HTML document, from its public JSON: no client
 * JavaScript (the only script element is its JSON-LD, which browsers do not run), the site's
 * stylesheet, header and footer as on the Next-rendered pages.
 */
export function renderAnswerPage(answer: PublicAnswer): string {
  return documentOf(
    <SiteDocument title={answer.title} description={answer.summary.slice(0, 160)}>
      <AnswerArticle answer={answer} />
    </SiteDocument>,
  )
}

/** The site's branded 404 page, as the answer pages send it. */
export function renderNotFoundPage(): string {
  return documentOf(
    <SiteDocument title="Page not found">
      <NotFoundMessage />
    </SiteDocument>,
  )
}

/** What `/answers/<slug>` sends, built once and kept in the prepared store under `answerPageKey(slug)`. */
export async function buildAnswerPage(payload: Payload, slug: string): Promise<BuiltResponse> {
  const answer = SLUG.test(slug) ? await findPublicAnswer(payload, slug) : null
  return answer
    ? { status: 200, body: renderAnswerPage(answer), contentType: HTML_TYPE }
    : { status: 404, body: renderNotFoundPage(), contentType: HTML_TYPE }
}

export const answerPageKey = (slug: string) => `page:answer:${slug}`
export const answerPageTags = (slug: string) => [PUBLIC_TAG, answerTag(slug)]
