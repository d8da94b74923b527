/**
 * Where a citation's quote lies in its passage, for highlighting on the review screen: compared as
 * grounding/quotes.ts compares them (case, runs of whitespace, curly or straight quote marks, dashes
 * and "…" forgiven; surrounding quote marks, an opening or closing ellipsis and closing punctuation
 * are the quoting sentence's). Client-safe. Null when the quote is not in the passage.
 */
const SPACE = '[\\s\\u00A0\\u2000-\\u200B\\u202F\\u205F\\u3000]+'
const SINGLE = "['\\u2018\\u2019\\u201A\\u201B\\u2032\\u0060\\u00B4]"
const DOUBLE = '["\\u201C\\u201D\\u201E\\u201F\\u2033\\u00AB\\u00BB]'
const DASH = '[-\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D]'

export function quoteSpan(passage: string, quote: string | null | undefined): { start: number; end: number } | null {
  const wanted = (quote ?? '')
    .trim()
    .replace(/^["'\u2018\u2019\u201C\u201D]+|["'\u2018\u2019\u201C\u201D]+$/g, '')
    .replace(/^(?:(?:\.\.\.|\u2026)\s*)+|(?:\s*(?:\.\.\.|\u2026))+$/g, '')
    .replace(/[.,;:!?]+$/, '')
    .trim()
  if (!wanted) return null
  let pattern = ''
  for (const piece of wanted.match(/\s+|\.\.\.|./gsu) ?? []) {
    if (/^\s+$/.test(piece)) pattern += SPACE
    else if (piece === '...' || piece === '\u2026') pattern += '(?:\\.\\.\\.|\\u2026)'
    else if (new RegExp(`^${SINGLE}$`, 'u').test(piece)) pattern += SINGLE
    else if (new RegExp(`^${DOUBLE}$`, 'u').test(piece)) pattern += DOUBLE
    else if (new RegExp(`^${DASH}$`, 'u').test(piece)) pattern += DASH
    else pattern += piece.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  const match = new RegExp(pattern, 'iu').exec(passage)
  return match ? { start: match.index, end: match.index + match[0].length } : null
}

/** The passage as pieces, the quoted one marked: rendered as text nodes, never as HTML. */
export function quotePieces(passage: string, quote: string | null | undefined): { text: string; quoted: boolean }[] {
  const span = quoteSpan(passage, quote)
  if (!span) return [{ text: passage, quoted: false }]
  return [
    { text: passage.slice(0, span.start), quoted: false },
    { text: passage.slice(span.start, span.end), quoted: true },
    { text: passage.slice(span.end), quoted: false },
  ].filter((piece) => piece.text !== '')
}
