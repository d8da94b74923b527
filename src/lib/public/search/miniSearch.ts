import MiniSearch, { type Query } from 'minisearch'

import type { PublicList } from '../queries'
import type { PublicSearch, SearchDocument, SearchOptions } from './index'
import { fuzzyFor, prefixFor, searchTerms, transpositions } from './terms'

export const MAX_LIMIT = 100
/**
 * The distinct words of a query that count (the rest are ignored). Each word is a prefix and
 * sometimes a typo lookup that scores every answer it matches: at 10,000 answers a 200-character
 * query of 33 words cost a second of CPU, while a patient's question rarely has more than eight
 * words left once stopwords are dropped.
 */
export const MAX_QUERY_TERMS = 10
/**
 * What a query searches for: null when it is blank (the whole list), else its distinct counted terms
 * in order. Queries with the same terms find the same answers, so the public API's response cache
 * keys searches by them (a query differing only by a character the terms leave out, such as an
 * invisible U+FEFF, must not share an entry with one it does not search like).
 */
export function queryTerms(q: string): string[] | null {
  return q.trim() ? [...new Set(searchTerms(q))].slice(0, MAX_QUERY_TERMS) : null
}
/** Terms per vacuum batch, and the pause between batches (ms; MiniSearch reads 0 as its default 10). */
const VACUUM_BATCHES = { batchSize: 2_000, batchWait: 1 }
/** Answers indexed between two yields of a full build (about 10 to 30 ms of work each here). */
const BUILD_CHUNK = 100
/** Weights of a typo match and a prefix match against an exact one (1); MiniSearch's defaults are 0.45 and 0.375. */
const FUZZY_WEIGHT = 0.1
const PREFIX_WEIGHT = 0.375
/** The field boosts for a term found with two letters swapped: a typo match's weight. */
const SWAP_BOOST = { title: 3 * FUZZY_WEIGHT, question: 2 * FUZZY_WEIGHT, summary: 1.5 * FUZZY_WEIGHT, text: FUZZY_WEIGHT }

/** What the index keeps of an answer besides its terms: its list entry and its cancer type now. */
type Listed = Pick<SearchDocument, 'item' | 'cancerType'>

/** The in-memory search, which the catalog updates in place when answers change. */
export type MiniSearchIndex = PublicSearch & {
  /**
   * Drops the answers with these slugs (those not there are ignored), then adds `documents`.
   * Resolves once the index holds no trace of the dropped answers.
   */
  replace(slugs: string[], documents: SearchDocument[]): Promise<void>
  /** Every answer, newest review first. */
  listed(): readonly Listed[]
}

const newestReviewFirst = (a: Listed, b: Listed) =>
  a.item.lastReviewedAt < b.item.lastReviewedAt ? 1 : a.item.lastReviewedAt > b.item.lastReviewedAt ? -1 : 0

/**
 * PublicSearch in memory with MiniSearch (BM25 ranking, prefix and fuzzy matching on stems). It
 * serves SQLite and MongoDB alike; README "Public search" says why and what it costs. A blank
 * query lists the answers newest review first (in the order given when dates are equal).
 *
 * A typo match counts for little: it is also what bridges the stemmer's gaps ("pancreatic" and
 * "pancreas", "metastatic" and "metastases" stem one letter apart), so it stays on, but at
 * MiniSearch's default weight a title's "living" ranked above the answer about liver spots for
 * "liver", and "drain" above "brain". At FUZZY_WEIGHT an exact word in the body outranks a typo
 * match in the title (boost 3).
 */
export async function createMiniSearch(documents: SearchDocument[]): Promise<MiniSearchIndex> {
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
    // Vacuumed by `replace` instead, at once: a discarded answer left in the index still counts in
    // the first ranking that meets it (MiniSearch drops it lazily, term by term, mid-scoring), and
    // that first ranking is the one the response cache keeps.
    autoVacuum: false,
    searchOptions: {
      boost: { title: 3, question: 2, summary: 1.5, text: 1 },
      combineWith: 'AND',
      prefix: prefixFor,
      fuzzy: fuzzyFor,
      weights: { fuzzy: FUZZY_WEIGHT, prefix: PREFIX_WEIGHT },
    },
  })
  // The body text is indexed, not kept.
  const list = (added: SearchDocument[]) => {
    for (const { item, cancerType } of added) bySlug.set(item.slug, { item, cancerType })
    listed = [...bySlug.values()].sort(newestReviewFirst)
  }
  const add = (added: SearchDocument[]) => {
    index.addAll(added)
    list(added)
  }
  // The full build in chunks, yielding between them: at 10,000 answers one synchronous addAll held
  // the process for seconds (3 to 7 s measured), and every request waited, the fast path included.
  await index.addAllAsync(documents, { chunkSize: BUILD_CHUNK })
  list(documents)

  return {
    async search(q, { cancerType, page = 1, limit = 20 }: SearchOptions = {}): Promise<PublicList> {
      const inType = (entry: Listed | undefined): entry is Listed => Boolean(entry) && (!cancerType || entry!.cancerType === cancerType)
      const terms = queryTerms(q)
      // Each term as typed (with its prefix and typo lookups), or with two letters swapped, which
      // counts like a typo match.
      const query: Query = {
        combineWith: 'AND',
        queries: (terms ?? []).map((term) => {
          const swaps = transpositions(term)
          if (swaps.length === 0) return term
          return {
            combineWith: 'OR',
            queries: [term, { combineWith: 'OR', queries: swaps, prefix: false, fuzzy: false, boost: SWAP_BOOST }],
          }
        }),
      }
      const matches = terms
        ? index
            .search(query, { tokenize: (term) => [term] })
            .map((result) => bySlug.get(result.id as string))
            .filter(inType)
        : listed.filter(inType)
      const size = Math.min(Math.max(1, limit), MAX_LIMIT)
      const docs = matches.slice((page - 1) * size, page * size).map((entry) => entry.item)
      return { docs, totalDocs: matches.length, page, totalPages: Math.ceil(matches.length / size) }
    },
    async replace(slugs, replacements) {
      for (const slug of new Set([...slugs, ...replacements.map(({ item }) => item.slug)])) {
        if (!bySlug.has(slug)) continue
        index.discard(slug)
        bySlug.delete(slug)
      }
      add(replacements)
      // One pass over every term of the index (about half a second at 10,000 answers), in batches that
      // let the server answer other requests in between. No search meets the half-clean index: the
      // catalog's readers wait for its update (src/lib/public/taggedValues.ts shares the build's promise).
      if (index.dirtCount > 0) await index.vacuum(VACUUM_BATCHES)
    },
    listed: () => listed,
  }
}
