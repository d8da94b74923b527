import type { PayloadRequest } from 'payload'

import { Conflict } from '../errors'
import type { Id } from '../relationId'
import { notifyReviewer } from './outbox'
import { assignedReviewersOf } from './reviewLock'
import { answerStageLabel, isLockedForReview, type AnswerStage } from './states'
import { transitionAnswer } from './transitions'
import { loadAnswer } from '../answers/loadAnswer'

export type Withdrawal = { stage: AnswerStage; notified: { id: Id; name: string }[] }

/**
 * An editor takes an answer out of review so it can be edited again, in the caller's transaction:
 * the answer goes back to draft (the question follows), the history records who, when and why, and
 * each assigned reviewer is emailed that no decision is needed. The assignment stays on the draft,
 * so a decision the reviewer still sends is refused as "not awaiting review" rather than "not
 * yours"; submitting again routes it afresh.
 */
export async function withdrawFromReview(req: PayloadRequest, answerId: Id, reason: string | null): Promise<Withdrawal> {
  const answer = await loadAnswer(req, answerId)
  if (!isLockedForReview(answer.workflowStage)) {
    throw new Conflict(
      `This answer is not in review (it is ${answerStageLabel(answer.workflowStage).toLowerCase()}), so there is nothing to withdraw.`,
    )
  }
  const reviewers = answer.workflowStage === 'in_review' ? await assignedReviewersOf(req, answer) : []
  const editor = (req.user as { name?: string } | null)?.name ?? 'An editor'
  const updated = await transitionAnswer(req, answer, 'withdraw_review', {
    data: { reviewDueAt: null, reviewRemindedAt: null, reviewEscalatedAt: null },
    why: reason ? `Withdrawn from review: ${reason}` : 'Withdrawn from review.',
  })
  for (const reviewer of reviewers) {
    await notifyReviewer(req, answer, reviewer, {
      template: 'review_withdrawn',
      subject: `Review withdrawn: ${answer.title}`,
      text: [
        `Dear ${reviewer.name},`,
        `${editor} withdrew "${answer.title}" from review${reason ? `: ${reason}` : '.'}`,
        'No decision is needed from you. If it is submitted again, you will get a new review request.',
        'The answer:',
      ].join('\n\n'),
    })
  }
  return { stage: updated.workflowStage!, notified: reviewers.map((reviewer) => ({ id: reviewer.id, name: reviewer.name })) }
}
