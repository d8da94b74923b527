import type { PayloadRequest } from 'payload'

import type { Answer, User } from '@/payload-types'
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
  await tellReviewersReviewEnded(req, answer, reviewers, `${editor} withdrew "${answer.title}" from review${reason ? `: ${reason}` : '.'}`)
  return { stage: updated.workflowStage!, notified: reviewers.map((reviewer) => ({ id: reviewer.id, name: reviewer.name })) }
}

/**
 * Tells the reviewers of an answer whose review ended without their decision (withdrawn by an
 * editor, published by an admin override, taken offline by an admin) that none is needed from them.
 */
export async function tellReviewersReviewEnded(
  req: PayloadRequest,
  answer: Pick<Answer, 'id' | 'title'>,
  reviewers: Pick<User, 'email' | 'name'>[],
  what: string,
): Promise<void> {
  for (const reviewer of reviewers) {
    await notifyReviewer(req, answer, reviewer, {
      template: 'review_withdrawn',
      subject: `Review withdrawn: ${answer.title}`,
      text: [
        `Dear ${reviewer.name},`,
        what,
        'No decision is needed from you. If it is submitted again, you will get a new review request.',
        'The answer:',
      ].join('\n\n'),
    })
  }
}
