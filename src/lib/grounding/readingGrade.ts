import { fleschKincaid } from 'flesch-kincaid'
import { syllable } from 'syllable'

/** The product's reading level: grade 6 to 8 (DESIGN.md). */
export const MAX_READING_GRADE = 8
/** Below this many words a Flesch-Kincaid grade says little, so a section that short is not graded. */
export const MIN_WORDS_FOR_GRADE = 20

/** Flesch-Kincaid grade level of plain or Markdown text; null when there is no text. */
export function readingGrade(markdown: string): number | null {
  const { words, sentences, syllables } = textStatistics(markdown)
  if (words === 0 || sentences === 0) return null
  return fleschKincaid({ sentence: sentences, word: words, syllable: syllables })
}

export function textStatistics(markdown: string): { words: number; sentences: number; syllables: number } {
  const text = markdown.replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '').replace(/[*_#`>]/g, '')
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((sentence) => /[A-Za-z]/.test(sentence))
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []
  return { words: words.length, sentences: sentences.length, syllables: words.reduce((sum, word) => sum + syllable(word), 0) }
}
