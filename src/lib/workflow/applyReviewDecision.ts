import type { PayloadRequest } from 'payload'

import type { Approval } from '@/payload-types'
import { ANSWERS, QUESTIONS } from '../../../collections/slugs'
import { relationId } from '../relationId'
import { publishIfApproved } from './publishIfApproved'

/** What a recorded decision does to its answer and question. */
export async function applyReviewDecision({
  answerId,
  decision,
  req,
}: {
  answerId: number | string
  decision: Approval['decision']
  req: PayloadRequest
}): Promise<void> {
  if (decision === 'approve') {
    await publishIfApproved(answerId, req)
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
  if (decision === 'request_changes') {
    await req.payload.update({
      collection: QUESTIONS,
      id: relationId(answer.question)!,
      data: { status: 'changes_requested' },
      overrideAccess: true,
      req,
    })
  }
}
