import type { PayloadRequest } from 'payload'

import type { Answer } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import { NotFound } from '../errors'
import { relationId, type Id } from '../relationId'

/** An answer as the workflow acts on it (its newest version, drafts included), or null. */
export async function findAnswer(req: PayloadRequest, answerId: Id): Promise<Answer | null> {
  return (await req.payload.findByID({
    collection: ANSWERS,
    id: answerId,
    draft: true,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })) as Answer | null
}

/** Like findAnswer, for a use case given an id by its caller: an unknown one is a 404 that names it. */
export async function loadAnswer(req: PayloadRequest, answerId: Id): Promise<Answer> {
  const answer = await findAnswer(req, answerId)
  if (!answer) throw new NotFound(`Answer ${answerId} does not exist.`)
  return answer
}

/** Whether this user is among the answer's assigned reviewers. */
export const isAssignedTo = (answer: Pick<Answer, 'assignedReviewers'>, userId: Id | undefined): boolean =>
  userId !== undefined && (answer.assignedReviewers ?? []).some((assignee) => String(relationId(assignee)) === String(userId))

/**
 * Like loadAnswer, for a reviewer acting on an answer assigned to them (a decision, a claim mark): one
 * not assigned to them is the same 404 as an unknown id, as the answer's own read and the review
 * screen answer, so that a reviewer cannot learn which answers exist outside their queue.
 */
export async function loadAssignedAnswer(req: PayloadRequest, answerId: Id): Promise<Answer> {
  const answer = await findAnswer(req, answerId)
  if (!answer || !isAssignedTo(answer, req.user?.id)) throw new NotFound(`Answer ${answerId} does not exist.`)
  return answer
}
