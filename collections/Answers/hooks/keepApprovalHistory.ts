import type { CollectionBeforeDeleteHook } from 'payload'

import { Conflict } from '@/lib/errors'
import { APPROVALS } from '@collections/slugs'

/** Approvals are the audit trail of what a clinician vouched for; their answer must outlive them. */
export const keepApprovalHistory: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs } = await req.payload.count({ collection: APPROVALS, where: { answer: { equals: id } }, overrideAccess: true, req })
  if (totalDocs > 0) {
    throw new Conflict(
      `This answer has ${totalDocs} review decision(s) on record, which are kept for audit. Archive its question instead of deleting it.`,
    )
  }
}
