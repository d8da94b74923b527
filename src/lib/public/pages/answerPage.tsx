import type { Payload } from 'payload'
import React from 'react'

import { AnswerArticle } from '@/components/answer/AnswerArticle'
import { SiteDocument } from '@/components/site/SiteChrome'
import { answerTag, PUBLIC_TAG } from '../cacheTags'
import { type BuiltResponse, HTML_TYPE } from '../delivery'
import type { PublicAnswer } from '../publicAnswer'
import { findPublicAnswer } from '../queries'
import { slugPattern } from '../schemas'
import { documentOf, notFoundResponse } from './document'

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

/** What `/answers/<slug>` sends, built once and kept in the prepared store under `answerPageKey(slug)`. */
export async function buildAnswerPage(payload: Payload, slug: string): Promise<BuiltResponse> {
  const answer = slugPattern.test(slug) ? await findPublicAnswer(payload, slug) : null
  return answer ? { status: 200, body: renderAnswerPage(answer), contentType: HTML_TYPE } : notFoundResponse()
}

export const answerPageKey = (slug: string) => `page:answer:${slug}`
export const answerPageTags = (slug: string) => [PUBLIC_TAG, answerTag(slug)]
