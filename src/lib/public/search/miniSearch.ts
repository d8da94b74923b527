import MiniSearch from 'minisearch'

import type { PublicList } from '../queries'
import type { PublicSearch, SearchDocument, SearchOptions } from './index'
import { fuzzyFor, prefixFor, searchTerms } from './terms'

export const MAX_LIMIT = 100

/** What the index keeps of an answer besides its terms: its list entry and its cancer type now. */
type Listed = Pick<SearchDocument, 'item' | 'cancerType'>

/** The in-memory search, which the catalog updates in place when answers change. */
export type MiniSearchIndex = PublicSearch & {
  /** Drops the answers with these slugs (those not there are ignored), then adds `documents`. */
  replace(slugs: string[], documents: SearchDocument[]): void
  /** Every answer, newest review first. */
  listed(): readonly Listed[]
}

const newestReviewFirst = (a: Listed, b: Listed) =>
  a.item.lastReviewedAt < b.item.lastReviewedAt ? 1 : a.item.lastReviewedAt > b.item.lastReviewedAt ? -1 : 0

/**
 * PublicSearch in memory with MiniSearch (BM25 ranking, prefix and fuzzy matching on stems). It
 * serves SQLite and MongoDB alike; README "Public search" says why and what it costs. A blank
 * query lists the answers newest review first (in the order given when dates are equal).
 */
export function createMiniSearch(documents: SearchDocument[]): MiniSearchIndex {
  const bySlug = new Map<string, Listed>()
  let listed: Listed[] = []
  const index = new MiniSearch<SearchDocument>({
    idField: 'slug',
    fields: ['title', 'question', 'summary', 'text'],
    extractField: (document, field) => {
      if (field === 'slug' || field === 'title' || field === 'summary') return document.item[field]
      return field === 'question' ? document.question : document.text
    },
    tokenize: searchTerms,
    processTerm: (term) => term,
    searchOptions: {
      boost: { title: 3, question: 2, summary: 1.5, text: 1 },
      combineWith: 'AND',
      prefix: prefixFor,
      fuzzy: fuzzyFor,
    },
  })
  // The body text is indexed, not kept.
  const add = (added: SearchDocument[]) => {
    index.addAll(added)
    for (const { item, cancerType } of added) bySlug.set(item.slug, { item, cancerType })
    listed = [...bySlug.values()].sort(newestReviewFirst)
  }
  add(documents)

  return {
    async search(q, { cancerType, page = 1, limit = 20 }: SearchOptions = {}): Promise<PublicList> {
      const inType = (entry: Listed | undefined): entry is Listed => Boolean(entry) && (!cancerType || entry!.cancerType === cancerType)
      const matches = q.trim()
        ? index
            .search(q)
            .map((result) => bySlug.get(result.id as string))
            .filter(inType)
        : listed.filter(inType)
      const size = Math.min(Math.max(1, limit), MAX_LIMIT)
      const docs = matches.slice((page - 1) * size, page * size).map((entry) => entry.item)
      return { docs, totalDocs: matches.length, page, totalPages: Math.ceil(matches.length / size) }
    },
    replace(slugs, replacements) {
      for (const slug of new Set([...slugs, ...replacements.map(({ item }) => item.slug)])) {
        if (!bySlug.has(slug)) continue
        index.discard(slug)
        bySlug.delete(slug)
      }
      add(replacements)
    },
    listed: () => listed,
  }
}
