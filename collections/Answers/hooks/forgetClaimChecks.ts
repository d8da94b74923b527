import type { CollectionBeforeDeleteHook } from 'payload'

import { CLAIM_CHECKS } from '@collections/slugs'

/**
 * A reviewer's claim marks are a reading aid for one answer, not an audit record (the approval is):
 * they go with the answer, in the delete's transaction, so none is left pointing at nothing.
 */
export const forgetClaimChecks: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: CLAIM_CHECKS, where: { answer: { equals: id } }, overrideAccess: true, req })
}
