/**
 * Quotes are exact: a citation's quote must occur in its passage. The comparison forgives only what
 * typing and rendering change without changing the words: case, runs of whitespace, curly versus
 * straight quote marks, the different dashes, and "…" versus "...". Client-safe (no Payload).
 */

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g
const SPACES = /[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g

/** The form in which a quote and its passage are compared. */
export function normalizeForQuote(text: string): string {
  return text
    .normalize('NFKC')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\u2026/g, '...')
    .replace(SPACES, ' ')
    .trim()
    .toLowerCase()
}

/** The shortest quote that points somewhere in a passage (after quote marks and ellipses are taken off). */
export const MIN_QUOTE_WORDS = 2
export const MIN_QUOTE_CHARACTERS = 8

/** `tooShort`: the quote may well be in the passage, but says nothing of where. */
export type QuoteCheck = { ok: true } | { ok: false; reason: string; tooShort?: true }

/**
 * Whether `quote` occurs in `passageText`. A quote may be wrapped in quote marks, may start or
 * end with an ellipsis (it was cut from a longer sentence) and may end with a full stop or comma; everything between must be the
 * passage's own words, in order, with nothing left out or added.
 */
export function quoteOccursIn(quote: string, passageText: string): QuoteCheck {
  const wanted = normalizeForQuote(quote)
    .replace(/^["']+|["']+$/g, '')
    .replace(/^(?:\.\.\.\s*)+|(?:\s*\.\.\.)+$/g, '')
    // A full stop or comma closing the quote is the quoting sentence's, not the passage's words.
    .replace(/[.,;:!?]+$/, '')
    .trim()
  if (wanted.length === 0) return { ok: false, reason: 'the quote is empty' }
  // "a" or "surgery" occurs in almost any passage, so it shows nothing of where the claim comes from.
  if (wanted.split(' ').length < MIN_QUOTE_WORDS || wanted.length < MIN_QUOTE_CHARACTERS)
    return {
      ok: false,
      tooShort: true,
      reason: `the quote "${wanted}" is too short to show where the claim comes from: quote at least ${MIN_QUOTE_WORDS} words (${MIN_QUOTE_CHARACTERS} characters) of the passage`,
    }
  if (normalizeForQuote(passageText).includes(wanted)) return { ok: true }
  return {
    ok: false,
    reason: `the quote does not occur in the passage (compared ignoring case, spacing, quote marks and dashes)${divergence(wanted, normalizeForQuote(passageText))}`,
  }
}

/** Where the quote stops matching the passage: its longest opening that the passage contains. */
function divergence(quote: string, passage: string): string {
  const words = quote.split(' ')
  let matched = 0
  while (matched < words.length && passage.includes(words.slice(0, matched + 1).join(' '))) matched += 1
  if (matched === 0) return ''
  return `; it matches up to "${words.slice(0, matched).join(' ')}" and differs from "${words[matched]}" on`
}
