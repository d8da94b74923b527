import type { CollectionBeforeValidateHook } from 'payload'

import type { Question } from '@/payload-types'

/** Whitespace is not content: "   " is an empty question, and pasted line breaks collapse. */
export const normalizeQuestionText: CollectionBeforeValidateHook<Question> = ({ data }) => {
  if (data && typeof data.text === 'string') data.text = data.text.replace(/\s+/g, ' ').trim()
  return data
}
