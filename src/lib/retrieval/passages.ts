import MiniSearch from 'minisearch'
import type { PayloadRequest } from 'payload'

import type { GuidelineSource } from '@/payload-types'
import { GUIDELINE_SOURCES } from '@collections/slugs'
import type { Id } from '@/lib/relationId'

/** One guideline passage, addressable across sources by `key` ("<source id>:<passage id>"). */
export type Passage = {
  key: string
  sourceId: Id
  passageId: string
  heading: string
  text: string
  publisher: string
  sourceTitle: string
  version: string
}

export type RankedPassage = Passage & { score: number }

export const passageKey = (sourceId: Id, passageId: string) => `${sourceId}:${passageId}`

/** Every passage of the current (not superseded) sources covering a cancer type, in a stable order. */
export async function loadCurrentPassages(cancerTypeId: Id, req: PayloadRequest): Promise<Passage[]> {
  const { docs } = await req.payload.find({
    collection: GUIDELINE_SOURCES,
    where: { and: [{ status: { equals: 'current' } }, { cancerTypes: { in: [cancerTypeId] } }] },
    sort: 'id',
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return (docs as GuidelineSource[]).flatMap((source) =>
    (source.passages ?? []).map((passage) => ({
      key: passageKey(source.id, passage.passageId),
      sourceId: source.id,
      passageId: passage.passageId,
      heading: passage.heading ?? '',
      text: passage.text,
      publisher: source.publisher,
      sourceTitle: source.title,
      version: source.version,
    })),
  )
}

// Words that carry no meaning for ranking a patient's question against guideline text.
const STOP_WORDS = new Set(
  'a an and are as at be but by can could do does for from had has have how i if in into is it its me my no not of on or our so than that the their them then there these they this to was we were what when where which who why will with would you your'.split(
    ' ',
  ),
)

/**
 * Ranks passages against a question with MiniSearch (BM25+ over heading and text, prefix and light
 * fuzzy matching so "operate" finds "operation") and returns the top k that match at all.
 */
export function rankPassages(question: string, passages: Passage[], topK: number): RankedPassage[] {
  if (passages.length === 0 || topK <= 0) return []
  const index = new MiniSearch<Passage>({
    idField: 'key',
    fields: ['heading', 'text', 'sourceTitle'],
    processTerm: (term) => {
      const lower = term.toLowerCase()
      return STOP_WORDS.has(lower) ? null : lower
    },
    searchOptions: {
      boost: { heading: 2, text: 1, sourceTitle: 0.3 },
      prefix: (term) => term.length > 4,
      fuzzy: (term) => (term.length > 6 ? 0.15 : false),
    },
  })
  index.addAll(passages)
  const byKey = new Map(passages.map((passage) => [passage.key, passage]))
  return index
    .search(question, { combineWith: 'OR' })
    .slice(0, topK)
    .map((hit) => ({ ...byKey.get(String(hit.id))!, score: hit.score }))
}
