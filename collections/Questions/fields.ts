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
