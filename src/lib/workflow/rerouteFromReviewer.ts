import type { PayloadRequest } from 'payload'

import type { Answer, User } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import { relationId, type Id } from '../relationId'
import { ROUTING } from './context'
import { assignReviewer, notifyNoReviewer } from './assignReviewer'
import { chooseReviewers } from './routing'
import { transitionAnswer } from './transitions'
import { restartedReviewDates } from './submitForReview'
import { now as clockNow } from '../clock'

/**
 * A reviewer who can no longer review (deactivated), or no longer some cancer types (a conflict
 * declared, a specialty removed: `cancerTypes`), leaves those open reviews: each answer in review
 * assigned to them gets a replacement if one is eligible, otherwise it waits for a reviewer and its
 * editor is told. In the caller's transaction.
 */
export async function rerouteFromReviewer(req: PayloadRequest, reviewerId: Id, cancerTypes?: readonly Id[]): Promise<number> {
  const { payload } = req
  const { docs } = await payload.find({
    collection: ANSWERS,
    where: {
      and: [
        { workflowStage: { equals: 'in_review' } },
        { assignedReviewers: { in: [reviewerId] } },
        ...(cancerTypes ? [{ cancerType: { in: [...cancerTypes] } }] : []),
      ],
    },
    draft: true,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const answer of docs as Answer[]) {
    const remaining = (answer.assignedReviewers ?? []).map((r) => relationId(r)!).filter((id) => String(id) !== String(reviewerId))
    const routing = await chooseReviewers({ ...answer, assignedReviewers: remaining }, req, remaining)
    const added = routing.reviewers.filter((r) => !remaining.map(String).includes(String(r.id)))
    const assigned = [...remaining, ...added.map((r) => r.id)]
    const waiting = assigned.length < routing.required
    await transitionAnswer(req, answer, 'reviewer_removed', {
      to: waiting ? 'awaiting_reviewer' : 'in_review',
      data: { assignedReviewers: assigned, ...(added.length > 0 ? restartedReviewDates(clockNow(), answer.reviewDueAt) : {}) },
      why: 'A reviewer is no longer available.',
      context: { [ROUTING]: true },
    })
    for (const reviewer of added as User[]) {
      await assignReviewer(
        req,
        answer,
        reviewer,
        `Please review this answer (reassigned from a reviewer who is no longer available):\n\n${answer.title}`,
      )
    }
    if (waiting)
      await notifyNoReviewer(
        req,
        answer,
        `A reviewer of "${answer.title}" is no longer available and no eligible replacement has capacity.`,
      )
  }
  return docs.length
}
