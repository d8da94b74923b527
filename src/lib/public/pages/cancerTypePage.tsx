import type { Payload } from 'payload'
import React from 'react'

import { PageNav, pageNumber, pastLastPage } from '@/components/site/PageNav'
import { SiteDocument } from '@/components/site/SiteChrome'
import { ANSWER_LISTS_TAG, CANCER_TYPES_TAG, PUBLIC_TAG } from '../cacheTags'
import { type BuiltResponse, HTML_TYPE } from '../delivery'
import { listPublicAnswers, listPublicCancerTypes } from '../queries'
import { type PublicCancerType, type PublicList, slugPattern } from '../schemas'
import { documentOf, notFoundResponse } from './document'

/** Answers per page of a cancer type's list. */
export const CANCER_TYPE_PAGE_SIZE = 50

/** `?page=` of a cancer type page: a page number, or null for anything that is not one (a 404). */
export const cancerTypePageNumber = (searchParams: URLSearchParams): number | null => pageNumber(searchParams.getAll('page'))

const pageHref = (slug: string, page: number) => (page === 1 ? `/cancer-types/${slug}` : `/cancer-types/${slug}?page=${page}`)

/** One page of a cancer type's published answers, newest review first, with links to the others. */
export function renderCancerTypePage(type: PublicCancerType, answers: PublicList): string {
  const slug = type.slug
  return documentOf(
    <SiteDocument title={`${type.name}: questions answered`} description={`Clinician-reviewed answers about ${type.name.toLowerCase()}.`}>
      <h1>{type.name}</h1>
      <p className="notice">For informational purposes only, not medical advice.</p>
      {answers.docs.length === 0 ? (
        <p>No reviewed answers about {type.name.toLowerCase()} yet.</p>
      ) : (
        <ul className="plain">
          {answers.docs.map((answer) => (
            <li key={answer.slug}>
              <a href={`/answers/${answer.slug}`}>{answer.title}</a>
              <p>{answer.summary}</p>
            </li>
          ))}
        </ul>
      )}
      <PageNav page={answers.page} totalPages={answers.totalPages} href={(page) => pageHref(slug, page)} />
    </SiteDocument>,
  )
}

/**
 * What `/cancer-types/<slug>` sends, built once and kept in the prepared store (as the answer pages):
 * every instance evicts it through the change log within PUBLIC_CHANGE_POLL_MS and the CDN purge of
 * any published answer names its tags. A Next page kept by Next's cache (ISR) stayed up to 300 s on
 * the other instances, with a withdrawn answer's title and summary, and its `s-maxage` let a CDN
 * keep it past the purge. A slug or page that does not exist is a 404.
 */
export async function buildCancerTypePage(
  payload: Payload,
  slug: string,
  page: number | null,
  pageSize = CANCER_TYPE_PAGE_SIZE,
): Promise<BuiltResponse> {
  const type =
    slugPattern.test(slug) && page !== null
      ? (await listPublicCancerTypes(payload)).find((candidate) => candidate.slug === slug)
      : undefined
  if (!type || page === null) return notFoundResponse()
  const answers = await listPublicAnswers(payload, { cancerType: slug, page, limit: pageSize })
  if (pastLastPage(answers)) return notFoundResponse()
  return { status: 200, body: renderCancerTypePage(type, answers), contentType: HTML_TYPE }
}

export const cancerTypePageKey = (slug: string, page: number | null) => `page:cancer-type:${slug}:${page ?? 'invalid'}`
/** Any answer published, revised or withdrawn can change the list; a renamed type changes its title. */
export const CANCER_TYPE_PAGE_TAGS = [PUBLIC_TAG, ANSWER_LISTS_TAG, CANCER_TYPES_TAG]
