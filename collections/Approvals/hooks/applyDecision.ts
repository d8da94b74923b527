import type { CollectionAfterChangeHook } from 'payload'

import type { Approval } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { applyReviewDecision } from '@/lib/workflow/applyReviewDecision'
import { REVIEWED_ANSWER } from '@/lib/workflow/context'
import { reviewedAnswer } from '@/lib/workflow/recordDecision'

/** In the same transaction as the decision: publish on enough approvals, or send the answer back. */
export const applyDecision: CollectionAfterChangeHook<Approval> = async ({ context, doc, operation, req }) => {
  if (operation !== 'create') return doc
  const reviewerName = (req.user as { name?: string } | null)?.name ?? 'The reviewer'
  const answerId = relationId(doc.answer)!
  // The answer bindApprovalToContent checked, unchanged since (only the approval was written).
  const answer = reviewedAnswer(context, answerId)
  delete context[REVIEWED_ANSWER]
  await applyReviewDecision({ answerId, answer, decision: doc.decision, comment: doc.comment, reviewerName, req })
  return doc
}
