import config from '@payload-config'
import { getPayload } from 'payload'
import React from 'react'

import { ANSWERS, CANCER_TYPES } from '../../../collections/slugs'

// Reads the database on each request; the cached, statically generated site comes with the read API.
export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const payload = await getPayload({ config })
  // overrideAccess: false makes these reads go through the same access rules as an anonymous visitor.
  const [cancerTypes, answers] = await Promise.all([
    payload.find({ collection: CANCER_TYPES, sort: 'name', limit: 100, depth: 0, overrideAccess: false }),
    payload.find({
      collection: ANSWERS,
      sort: '-publishedAt',
      limit: 10,
      depth: 0,
      overrideAccess: false,
      select: { title: true, slug: true, summary: true },
    }),
  ])
  return (
    <>
      <h1>Answers to patient questions about cancer</h1>
      <p className="notice">
        For informational purposes only, not medical advice. Each answer is drafted with AI from named clinical
        guidelines and then reviewed by a named oncologist before it appears here.
      </p>
      <section aria-labelledby="recent">
        <h2 id="recent">Recently reviewed answers</h2>
        {answers.docs.length === 0 ? (
          <p>No answers have been published yet.</p>
        ) : (
          <ul className="plain">
            {answers.docs.map((answer) => (
              <li key={answer.id}>
                <strong>{answer.title}</strong>
                {answer.summary ? <p>{answer.summary}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="types">
        <h2 id="types">Cancer types</h2>
        <ul className="plain">
          {cancerTypes.docs.map((type) => (
            <li key={type.id}>{type.name}</li>
          ))}
        </ul>
      </section>
    </>
  )
}
