/**
 * A section's text as claims: each sentence of a paragraph and each bullet or numbered item is one
 * claim. Markdown is reduced to its words first (list markers, emphasis, links, inline code), so a
 * claim is what a patient reads. Headings are not claims. Client-safe.
 */

// Abbreviations whose full stop does not end a sentence ("e.g. Dr. Smith", "approx. 5 cm").
const ABBREVIATIONS = [
  'e.g.',
  'i.e.',
  'etc.',
  'vs.',
  'cf.',
  'approx.',
  'dr.',
  'drs.',
  'mr.',
  'mrs.',
  'ms.',
  'prof.',
  'st.',
  'no.',
  'nos.',
  'fig.',
  'figs.',
  'al.',
  'inc.',
  'ltd.',
  'jr.',
  'sr.',
  'min.',
  'max.',
  'est.',
  'ca.',
  'u.s.',
  'u.k.',
  'a.m.',
  'p.m.',
  'wk.',
  'wks.',
  'mo.',
  'mos.',
  'yr.',
  'yrs.',
  'hr.',
  'hrs.',
]
const MASK = '\u0000'
const ABBREVIATION = new RegExp(
  `(?<![\\p{L}])(?:${ABBREVIATIONS.map((abbreviation) => abbreviation.replace(/\./g, '\\.')).join('|')})`,
  'giu',
)
// A full stop ends a sentence when a space and a capital, digit or opening mark follow it.
const SENTENCE_END = /(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[\p{Lu}\d])/u
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)]|[a-z][.)])\s+/i

/** Markdown inline syntax reduced to its text. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])/g, '$1')
    .replace(/^\s*>\s?/gm, '')
}

// A list's number or letter written inline ("...in steps. 1. A stent..."): not a sentence of its own.
const ENUMERATOR = /^(?:\d{1,3}|[a-z])[.)]$/i

/**
 * Sentences of one paragraph, keeping abbreviations, decimals ("2.5 mg") and initials whole, and an
 * inline list's "1." with the sentence it numbers.
 */
export function splitSentences(text: string): string[] {
  const masked = text.replace(ABBREVIATION, (abbreviation) => abbreviation.replace(/\./g, MASK))
  const pieces = masked.split(SENTENCE_END).map((sentence) => sentence.replaceAll(MASK, '.').replace(/\s+/g, ' ').trim())
  const sentences: string[] = []
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index]!
    sentences.push(ENUMERATOR.test(piece) && index + 1 < pieces.length ? `${piece} ${pieces[++index]}` : piece)
  }
  return sentences.filter((sentence) => /[\p{L}\d]/u.test(sentence))
}

/** Claims in a section's Markdown or plain text, in reading order. Headings are skipped. */
export function splitClaims(markdown: string): string[] {
  const claims: string[] = []
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length > 0) claims.push(...splitSentences(plainText(paragraph.join(' '))))
    paragraph = []
  }
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*$/.test(line) || /^\s*#{1,6}\s/.test(line) || /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/.test(line)) {
      flush()
      continue
    }
    if (LIST_ITEM.test(line)) {
      flush()
      paragraph.push(line.replace(LIST_ITEM, ''))
      continue
    }
    paragraph.push(line.trim())
  }
  flush()
  return claims
}
