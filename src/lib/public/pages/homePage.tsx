import type { Payload } from 'payload'
import React from 'react'

import { PageNav, pageNumber, pastLastPage } from '@/components/site/PageNav'
import { SiteDocument } from '@/components/site/SiteChrome'
import { ANSWER_LISTS_TAG, CANCER_TYPES_TAG, PUBLIC_TAG } from '../cacheTags'
import { type BuiltResponse, HTML_TYPE } from '../delivery'
import { listPublicAnswers, listPublicCancerTypes } from '../queries'
import type { PublicCancerType, PublicList } from '../schemas'
import { documentOf, notFoundResponse } from './document'

/** Answers per page of the home page's list and of its search results. */
export const HOME_PAGE_SIZE = 20
/** A longer search is run on its first MAX_SEARCH characters, as the API's `q` is; the page says so. */
export const MAX_SEARCH = 200

export const HOME_TITLE = 'Cancer questions answered, reviewed by oncologists'
const HOME_DESCRIPTION =
  'Plain-language answers to patient questions about cancer, drafted from named guidelines and reviewed by oncologists.'

/** What `/?q=...&page=...` asks: the search as typed, the part searched, and the page (null: not a page number, a 404). */
export type HomeRequest = { asked: string; query: string; page: number | null }

/**
 * Reads `q` as the API does: the last one given, trimmed, searched by its first MAX_SEARCH
 * characters. Control characters (a NUL from `%00`) are no part of a search, and would be echoed
 * into the page.
 */
export function homeRequest(searchParams: URLSearchParams): HomeRequest {
  const asked = (searchParams.getAll('q').at(-1) ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
  return { asked, query: asked.slice(0, MAX_SEARCH).trim(), page: pageNumber(searchParams.getAll('page')) }
}

const homeHref = (query: string, page: number) => {
  const params = new URLSearchParams({ ...(query ? { q: query } : {}), ...(page > 1 ? { page: String(page) } : {}) })
  return params.size ? `/?${params}` : '/'
}

/** The home page: the search form, one page of answers (recent ones, or a search's), the cancer types. */
export function renderHomePage({ asked, query }: HomeRequest, answers: PublicList, cancerTypes: PublicCancerType[]): string {
  return documentOf(
    <SiteDocument title={HOME_TITLE} description={HOME_DESCRIPTION}>
      <h1>Answers to patient questions about cancer</h1>
      <p className="notice">
        For informational purposes only, not medical advice. Answers are drafted from named clinical guidelines, by our editorial team or
        with AI, and reviewed by oncologists before they appear here; each answer says how it was drafted and who reviewed it.
      </p>
      <form action="/" method="get" role="search">
        <label htmlFor="q">Search the answers</label> <input id="q" name="q" type="search" defaultValue={query} maxLength={MAX_SEARCH} />{' '}
        <button type="submit">Search</button>
      </form>
      <section aria-labelledby="recent">
        <h2 id="recent">{query ? `Answers for "${query}"` : 'Recently reviewed answers'}</h2>
        {asked.length > MAX_SEARCH ? <p>{`Only the first ${MAX_SEARCH} characters of your search were used.`}</p> : null}
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
    </SiteDocument>,
  )
}

/** What `/` sends for `request`: a page past the last one, or one that is not a page number, is the 404 page. */
export async function buildHomePage(payload: Payload, request: HomeRequest, pageSize = HOME_PAGE_SIZE): Promise<BuiltResponse> {
  if (request.page === null) return notFoundResponse()
  const answers = await listPublicAnswers(payload, { q: request.query, page: request.page, limit: pageSize })
  if (pastLastPage(answers)) return notFoundResponse()
  const cancerTypes = await listPublicCancerTypes(payload)
  return { status: 200, body: renderHomePage(request, answers, cancerTypes), contentType: HTML_TYPE }
}

/** The home page without a search, one entry per page of the list (a search is built for its request only). */
export const homePageKey = (page: number | null) => `page:home:${page ?? 'invalid'}`
/** Any answer published, revised or withdrawn changes the list; a renamed type the types' list. */
export const HOME_PAGE_TAGS = [PUBLIC_TAG, ANSWER_LISTS_TAG, CANCER_TYPES_TAG]
