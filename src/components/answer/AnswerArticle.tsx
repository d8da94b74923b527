import React from 'react'

import type { PublicAnswer } from '@/lib/public/publicAnswer'
import { jsonLdScriptText } from '@/lib/public/jsonLd'
import { AnswerContent } from './AnswerContent'
import { AnswerReferences } from './AnswerReferences'

const day = (iso: string) => new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })

/** schema.org's description of the page, for search engines. */
export function answerJsonLd(answer: PublicAnswer) {
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    name: answer.title,
    about: { '@type': 'MedicalCondition', name: answer.cancerType.name },
    datePublished: answer.publishedAt,
    // An answer an admin published without clinician approval was reviewed by nobody: no review is declared.
    ...(answer.reviewedBy.length > 0
      ? {
          lastReviewed: answer.lastReviewedAt,
          reviewedBy: answer.reviewedBy.map((r) => ({ '@type': 'Person', name: r.name, jobTitle: r.credentials })),
        }
      : {}),
    citation: answer.sources.map((s) => `${s.publisher}, ${s.title}, ${s.version}`),
  }
}

/**
 * A published answer as patients read it. The top block is short, so that on a phone the direct
 * answer is in the first screen: the cancer type and date, the title, a live notice if there is
 * one, and one line saying it is not medical advice, with how it was written (AI from named
 * guidelines, then reviewed by a named clinician) one tap away and in full at the end.
 */
export function AnswerArticle({ answer }: { answer: PublicAnswer }) {
  const reviewers = answer.reviewedBy.map((r) => [r.name, r.credentials].filter(Boolean).join(', ')).join(' and ')
  return (
    <article>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScriptText(answerJsonLd(answer)) }} />
      <p className="meta">
        <a href={`/cancer-types/${answer.cancerType.slug}`}>{answer.cancerType.name}</a> · {reviewers ? 'reviewed' : 'published'}{' '}
        <time dateTime={answer.lastReviewedAt}>{day(answer.lastReviewedAt)}</time>
      </p>
      <h1>{answer.title}</h1>
      {answer.notice ? (
        <p className="notice" role="status" data-notice={answer.notice.kind}>
          <strong>{answer.notice.message}</strong>
        </p>
      ) : null}
      <details className="notice disclosure">
        <summary>For information only, not medical advice. How this was written</summary>
        <p>
          {answer.disclaimer} {answer.disclosure}
        </p>
      </details>
      <AnswerContent answer={answer} />
      <AnswerReferences answer={answer} />
      <p>
        {reviewers ? `Medically reviewed by ${reviewers} on ${day(answer.lastReviewedAt)}` : 'Not reviewed by a clinician'} – next review
        due {day(answer.nextReviewDue)}.
      </p>
      <p className="notice">{answer.disclosure}</p>
      <p className="notice">Want guidance for your own situation? Bring these questions and your records to your oncology team.</p>
    </article>
  )
}
