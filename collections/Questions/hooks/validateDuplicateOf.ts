import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { Question } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { QUESTIONS } from '@collections/slugs'

/** A question marked duplicate must say what it duplicates, and cannot duplicate itself. */
export const validateDuplicateOf: CollectionBeforeChangeHook<Question> = ({ data, originalDoc, req }) => {
  const status = data.status ?? originalDoc?.status
  const duplicateOf = relationId(data.duplicateOf !== undefined ? data.duplicateOf : originalDoc?.duplicateOf)
  const fail = (message: string) => new ValidationError({ collection: QUESTIONS, errors: [{ path: 'duplicateOf', message }], req })
  if (status === 'duplicate' && !duplicateOf) {
    throw fail('A question marked as duplicate must name the question it duplicates.')
  }
  if (duplicateOf && originalDoc && String(duplicateOf) === String(originalDoc.id)) {
    throw fail('A question cannot be a duplicate of itself.')
  }
  return data
}
