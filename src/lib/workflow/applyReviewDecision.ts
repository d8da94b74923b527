import { createLocalReq, type PayloadRequest } from 'payload'

import type { Answer, Approval } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import type { Id } from '../relationId'
import { notifyEditor } from './outbox'
import { publishIfApproved } from './publishIfApproved'
import { afterCommit } from '../database/afterCommit'
import { withTransaction } from '../transaction'
import { transitionAnswer } from './transitions'

/** What a recorded decision does to its answer and question. */
export async function applyReviewDecision({
  answerId,
  answer: loaded,
  decision,
  comment,
  reviewerName,
  req,
}: {
  answerId: Id
  /** The answer as already read in this transaction, if it was (saves reading it again). */
  answer?: Answer
  decision: Approval['decision']
  comment?: string | null
  reviewerName: string
  req: PayloadRequest
}): Promise<void> {
  const current =
    loaded ?? (await req.payload.findByID({ collection: ANSWERS, id: answerId, draft: true, depth: 0, overrideAccess: true, req }))
  if (decision === 'approve') {
    const outcome = await publishIfApproved(current, req)
    if (outcome.published) return announcePublished(req, outcome.published, outcome.approvals)
    // Two approvals committed at the same moment on MongoDB each count only their own (snapshot
    // isolation), and neither would publish. Counting again once this one has committed, in a
    // transaction of its own, sees both: the later of the two counts does. On SQLite, where write
    // transactions take turns, the count here already saw the other and this finds nothing to do.
    if (outcome.approvals > 0 && outcome.required > 1) await afterCommit(req, () => countApprovalsAgain(req, answerId))
    return
  }
  // The question follows (transitions.followAnswer): back to the editor with changes requested;
  // after a rejection, to where it stands without this draft (its live answer, else drafted).
  const answer = await transitionAnswer(req, current, decision === 'reject' ? 'reject' : 'request_changes', {
    why: `${reviewerName}: ${comment ?? ''}`.trim(),
  })
  await notifyEditor(req, answer, {
    template: decision === 'reject' ? 'answer_rejected' : 'changes_requested',
    subject: `${decision === 'reject' ? 'Rejected' : 'Changes requested'}: ${answer.title}`,
    text: `${reviewerName} ${decision === 'reject' ? 'rejected' : 'requested changes to'} "${answer.title}":

${comment ?? ''}`,
  })
}

async function announcePublished(req: PayloadRequest, answer: Answer, approvals: number) {
  await notifyEditor(req, answer, {
    template: 'answer_published',
    subject: `Published: ${answer.title}`,
    text: `"${answer.title}" was approved by ${approvals} reviewer(s) and is now live. Next review due ${String(answer.nextReviewDue).slice(0, 10)}.`,
  })
}

/**
 * The approval rule again on the answer as committed, if it is still in review, as the reviewer whose
 * approval asked for it (the workflow record credits them, not "the system").
 */
export async function countApprovalsAgain(req: PayloadRequest, answerId: Id): Promise<void> {
  const { payload } = req
  await withTransaction(await createLocalReq({ user: req.user ?? undefined }, payload), async (tx) => {
    const answer = await payload.findByID({ collection: ANSWERS, id: answerId, draft: true, depth: 0, overrideAccess: true, req: tx })
    if (answer.workflowStage !== 'in_review') return
    const outcome = await publishIfApproved(answer, tx)
    if (outcome.published) await announcePublished(tx, outcome.published, outcome.approvals)
  })
}
