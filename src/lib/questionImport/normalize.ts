/**
 * The text two questions are compared by: "Is surgery an option?" and "is surgery  an option" are
 * the same question to a patient, and so is one with characters inside that display as nothing (a
 * zero-width space, a soft hyphen, a word joiner, a combining grapheme joiner, a variation selector:
 * Unicode's default-ignorable code points, the format characters the site search drops among them).
 * Existing questions and file rows must go through this one function.
 */
export function duplicateKey(text: string): string {
  return text
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\p{P}\s]+$/u, '')
}

/** The text as it will be saved: the same whitespace rule as the questions collection's own hook. */
export const cleanQuestionText = (text: string) => text.replace(/\s+/g, ' ').trim()

/** "Patient submission", "patient-submission" and "PATIENT_SUBMISSION" all mean patient_submission. */
export const optionKey = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
