import type { Payload, Where } from 'payload'

import type { Answer, CancerType } from '@/payload-types'
import { ANSWERS, CANCER_TYPES } from '@collections/slugs'
import { ANSWER_LISTS_TAG, answerTag, CANCER_TYPES_TAG, PUBLIC_TAG, RECHECK_TAG } from './cacheTags'
import type { PublicAnswer } from './publicAnswer'
import type { PublicCancerType } from './schemas'
import { createMiniSearch, type MiniSearchIndex, type SearchDocument } from './search'
import { cachedValue, type StaleValue } from './taggedValues'

export type { PublicCancerType }

/** Every published answer in list form, newest review first, with search over them. */
export type PublicCatalog = {
  search: MiniSearchIndex
  /** For sitemap.xml: every published answer's slug and when it was last reviewed. */
  answers: { slug: string; lastReviewedAt: string }[]
  cancerTypes: PublicCancerType[]
  /** The cancer types as read with the answers (id, slug, name), for an update. */
  types: Pick<CancerType, 'id' | 'slug' | 'name'>[]
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
 * Public records read at a time. Each is about 27 KB of JSON; read all at once, 10,000 answers held
 * some 270 MB in memory until the last was turned into a search document.
 */
const READ_PAGE = 500

/**
 * The published answers matching `where`, as search documents (their full JSON is not kept). Read
 * in pages by id: an answer withdrawn or published during the read does not shift the others, as
 * it would with page numbers, so none is skipped (the change itself reaches the catalog by its tags
 * afterwards). The id is the primary key on both databases, so the sort reads no record it does not return.
 */
export async function readPublished(
  payload: Payload,
  types: PublicCatalog['types'],
  { where, pageSize = READ_PAGE }: { where?: Where; pageSize?: number } = {},
): Promise<SearchDocument[]> {
  const typesById = new Map(types.map((type) => [String(type.id), type]))
  const documents: SearchDocument[] = []
  let after: Answer['id'] | undefined
  for (;;) {
    const { docs } = await payload.find({
      collection: ANSWERS,
      where: {
        and: [
          { _status: { equals: 'published' } },
          ...(where ? [where] : []),
          ...(after === undefined ? [] : [{ id: { greater_than: after } }]),
        ],
      },
      select: { publicJson: true, cancerType: true },
      sort: 'id',
      limit: pageSize,
      pagination: false,
      depth: 0,
      draft: false,
      overrideAccess: true,
    })
    documents.push(...searchDocuments(docs as Answer[], typesById))
    if (docs.length < pageSize) return documents
    after = docs.at(-1)!.id
  }
}

function searchDocuments(answers: Answer[], typesById: Map<string, PublicCatalog['types'][number]>): SearchDocument[] {
  const documents: SearchDocument[] = []
  for (const answer of answers) {
    const json = answer.publicJson as PublicAnswer | null | undefined
    if (!json?.slug) continue
    const type = typesById.get(String(answer.cancerType))
    documents.push({
      item: {
        slug: json.slug,
        title: json.title,
        // The type as it is named now: the record keeps the name it had when the answer was published.
        cancerType: type ? { slug: type.slug ?? '', name: type.name } : json.cancerType,
        summary: json.summary,
        lastReviewedAt: json.lastReviewedAt,
      },
      cancerType: type?.slug ?? '',
      question: json.question ?? '',
      // The body, not the questions to ask: those name neighbouring treatments in passing ("targeted
      // drugs, immunotherapy or clinical trials"), and a search for them should not find this answer.
      text: bodyText(json.body).join('\n'),
    })
  }
  return documents
}

function catalogOf(search: MiniSearchIndex, types: PublicCatalog['types']): PublicCatalog {
  const counts = new Map<string, number>()
  for (const { cancerType } of search.listed()) counts.set(cancerType, (counts.get(cancerType) ?? 0) + 1)
  return {
    search,
    answers: search.listed().map(({ item }) => ({ slug: item.slug, lastReviewedAt: item.lastReviewedAt })),
    cancerTypes: types.map((type) => ({ slug: type.slug!, name: type.name, answerCount: counts.get(type.slug ?? '') ?? 0 })),
    types,
  }
}

/** The slugs of the answers a change named (its `answer-SLUG` tags). */
const changedSlugs = (tags: string[]) => [
  ...new Set(tags.filter((tag) => tag.startsWith(answerTag(''))).map((tag) => tag.slice(answerTag('').length))),
]

/**
 * Builds the catalog from one read of the published answers' public JSON (and the cancer types):
 * lists, counts, search and the sitemap read it instead of the database. After a change to some
 * answers (`stale`, with their tags), only those answers are read again and re-indexed; anything
 * else (a cancer type changed, everything evicted) builds it again from scratch.
 */
export async function buildPublicCatalog(payload: Payload, stale?: StaleValue<PublicCatalog>): Promise<PublicCatalog> {
  const slugs = stale ? changedSlugs(stale.evicted) : []
  if (stale && stale.evicted.includes(RECHECK_TAG)) return recheckCatalog(payload, stale.value, slugs)
  if (stale && slugs.length > 0) {
    // The types as read at the last full build: any change to a type evicts PUBLIC_TAG, a full rebuild.
    const changed = await readPublished(payload, stale.value.types, { where: { slug: { in: slugs } } })
    await stale.value.search.replace(slugs, changed)
    return catalogOf(stale.value.search, stale.value.types)
  }
  const types = await readTypes(payload)
  return catalogOf(await createMiniSearch(await readPublished(payload, types)), types)
}

async function readTypes(payload: Payload): Promise<PublicCatalog['types']> {
  const { docs } = await payload.find({ collection: CANCER_TYPES, sort: 'name', pagination: false, depth: 0, overrideAccess: true })
  return (docs as CancerType[]).map(({ id, slug, name }) => ({ id, slug, name }))
}

/**
 * While the change feed cannot be read (holdPublicResponses): the catalog is checked against the
 * database with one light read (every published answer's slug and last review), and answers gone or
 * published again since are dropped or read again, so a withdrawal made on another instance leaves
 * lists and search here too.
 */
async function recheckCatalog(payload: Payload, catalog: PublicCatalog, changed: string[]): Promise<PublicCatalog> {
  const types = await readTypes(payload)
  const { docs } = await payload.find({
    collection: ANSWERS,
    where: { _status: { equals: 'published' } },
    select: { slug: true, lastReviewedAt: true },
    pagination: false,
    depth: 0,
    draft: false,
    overrideAccess: true,
  })
  const reviewed = new Map((docs as Answer[]).map((answer) => [answer.slug ?? '', Date.parse(answer.lastReviewedAt ?? '')]))
  const listed = new Map(catalog.search.listed().map(({ item }) => [item.slug, Date.parse(item.lastReviewedAt)]))
  const gone = [...listed.keys()].filter((slug) => !reviewed.has(slug))
  const stale = [...reviewed].filter(([slug, at]) => slug && listed.get(slug) !== at).map(([slug]) => slug)
  const reread = [...new Set([...stale, ...changed])]
  const documents = reread.length > 0 ? await readPublished(payload, types, { where: { slug: { in: reread } } }) : []
  await catalog.search.replace([...gone, ...reread], documents)
  return catalogOf(catalog.search, types)
}

/**
 * The catalog, built on first use and kept until a published answer or a cancer type changes
 * (their tags evict it, on this instance at once and on the others through the change log).
 */
export const publicCatalog = (payload: Payload): Promise<PublicCatalog> =>
  cachedValue('public-catalog', [PUBLIC_TAG, ANSWER_LISTS_TAG, CANCER_TYPES_TAG, RECHECK_TAG], (stale) =>
    buildPublicCatalog(payload, stale),
  )
