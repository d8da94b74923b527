import { stemmer } from 'stemmer'
import { eng } from 'stopword'

const STOPWORDS = new Set(eng)
/** Characters that are wildcards to SQL LIKE: here they are searchable characters like any other. */
const LITERAL = /[%_\\]/
const WORDS = /[\p{L}\p{N}%_\\]+/gu

const stem = (word: string) => (STOPWORDS.has(word) ? [] : [stemmer(word)])

/**
 * The terms of a text or a query, the same for both: lower case, accents dropped, English
 * stopwords dropped, each word reduced to its stem (Porter: "pancreatic" and "pancreas" share the
 * prefix "pancrea"). A word holding `%`, `_` or `\` is also a term as written ("5%", "stage_iv"),
 * besides its parts and each such character on its own: `%` finds "5%", and "%%" or "s_a" find
 * only text that holds them literally.
 */
export function searchTerms(text: string): string[] {
  const words = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(WORDS) ?? []
  return words.flatMap((word) => {
    if (!LITERAL.test(word)) return stem(word)
    const parts = word.split(/([%_\\])/).filter(Boolean)
    return [...(parts.length > 1 ? [word] : []), ...parts.flatMap((part) => (LITERAL.test(part) ? [part] : stem(part)))]
  })
}

/** Prefix matching for stems of 3 characters or more, never for a term holding a literal character. */
export const prefixFor = (term: string): boolean => term.length >= 3 && !LITERAL.test(term)

/**
 * Typo tolerance: one edit for terms of 5 characters ("pancreatc"), two from 10; none for shorter
 * terms, where one edit turns a word into another ("scan" into "can").
 */
export const fuzzyFor = (term: string): number | false => (LITERAL.test(term) || term.length < 5 ? false : term.length < 10 ? 1 : 2)
