import type { Payload, PayloadRequest, Where } from 'payload'

import type { Answer, Approval } from '@/payload-types'
import { APPROVALS } from '@collections/slugs'
import { relationId, type Id } from '../relationId'

/**
 * The answer's review cycle: how many times it was published. Answers published before cycles were
 * counted (reviewCycle 0 with a review record) are in their second cycle, so their old approvals,
 * recorded without a cycle, count only toward the first.
 */
export function currentReviewCycle(answer: Pick<Answer, 'reviewCycle' | 'lastReviewedAt'>): number {
  return answer.reviewCycle || (answer.lastReviewedAt ? 1 : 0)
}

/** Approvals given in the answer's current review cycle (those recorded before cycles existed belong to the first). */
export function inCurrentCycle(answer: Pick<Answer, 'reviewCycle' | 'lastReviewedAt'>): Where {
  const cycle = currentReviewCycle(answer)
  return cycle === 0 ? { or: [{ reviewCycle: { equals: 0 } }, { reviewCycle: { exists: false } }] } : { reviewCycle: { equals: cycle } }
}

/** The same rule as inCurrentCycle, for a decision already read. */
export function givenInCurrentCycle(
  decision: Pick<Approval, 'reviewCycle'>,
  answer: Pick<Answer, 'reviewCycle' | 'lastReviewedAt'>,
): boolean {
  return (decision.reviewCycle ?? 0) === currentReviewCycle(answer)
}

/**
 * Each reviewer's last decision on this exact content in the answer's current review cycle, by
 * reviewer id. A reviewer's later decision replaces their earlier one: an approval followed by a
 * request for changes or a rejection of the same content no longer vouches for it.
 */
export async function lastDecisionsOn(
  req: PayloadRequest,
  answer: Pick<Answer, 'id' | 'reviewCycle' | 'lastReviewedAt'>,
  hash: string,
  reviewer?: Id,
): Promise<Map<string, Approval>> {
  const { docs } = await req.payload.find({
    collection: APPROVALS,
    where: {
      and: [
        { answer: { equals: answer.id } },
        { contentHash: { equals: hash } },
        ...(reviewer === undefined ? [] : [{ reviewer: { equals: reviewer } }]),
        inCurrentCycle(answer),
      ],
    },
    sort: ['-createdAt', '-id'],
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const last = new Map<string, Approval>()
  for (const decision of docs) {
    const id = String(relationId(decision.reviewer))
    if (!last.has(id)) last.set(id, decision)
  }
  return last
}

/**
 * Whether a decision repeats the reviewer's last one rather than making a new one. Approving again
 * what one approved is a repeat (a double click, a retried request). Asking for changes or rejecting
 * sends the answer out of review, so meeting the same content in review again means the editor sent
 * it back as it was: the same decision now is a new round, with its own comment, and is recorded.
 */
export function repeatsLastDecision(
  last: Pick<Approval, 'decision'> | undefined,
  decision: Approval['decision'] | undefined,
  answer: Pick<Answer, 'workflowStage'>,
): boolean {
  if (decision === undefined || last?.decision !== decision) return false
  return decision === 'approve' || answer.workflowStage !== 'in_review'
}

/**
 * Of these answers, the ids of those whose current content this reviewer's last decision in the
 * current cycle approved: on a high-risk answer, the first approver waits for the second and owes no
 * decision. One read, whatever the number of answers.
 */
export async function approvedByReviewer(
  payload: Payload,
  reviewerId: Id,
  answers: Pick<Answer, 'id' | 'contentHash' | 'reviewCycle' | 'lastReviewedAt'>[],
  req?: PayloadRequest,
): Promise<Set<string>> {
  if (answers.length === 0) return new Set()
  const { docs } = await payload.find({
    collection: APPROVALS,
    where: { and: [{ reviewer: { equals: reviewerId } }, { answer: { in: answers.map((answer) => answer.id) } }] },
    sort: ['-createdAt', '-id'],
    select: { answer: true, contentHash: true, decision: true, reviewCycle: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    ...(req ? { req } : {}),
  })
  const approved = new Set<string>()
  for (const answer of answers) {
    const last = (docs as Approval[]).find(
      (decision) =>
        String(relationId(decision.answer)) === String(answer.id) &&
        decision.contentHash === answer.contentHash &&
        givenInCurrentCycle(decision, answer),
    )
    if (last?.decision === 'approve') approved.add(String(answer.id))
  }
  return approved
}
