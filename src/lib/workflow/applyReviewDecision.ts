import type { PayloadRequest } from 'payload'

import type { Answer, Approval } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import type { Id } from '../relationId'
import { notifyEditor } from './outbox'
import { publishIfApproved } from './publishIfApproved'
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
    if (outcome.published) {
      const answer = outcome.published
      await notifyEditor(req, answer, {
        template: 'answer_published',
        subject: `Published: ${answer.title}`,
        text: `"${answer.title}" was approved by ${outcome.approvals} reviewer(s) and is now live. Next review due ${String(answer.nextReviewDue).slice(0, 10)}.`,
      })
    }
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
