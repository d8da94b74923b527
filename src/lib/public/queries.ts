import type { Payload, Where } from 'payload'

import type { Answer, CancerType } from '@/payload-types'
import { ANSWERS, CANCER_TYPES } from '@collections/slugs'
import { sanitizeRichTextHtml } from '../richTextPolicy'
import type { PublicAnswer } from './publicAnswer'
import { searchWords } from './searchText'

export type PublicListItem = Pick<PublicAnswer, 'slug' | 'title' | 'cancerType' | 'summary' | 'lastReviewedAt'>
export type PublicList = { docs: PublicListItem[]; totalDocs: number; page: number; totalPages: number }

/** The published answers' public JSON: the one read path of the API and the public pages. */
export async function findPublicAnswer(payload: Payload, slug: string): Promise<PublicAnswer | null> {
  const { docs } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ slug: { equals: slug } }, { _status: { equals: 'published' } }] },
    select: { publicJson: true },
    limit: 1,
    depth: 0,
    draft: false,
    overrideAccess: true,
  })
  const json = (docs[0] as Answer | undefined)?.publicJson as Partial<PublicAnswer> | undefined
  if (!json) return null
  return {
    ...(json as PublicAnswer),
    // Records published before the sanitizer existed keep their stored HTML: clean it on the way out.
    bodyHtml: sanitizeRichTextHtml(json.bodyHtml ?? ''),
    // Records published before claim-level references (issue 13) have none until they are published
    // again: the same contract, with empty lists, and the page shows their sources list instead.
    summaryReferences: json.summaryReferences ?? [],
    claims: json.claims ?? [],
    references: json.references ?? [],
    // Records published before notices existed (issue 14) have none.
    notice: json.notice ?? null,
  }
}

export async function listPublicAnswers(
  payload: Payload,
  { page = 1, limit = 20, q, cancerType }: { page?: number; limit?: number; q?: string; cancerType?: string },
): Promise<PublicList> {
  const and: Where[] = [{ _status: { equals: 'published' } }]
  if (cancerType) {
    const { docs } = await payload.find({
      collection: CANCER_TYPES,
      where: { slug: { equals: cancerType } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    if (!docs[0]) return { docs: [], totalDocs: 0, page, totalPages: 0 }
    and.push({ cancerType: { equals: docs[0].id } })
  }
  for (const word of searchWords(q)) and.push({ searchText: { like: word } })
  const result = await payload.find({
    collection: ANSWERS,
    where: { and },
    sort: '-lastReviewedAt',
    page,
    limit: Math.min(limit, 100),
    select: { publicJson: true },
    depth: 0,
    draft: false,
    overrideAccess: true,
  })
  const docs = (result.docs as Answer[]).map((doc) => {
    const json = doc.publicJson as PublicAnswer
    return { slug: json.slug, title: json.title, cancerType: json.cancerType, summary: json.summary, lastReviewedAt: json.lastReviewedAt }
  })
  return { docs, totalDocs: result.totalDocs, page: result.page ?? page, totalPages: result.totalPages }
}

export async function listPublicCancerTypes(payload: Payload): Promise<{ slug: string; name: string; answerCount: number }[]> {
  const { docs: types } = await payload.find({ collection: CANCER_TYPES, sort: 'name', pagination: false, depth: 0, overrideAccess: true })
  const { docs: answers } = await payload.find({
    collection: ANSWERS,
    where: { _status: { equals: 'published' } },
    select: { cancerType: true },
    pagination: false,
    depth: 0,
    draft: false,
    overrideAccess: true,
  })
  const counts = new Map<string, number>()
  for (const answer of answers as Answer[]) counts.set(String(answer.cancerType), (counts.get(String(answer.cancerType)) ?? 0) + 1)
  return (types as CancerType[]).map((type) => ({ slug: type.slug!, name: type.name, answerCount: counts.get(String(type.id)) ?? 0 }))
}
