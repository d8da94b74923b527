import MiniSearch from 'minisearch'

import type { PublicList } from '../queries'
import type { PublicSearch, SearchDocument, SearchOptions } from './index'
import { fuzzyFor, prefixFor, searchTerms } from './terms'

export const MAX_LIMIT = 100

/**
 * PublicSearch in memory with MiniSearch (BM25 ranking, prefix and fuzzy matching on stems). It
 * serves SQLite and MongoDB alike; README "Public search" says why and what it costs.
 * `documents` are in list order (newest review first), which a blank query returns.
 */
export function createMiniSearch(documents: SearchDocument[]): PublicSearch {
  const bySlug = new Map(documents.map((document) => [document.item.slug, document]))
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
  index.addAll(documents)

  return {
    async search(q, { cancerType, page = 1, limit = 20 }: SearchOptions = {}): Promise<PublicList> {
      const inType = (document: SearchDocument | undefined) => Boolean(document) && (!cancerType || document!.cancerType === cancerType)
      const matches = q.trim()
        ? index
            .search(q)
            .map((result) => bySlug.get(result.id as string))
            .filter(inType)
        : documents.filter(inType)
      const size = Math.min(Math.max(1, limit), MAX_LIMIT)
      const docs = matches.slice((page - 1) * size, page * size).map((document) => document!.item)
      return { docs, totalDocs: matches.length, page, totalPages: Math.ceil(matches.length / size) }
    },
  }
}
