import { fleschKincaid } from 'flesch-kincaid'
import { syllable } from 'syllable'

import { memoByText } from './memo'

/** The product's reading level: grade 6 to 8 (DESIGN.md). */
export const MAX_READING_GRADE = 8
/** Below this many words a Flesch-Kincaid grade says little, so a section that short is not graded. */
export const MIN_WORDS_FOR_GRADE = 20

type TextStatistics = { words: number; sentences: number; syllables: number }

/** Flesch-Kincaid grade level of plain or Markdown text; null when there is no text. */
export function readingGrade(markdown: string): number | null {
  return gradeOf(textStatistics(markdown))
}

/** The grade of text already counted (the checks also need its word count). */
export function gradeOf({ words, sentences, syllables }: TextStatistics): number | null {
  if (words === 0 || sentences === 0) return null
  return fleschKincaid({ sentence: sentences, word: words, syllable: syllables })
}

// An answer's words recur across its sections and across answers; counting the syllables of each
// word once was a measurable part of an answer's save (see the README, "Publishing ... at volume").
const syllablesOf = memoByText(syllable, 20_000)

export function textStatistics(markdown: string): TextStatistics {
  const text = markdown.replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '').replace(/[*_#`>]/g, '')
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((sentence) => /[A-Za-z]/.test(sentence))
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []
  return { words: words.length, sentences: sentences.length, syllables: words.reduce((sum, word) => sum + syllablesOf(word), 0) }
}
