import type { Payload } from 'payload'

import type { Answer, CancerType } from '@/payload-types'
import { ANSWERS, CANCER_TYPES } from '@collections/slugs'
import { ANSWER_LISTS_TAG, CANCER_TYPES_TAG, PUBLIC_TAG } from './cacheTags'
import type { PublicAnswer } from './publicAnswer'
import { createMiniSearch, type PublicSearch, type SearchDocument } from './search'
import { cachedValue } from './taggedValues'

export type PublicCancerType = { slug: string; name: string; answerCount: number }

/** Every published answer in list form, newest review first, with search over them. */
export type PublicCatalog = {
  search: PublicSearch
  /** For sitemap.xml: every published answer's slug and when it was last reviewed. */
  answers: { slug: string; lastReviewedAt: string }[]
  cancerTypes: PublicCancerType[]
}

/** The words of a Lexical body (the public one: text nodes and citation numbers only). */
function bodyText(node: unknown, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out
  const { text, children, root } = node as { text?: unknown; children?: unknown; root?: unknown }
  if (typeof text === 'string') out.push(text)
  if (Array.isArray(children)) for (const child of children) bodyText(child, out)
  if (root) bodyText(root, out)
  return out
}

/**
 * Builds the catalog from one read of the published answers' public JSON (and the cancer types):
 * lists, counts, search and the sitemap read it instead of the database. The answers' full JSON
 * is dropped once indexed; the catalog keeps their list entries and the index.
 */
export async function buildPublicCatalog(payload: Payload): Promise<PublicCatalog> {
  const [{ docs: types }, { docs: answers }] = await Promise.all([
    payload.find({ collection: CANCER_TYPES, sort: 'name', pagination: false, depth: 0, overrideAccess: true }),
    payload.find({
      collection: ANSWERS,
      where: { _status: { equals: 'published' } },
      sort: '-lastReviewedAt',
      select: { publicJson: true, cancerType: true },
      pagination: false,
      depth: 0,
      draft: false,
      overrideAccess: true,
    }),
  ])
  const typeSlugs = new Map((types as CancerType[]).map((type) => [String(type.id), type.slug ?? '']))
  const documents: SearchDocument[] = []
  for (const answer of answers as Answer[]) {
    const json = answer.publicJson as PublicAnswer | null | undefined
    if (!json?.slug) continue
    documents.push({
      item: { slug: json.slug, title: json.title, cancerType: json.cancerType, summary: json.summary, lastReviewedAt: json.lastReviewedAt },
      cancerType: typeSlugs.get(String(answer.cancerType)) ?? '',
      question: json.question ?? '',
      // The body, not the questions to ask: those name neighbouring treatments in passing ("targeted
      // drugs, immunotherapy or clinical trials"), and a search for them should not find this answer.
      text: bodyText(json.body).join('\n'),
    })
  }
  const counts = new Map<string, number>()
  for (const { cancerType } of documents) counts.set(cancerType, (counts.get(cancerType) ?? 0) + 1)
  return {
    search: createMiniSearch(documents),
    answers: documents.map(({ item }) => ({ slug: item.slug, lastReviewedAt: item.lastReviewedAt })),
    cancerTypes: (types as CancerType[]).map((type) => ({
      slug: type.slug!,
      name: type.name,
      answerCount: counts.get(type.slug ?? '') ?? 0,
    })),
  }
}

/**
 * The catalog, built on first use and kept until a published answer or a cancer type changes
 * (their tags evict it, on this instance at once and on the others through the change log).
 */
export const publicCatalog = (payload: Payload): Promise<PublicCatalog> =>
  cachedValue('public-catalog', [PUBLIC_TAG, ANSWER_LISTS_TAG, CANCER_TYPES_TAG], () => buildPublicCatalog(payload))
