import type { PayloadRequest } from 'payload'

import type { Approval } from '@/payload-types'
import { ANSWERS, QUESTIONS } from '../../../collections/slugs'
import { relationId, type Id } from '../relationId'
import { notifyEditor } from './outbox'
import { publishIfApproved } from './publishIfApproved'

/** What a recorded decision does to its answer and question. */
export async function applyReviewDecision({
  answerId,
  decision,
  comment,
  reviewerName,
  req,
}: {
  answerId: Id
  decision: Approval['decision']
  comment?: string | null
  reviewerName: string
  req: PayloadRequest
}): Promise<void> {
  if (decision === 'approve') {
    const outcome = await publishIfApproved(answerId, req)
    if (outcome.published) {
      const answer = await req.payload.findByID({ collection: ANSWERS, id: answerId, depth: 0, overrideAccess: true, req })
      await notifyEditor(req, answer, {
        template: 'answer_published',
        subject: `Published: ${answer.title}`,
        text: `"${answer.title}" was approved by ${outcome.approvals} reviewer(s) and is now live. Next review due ${String(answer.nextReviewDue).slice(0, 10)}.`,
      })
    }
    return
  }
  const stage = decision === 'reject' ? 'rejected' : 'changes_requested'
  const answer = await req.payload.update({
    collection: ANSWERS,
    id: answerId,
    data: { workflowStage: stage },
    draft: true,
    depth: 0,
    overrideAccess: true,
    req,
  })
  // The question follows: back to the editor with changes requested; after a rejection, to where it
  // stands without this draft (its live answer if it has one, else drafted, to redraft or archive).
  const { totalDocs: live } = await req.payload.count({
    collection: ANSWERS,
    where: { and: [{ id: { equals: answerId } }, { _status: { equals: 'published' } }] },
    overrideAccess: true,
    req,
  })
  await req.payload.update({
    collection: QUESTIONS,
    id: relationId(answer.question)!,
    data: { status: decision === 'request_changes' ? 'changes_requested' : live > 0 ? 'published' : 'drafted' },
    overrideAccess: true,
    req,
  })
  await notifyEditor(req, answer, {
    template: decision === 'reject' ? 'answer_rejected' : 'changes_requested',
    subject: `${decision === 'reject' ? 'Rejected' : 'Changes requested'}: ${answer.title}`,
    text: `${reviewerName} ${decision === 'reject' ? 'rejected' : 'requested changes to'} "${answer.title}":

${comment ?? ''}`,
  })
}
