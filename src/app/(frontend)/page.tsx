import { notFound } from 'next/navigation'
import React from 'react'

import { PageNav, pageNumber, pastLastPage } from '@/components/site/PageNav'
// Installs the production server's rate limit of this page's search (scripts/server.mjs), in case no
// public API route has loaded it yet.
import '@/lib/public/admission'
import { listPublicAnswers, listPublicCancerTypes } from '@/lib/public/queries'
import { publicPayload } from '@/lib/public/publicPayload'

// Reads the stored public JSON of published answers on each request (nothing is converted per read).
export const dynamic = 'force-dynamic'

const PAGE_SIZE = 20
const MAX_QUERY = 200

const homeHref = (query: string, page: number) => {
  const params = new URLSearchParams({ ...(query ? { q: query } : {}), ...(page > 1 ? { page: String(page) } : {}) })
  return params.size ? `/?${params}` : '/'
}

export default async function HomePage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> }) {
  const { q, page: pageParam } = await searchParams
  // As the API reads q: the last one given, trimmed; a longer one is searched by its first 200 characters, and the page says so.
  // Control characters (a NUL from `%00`) are no part of a search, and would be echoed raw into the page.
  const asked = ([q ?? []].flat().at(-1) ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
  const query = asked.slice(0, MAX_QUERY).trim()
  const page = pageNumber(pageParam === undefined ? [] : [pageParam].flat())
  if (page === null) notFound()
  const payload = await publicPayload()
  const [answers, cancerTypes] = [
    await listPublicAnswers(payload, { q: query, page, limit: PAGE_SIZE }),
    await listPublicCancerTypes(payload),
  ]
  if (pastLastPage(answers)) notFound()
  return (
    <>
      <h1>Answers to patient questions about cancer</h1>
      <p className="notice">
        For informational purposes only, not medical advice. Answers are drafted from named clinical guidelines, by our editorial team or
        with AI, and reviewed by oncologists before they appear here; each answer says how it was drafted and who reviewed it.
      </p>
      <form action="/" method="get" role="search">
        <label htmlFor="q">Search the answers</label> <input id="q" name="q" type="search" defaultValue={query} maxLength={MAX_QUERY} />{' '}
        <button type="submit">Search</button>
      </form>
      <section aria-labelledby="recent">
        <h2 id="recent">{query ? `Answers for "${query}"` : 'Recently reviewed answers'}</h2>
        {asked.length > MAX_QUERY ? <p>{`Only the first ${MAX_QUERY} characters of your search were used.`}</p> : null}
        {answers.docs.length === 0 ? (
          <p>{query ? 'No answer matches your search yet.' : 'No answers have been published yet.'}</p>
        ) : (
          <ul className="plain">
            {answers.docs.map((answer) => (
              <li key={answer.slug}>
                <a href={`/answers/${answer.slug}`}>{answer.title}</a> <small>({answer.cancerType.name})</small>
                <p>{answer.summary}</p>
              </li>
            ))}
          </ul>
        )}
        <PageNav page={answers.page} totalPages={answers.totalPages} href={(n) => homeHref(query, n)} />
      </section>
      <section aria-labelledby="types">
        <h2 id="types">Cancer types</h2>
        <ul className="plain">
          {cancerTypes.map((type) => (
            <li key={type.slug}>
              <a href={`/cancer-types/${type.slug}`}>{type.name}</a> ({type.answerCount})
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}
