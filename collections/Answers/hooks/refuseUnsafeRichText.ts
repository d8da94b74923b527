import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import type { Answer } from '@/payload-types'
import { richTextRefusal } from '@/lib/richTextPolicy'
import { ANSWERS } from '@collections/slugs'

/**
 * Issue 10 item 1: the body is checked against the editor's allow-list on every save. A collection
 * hook, not a field `validate`, because Payload skips field validation on draft saves and drafts
 * are exactly what reviewers open. The drafter (model output) and the seed save through here too.
 */
export const refuseUnsafeRichText: CollectionBeforeValidateHook<Answer> = ({ data, req }) => {
  if (!data || data.body === undefined) return data
  const refusal = richTextRefusal(data.body, 'body')
  if (refusal) throw new ValidationError({ collection: ANSWERS, errors: [{ path: 'body', message: refusal }], req })
  return data
}
