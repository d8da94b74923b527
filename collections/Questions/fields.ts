import type { SelectField } from 'payload'

/**
 * Question fields that the CSV import checks rows against, kept apart from the collection so the
 * import can read them without importing the collection (and, through its endpoints, itself).
 */
export const QUESTION_TEXT_MIN = 10
export const QUESTION_TEXT_MAX = 500

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
