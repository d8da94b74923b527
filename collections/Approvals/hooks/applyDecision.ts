import type { CollectionAfterChangeHook } from 'payload'

import type { Approval } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { applyReviewDecision } from '@/lib/workflow/applyReviewDecision'

/** In the same transaction as the decision: publish on enough approvals, or send the answer back. */
export const applyDecision: CollectionAfterChangeHook<Approval> = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const reviewerName = (req.user as { name?: string } | null)?.name ?? 'The reviewer'
  await applyReviewDecision({ answerId: relationId(doc.answer)!, decision: doc.decision, comment: doc.comment, reviewerName, req })
  return doc
}
