import type { Field, FieldAccess } from 'payload'

import type { Answer } from '@/payload-types'
import { isHeldForReview } from '@/lib/workflow/reviewLock'
import { REVIEWED_FIELDS } from '@/lib/workflow/states'

/**
 * The admin shows what a reviewer approves as read-only while they hold the answer: Payload renders
 * a field the user may not update as read-only. The refusal itself (409 with the reviewers' names,
 * for every caller) is refuseEditsInReview; this only keeps the form honest about it.
 */
export const editableOutsideReview: FieldAccess<Answer> = async ({ doc, req }) => !doc?.id || !(await isHeldForReview(req, doc))

/** Adds the review lock to the reviewed fields (REVIEWED_FIELDS) that have no update rule of their own. */
export function lockReviewedFields(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (!('name' in field) || field.type === 'ui' || !(REVIEWED_FIELDS as readonly string[]).includes(field.name)) return field
    if (field.access?.update) return field
    return { ...field, access: { ...field.access, update: editableOutsideReview } } as Field
  })
}
