import type { DraftOutput } from '../drafting/draftSchema'
import { MAX_READING_GRADE, readingGrade } from '../grounding/readingGrade'
import { findAbsolute, findDirective } from '../grounding/wording'

// The rules live in src/lib/grounding (one definition each); this module keeps the drafter's
// stored warning codes.
export { MAX_READING_GRADE, readingGrade }

export type SafetyWarning = {
  code: 'uncited_section' | 'directive_language' | 'absolute_claim' | 'reading_grade' | 'missing_questions_to_ask' | 'missing_key_takeaway'
  where: string
  message: string
}

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
    const directive = findDirective(text)
    if (directive)
      warnings.push({
        code: 'directive_language',
        where,
        message: `Directive language aimed at the reader: "${directive}". Rephrase as general information.`,
      })
    const absolute = findAbsolute(text)
    if (absolute)
      warnings.push({
        code: 'absolute_claim',
        where,
        message: `Absolute claim: "${absolute}". Guidelines describe what is usual, not certain.`,
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
