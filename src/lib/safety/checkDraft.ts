import { fleschKincaid } from 'flesch-kincaid'
import { syllable } from 'syllable'

import type { DraftOutput } from '../drafting/draftSchema'

export const MAX_READING_GRADE = 8

export type SafetyWarning = {
  code: 'uncited_section' | 'directive_language' | 'absolute_claim' | 'reading_grade' | 'missing_questions_to_ask' | 'missing_key_takeaway'
  where: string
  message: string
}

// Telling the reader what to do with their own treatment is advice, not information.
const DIRECTIVE =
  /\byou\s+(?:should|must|need to|have to|ought to|shouldn['’]t|must not)\b|\b(?:stop|start|quit)\s+taking\b|\bdo not take\b|\bdon['’]t take\b/i
// Guidelines describe what is usual, not what is certain.
const ABSOLUTE = /\b(?:always|never|cures?|cured|guarantee[sd]?|guaranteed|100%|definitely|certainly|completely safe|no risk)\b/i

/** Warnings a reviewer sees beside the draft. They inform review; they do not block it. */
export function checkDraft(
  draft: Pick<DraftOutput, 'directAnswer' | 'sections' | 'questionsToAsk' | 'keyTakeaway'> & { directAnswerCitations?: unknown[] },
): SafetyWarning[] {
  const warnings: SafetyWarning[] = []
  const parts: { where: string; text: string }[] = [
    { where: 'direct answer', text: draft.directAnswer },
    ...draft.sections.map((section) => ({ where: `section "${section.heading}"`, text: `${section.heading}. ${section.markdown}` })),
    { where: 'key takeaway', text: draft.keyTakeaway ?? '' },
  ]

  if (draft.directAnswerCitations !== undefined && draft.directAnswerCitations.length === 0) {
    warnings.push({ code: 'uncited_section', where: 'direct answer', message: 'The direct answer cites no guideline passage.' })
  }
  for (const section of draft.sections) {
    if (!section.citations || section.citations.length === 0) {
      warnings.push({ code: 'uncited_section', where: `section "${section.heading}"`, message: 'This section cites no guideline passage.' })
    }
  }
  for (const { where, text } of parts) {
    const directive = text.match(DIRECTIVE)
    if (directive)
      warnings.push({
        code: 'directive_language',
        where,
        message: `Directive language aimed at the reader: "${directive[0]}". Rephrase as general information.`,
      })
    const absolute = text.match(ABSOLUTE)
    if (absolute)
      warnings.push({
        code: 'absolute_claim',
        where,
        message: `Absolute claim: "${absolute[0]}". Guidelines describe what is usual, not certain.`,
      })
  }
  if (!draft.questionsToAsk || draft.questionsToAsk.length === 0) {
    warnings.push({ code: 'missing_questions_to_ask', where: 'questions to ask', message: 'No questions to ask the oncology team.' })
  }
  if (!draft.keyTakeaway || draft.keyTakeaway.trim() === '') {
    warnings.push({ code: 'missing_key_takeaway', where: 'key takeaway', message: 'No key takeaway.' })
  }
  const grade = readingGrade(parts.map((part) => part.text).join('\n'))
  if (grade !== null && grade > MAX_READING_GRADE) {
    warnings.push({
      code: 'reading_grade',
      where: 'whole answer',
      message: `Reading grade ${grade.toFixed(1)} is above ${MAX_READING_GRADE} (Flesch-Kincaid). Use shorter sentences and simpler words.`,
    })
  }
  return warnings
}

/** Flesch-Kincaid grade level of plain or Markdown text; null when there is no text. */
export function readingGrade(markdown: string): number | null {
  const text = markdown.replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '').replace(/[*_#`>]/g, '')
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((sentence) => /[A-Za-z]/.test(sentence))
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []
  if (words.length === 0 || sentences.length === 0) return null
  const syllables = words.reduce((sum, word) => sum + syllable(word), 0)
  return fleschKincaid({ sentence: sentences.length, word: words.length, syllable: syllables })
}
