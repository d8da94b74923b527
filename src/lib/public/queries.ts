import type { Payload } from 'payload'

import type { Answer } from '@/payload-types'
import { ANSWERS, CANCER_TYPES } from '@collections/slugs'
import { relationId } from '../relationId'
import { sanitizeRichTextHtml } from '../richTextPolicy'
import { publicCatalog } from './catalog'
import type { AnswerListQuery, PublicAnswer, PublicCancerType, PublicList } from './schemas'

export type { PublicList, PublicListItem } from './schemas'

/** The published answers' public JSON: the one read path of the API and the public pages. */
export async function findPublicAnswer(payload: Payload, slug: string): Promise<PublicAnswer | null> {
  const { docs } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ slug: { equals: slug } }, { _status: { equals: 'published' } }] },
    select: { publicJson: true, cancerType: true },
    limit: 1,
    depth: 0,
    draft: false,
    overrideAccess: true,
  })
  const answer = docs[0] as Answer | undefined
  const json = answer?.publicJson as Partial<PublicAnswer> | undefined
  if (!answer || !json) return null
  return {
    ...(json as PublicAnswer),
    // The record keeps the cancer type's name and slug as they were at publication; a renamed type
    // is shown as it is named now, and the page links to where its page now is.
    cancerType: (await currentCancerType(payload, answer.cancerType)) ?? (json as PublicAnswer).cancerType,
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

async function currentCancerType(payload: Payload, ref: Answer['cancerType']): Promise<PublicAnswer['cancerType'] | null> {
  const id = relationId(ref)
  if (id === undefined || id === null) return null
  const { docs } = await payload.find({
    collection: CANCER_TYPES,
    where: { id: { equals: id } },
    select: { name: true, slug: true },
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const type = docs[0]
  return type?.slug ? { slug: type.slug, name: type.name } : null
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
