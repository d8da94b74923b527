import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import type { Answer } from '@/payload-types'
import { answerClaims, MAX_ANSWER_CLAIMS } from '@/lib/claims/answerClaims'
import { ANSWERS } from '@collections/slugs'

/**
 * Every claim is checked, stored with its flags and sent to the verifier, so their number is bounded
 * where the editor can act on it. The rich-text limits count nodes and characters, and 4,500 short
 * sentences in one paragraph pass both: their flags overflowed the SQLite adapter's insert (a 500).
 */
export const refuseTooManyClaims: CollectionBeforeValidateHook<Answer> = ({ data, originalDoc, req }) => {
  if (!data || (data.body === undefined && data.summary === undefined)) return data
  const merged = { ...originalDoc, ...data }
  const count = answerClaims({ summary: merged.summary, body: merged.body, citations: [] }).reduce(
    (sum, part) => sum + part.claims.length,
    0,
  )
  if (count > MAX_ANSWER_CLAIMS)
    throw new ValidationError({
      collection: ANSWERS,
      errors: [
        {
          path: 'body',
          message: `The answer has ${count.toLocaleString('en')} statements (sentences and list items), more than the ${MAX_ANSWER_CLAIMS} an answer can hold, so nothing was saved. Split it into shorter answers.`,
        },
      ],
      req,
    })
  return data
}
