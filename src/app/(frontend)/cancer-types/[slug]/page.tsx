import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import React from 'react'

import { listPublicAnswers, listPublicCancerTypes } from '@/lib/public/queries'
import { publicPayload } from '@/lib/public/routes'

// Generated on the first request and kept until publication revalidates it (hooks/refreshPublicReads.ts);
// the interval only bounds staleness when another server instance made the change.
export const revalidate = 300
export const dynamicParams = true
export async function generateStaticParams() {
  return []
}

type Props = { params: Promise<{ slug: string }> }

async function load(slug: string) {
  const payload = await publicPayload()
  const type = (await listPublicCancerTypes(payload)).find((candidate) => candidate.slug === slug)
  if (!type) return null
  return { type, answers: await listPublicAnswers(payload, { cancerType: slug, limit: 100 }) }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load((await params).slug)
  return data
    ? { title: `${data.type.name}: questions answered`, description: `Clinician-reviewed answers about ${data.type.name.toLowerCase()}.` }
    : {}
}

export default async function CancerTypePage({ params }: Props) {
  const data = await load((await params).slug)
  if (!data) notFound()
  return (
    <>
      <h1>{data.type.name}</h1>
      <p className="notice">For informational purposes only, not medical advice.</p>
      {data.answers.docs.length === 0 ? (
        <p>No reviewed answers about {data.type.name.toLowerCase()} yet.</p>
      ) : (
        <ul className="plain">
          {data.answers.docs.map((answer) => (
            <li key={answer.slug}>
              <a href={`/answers/${answer.slug}`}>{answer.title}</a>
              <p>{answer.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
