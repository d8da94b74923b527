import type { FieldHook } from 'payload'

import type { Question } from '@/payload-types'
import { duplicateKey } from '@/lib/questionImport/normalize'

/**
 * Kept with every save so the CSV import and the intake API can look their rows up by an indexed
 * key instead of reading every question in the backlog. Whatever a caller sends is replaced.
 */
export const keyForDuplicates: FieldHook<Question, string | null | undefined, Question> = ({ siblingData, originalDoc, value }) => {
  const text = typeof siblingData?.text === 'string' ? siblingData.text : originalDoc?.text
  return typeof text === 'string' ? duplicateKey(text) : value
}
