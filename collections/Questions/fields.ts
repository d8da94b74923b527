import type { SelectField } from 'payload'

/**
 * Question fields that the CSV import checks rows against, kept apart from the collection so the
 * import can read them without importing the collection (and, through its endpoints, itself).
 */
export const QUESTION_TEXT_MIN = 10
export const QUESTION_TEXT_MAX = 500

/** A question of punctuation alone ("???????????") is no question, in any script. */
export const QUESTION_WITHOUT_WORDS = 'The question has no words, only punctuation or symbols: write the question itself.'
export const hasWords = (text: string): boolean => /[\p{L}\p{N}]/u.test(text)

/**
 * Control characters (a bell, a terminal escape) and the two Unicode overrides that reverse text on
 * screen (U+202D, U+202E: "‮yrgrus" displays as "surgry" reversed) make a question read differently
 * from what is stored, on the review screen and in the prompt: refused, naming the first. The
 * embeddings and isolates (U+202A to U+202C, U+2066 to U+2069) only order runs of text, as phones
 * and word processors insert them around a Latin name in Arabic, Persian or Hebrew: they stay. Line
 * breaks and tabs are not among them either (they become spaces on save).
 */
export function hiddenCharacterRefusal(text: string): string | null {
  const found = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202d\u202e]/u.exec(text)
  if (!found) return null
  const code = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  return `The question contains an invisible control or text-direction character (${code}) that changes how it reads on screen: remove it.`
}

export const priorityField: SelectField = {
  name: 'priority',
  type: 'select',
  required: true,
  defaultValue: 'normal',
  index: true,
  options: [
    { label: 'Low', value: 'low' },
    { label: 'Normal', value: 'normal' },
    { label: 'High', value: 'high' },
    { label: 'Urgent', value: 'urgent' },
  ],
}

export const originField: SelectField = {
  name: 'origin',
  type: 'select',
  required: true,
  defaultValue: 'editorial',
  options: [
    { label: 'Patient submission', value: 'patient_submission' },
    { label: 'Search trend', value: 'search_trend' },
    { label: 'Editorial', value: 'editorial' },
  ],
}
