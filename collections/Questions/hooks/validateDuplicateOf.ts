import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { Question } from '@/payload-types'
import { copiesOf, copiesRefusal } from '@/lib/backlog/duplicates'
import { relationId } from '@/lib/relationId'
import { QUESTIONS } from '@collections/slugs'

/**
 * A question marked duplicate must say what it duplicates, and the original must be a question of
 * its own: not itself, and not one already marked duplicate (a chain could close into a cycle where
 * no question is left as the original). Nor may a question others duplicate become one.
 */
export const validateDuplicateOf: CollectionBeforeChangeHook<Question> = async ({ data, originalDoc, req }) => {
  const status = data.status ?? originalDoc?.status
  const duplicateOf = relationId(data.duplicateOf !== undefined ? data.duplicateOf : originalDoc?.duplicateOf)
  const fail = (message: string) => new ValidationError({ collection: QUESTIONS, errors: [{ path: 'duplicateOf', message }], req })
  if (status === 'duplicate' && !duplicateOf) {
    throw fail('A question marked as duplicate must name the question it duplicates.')
  }
  if (duplicateOf && originalDoc && String(duplicateOf) === String(originalDoc.id)) {
    throw fail('A question cannot be a duplicate of itself.')
  }
  if (status === 'duplicate' && originalDoc && originalDoc.status !== 'duplicate') {
    const copies = await copiesOf(req, originalDoc.id)
    if (copies > 0) throw fail(copiesRefusal(copies))
  }
  const named = relationId(data.duplicateOf)
  if (status === 'duplicate' && named !== undefined && String(named) !== String(relationId(originalDoc?.duplicateOf))) {
    const original = await req.payload.findByID({
      collection: QUESTIONS,
      id: named,
      select: { status: true, duplicateOf: true },
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (original?.status === 'duplicate') {
      const root = relationId(original.duplicateOf)
      throw fail(
        `Question ${named} is itself marked as a duplicate${root === undefined ? '' : ` of question ${root}`}; mark this one as a duplicate of the question it duplicates.`,
      )
    }
  }
  return data
}
