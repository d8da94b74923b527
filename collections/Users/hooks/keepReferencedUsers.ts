import type { CollectionBeforeDeleteHook } from 'payload'

import { Conflict } from '@/lib/errors'
import { ANSWERS, APPROVALS } from '@collections/slugs'

/**
 * Review decisions and answers name the people behind them; deleting such a person would erase
 * who approved what. They are deactivated instead (active: off, roles removed).
 */
export const keepReferencedUsers: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs: decisions } = await req.payload.count({
    collection: APPROVALS,
    where: { reviewer: { equals: id } },
    overrideAccess: true,
    req,
  })
  const { totalDocs: answers } = await req.payload.count({
    collection: ANSWERS,
    where: {
      or: [
        { reviewedBy: { in: [id] } },
        { lastEditedBy: { equals: id } },
        { 'provenance.author': { equals: id } },
        { assignedReviewers: { in: [id] } },
      ],
    },
    overrideAccess: true,
    req,
  })
  if (decisions + answers > 0) {
    throw new Conflict(
      `This person is on record in ${decisions} review decision(s) and ${answers} answer(s), which must keep saying who did what. Deactivate the account instead (untick "Active"): it can no longer sign in, and its sessions end.`,
    )
  }
}
