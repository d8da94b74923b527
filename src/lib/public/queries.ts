import type { Payload } from 'payload'

import type { Answer } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import { sanitizeRichTextHtml } from '../richTextPolicy'
import { publicCatalog } from './catalog'
import type { AnswerListQuery, PublicAnswer, PublicCancerType, PublicList } from './schemas'

export type { PublicList, PublicListItem } from './schemas'

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

/** Published answers in list form: all of them newest review first, or those matching `q` best first. */
export async function listPublicAnswers(
  payload: Payload,
  { page = 1, limit = 20, q, cancerType }: Partial<AnswerListQuery>,
): Promise<PublicList> {
  return (await publicCatalog(payload)).search.search(q ?? '', { page, limit, cancerType })
}

export async function listPublicCancerTypes(payload: Payload): Promise<PublicCancerType[]> {
  return (await publicCatalog(payload)).cancerTypes
}
