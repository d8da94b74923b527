import config from '@payload-config'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getPayload } from 'payload'
import React from 'react'

import { AnswerContent } from '@/components/answer/AnswerContent'
import { AnswerReferences } from '@/components/answer/AnswerReferences'
import { jsonLdScriptText } from '@/lib/public/jsonLd'
import { findPublicAnswer } from '@/lib/public/queries'

// Generated on the first request and kept until publication revalidates it (hooks/refreshPublicReads.ts);
// the interval only bounds staleness when another server instance made the change.
export const revalidate = 300
export const dynamicParams = true
export async function generateStaticParams() {
  return []
}

type Props = { params: Promise<{ slug: string }> }

const load = async (slug: string) => (/^[a-z0-9-]{1,100}$/.test(slug) ? findPublicAnswer(await getPayload({ config }), slug) : null)
const day = (iso: string) => new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const answer = await load((await params).slug)
  return answer ? { title: answer.title, description: answer.summary.slice(0, 160) } : {}
}

export default async function AnswerPage({ params }: Props) {
  const answer = await load((await params).slug)
  if (!answer) notFound()
  const reviewers = answer.reviewedBy.map((r) => [r.name, r.credentials].filter(Boolean).join(', ')).join(' and ')
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    name: answer.title,
    about: { '@type': 'MedicalCondition', name: answer.cancerType.name },
    datePublished: answer.publishedAt,
    lastReviewed: answer.lastReviewedAt,
    reviewedBy: answer.reviewedBy.map((r) => ({ '@type': 'Person', name: r.name, jobTitle: r.credentials })),
    citation: answer.sources.map((s) => `${s.publisher}, ${s.title}, ${s.version}`),
  }
  return (
    <article>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScriptText(jsonLd) }} />
      <p>
        <a href={`/cancer-types/${answer.cancerType.slug}`}>{answer.cancerType.name}</a> ·{' '}
        <time dateTime={answer.lastReviewedAt}>{day(answer.lastReviewedAt)}</time>
      </p>
      <h1>{answer.title}</h1>
      {answer.notice ? (
        <p className="notice" role="status" data-notice={answer.notice.kind}>
          <strong>{answer.notice.message}</strong>
        </p>
      ) : null}
      <p className="notice">
        {answer.disclaimer} {answer.disclosure}
      </p>
      <AnswerContent answer={answer} />
      <AnswerReferences answer={answer} />
      <p>
        {reviewers ? `Medically reviewed by ${reviewers} on ${day(answer.lastReviewedAt)}` : 'Not reviewed by a clinician'} – next review
        due {day(answer.nextReviewDue)}.
      </p>
      <p className="notice">Want guidance for your own situation? Bring these questions and your records to your oncology team.</p>
    </article>
  )
}
