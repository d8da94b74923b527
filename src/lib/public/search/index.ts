import type { PublicList, PublicListItem } from '../queries'

/** One published answer as search sees it: its list entry, its cancer type now, and what is searched. */
export type SearchDocument = {
  item: PublicListItem
  /** The slug of the answer's cancer type as it is now (the list entry keeps the one it was published with). */
  cancerType: string
  question: string
  /** The body's text. */
  text: string
}

export type SearchOptions = { cancerType?: string; page?: number; limit?: number }

/**
 * Public search and lists behind one interface. A blank `q` lists every answer (newest review
 * first); otherwise the answers that match every word of `q`, best match first. Results are pages
 * of at most 100 list entries. The implementation (./miniSearch.ts) serves every database adapter
 * from memory; a database's own full-text index would be another implementation of this.
 */
export interface PublicSearch {
  search(q: string, options?: SearchOptions): Promise<PublicList>
}

export { createMiniSearch, MAX_LIMIT, queryTerms, type MiniSearchIndex } from './miniSearch'
export { searchTerms } from './terms'
