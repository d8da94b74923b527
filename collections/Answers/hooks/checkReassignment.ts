import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook } from 'payload'

import type { Answer, User } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { ROUTING } from '@/lib/workflow/context'
import { assignReviewer } from '@/lib/workflow/assignReviewer'
import { notifyReviewer } from '@/lib/workflow/outbox'
import { restartedReviewDates } from '@/lib/workflow/submitForReview'
import { now as clockNow } from '@/lib/clock'
import { reviewerIneligibility } from '@/lib/workflow/reviewerEligibility'
import { ANSWERS, USERS } from '@collections/slugs'
import { pageAuthors } from '@/lib/workflow/pageAuthors'

const added = (next: Answer['assignedReviewers'], before: Answer['assignedReviewers']) => {
  const previous = new Set((before ?? []).map((r) => String(relationId(r))))
  return (next ?? []).map((r) => relationId(r)!).filter((id) => !previous.has(String(id)))
}

/**
 * An editor reassigning a review may only pick eligible reviewers (the routing rule), and is told
 * why not. Server code (routing) already chose eligible ones.
 */
export const checkReassignment: CollectionBeforeChangeHook<Answer> = async ({ context, data, originalDoc, req }) => {
  if (!req.user || context[ROUTING] === true || data.assignedReviewers === undefined) return data
  const newIds = added(data.assignedReviewers, originalDoc?.assignedReviewers)
  if (newIds.length === 0) return data
  const { docs } = await req.payload.find({
    collection: USERS,
    where: { id: { in: newIds } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const merged = { ...originalDoc, ...data } as Answer
  const authors = await pageAuthors(req, merged)
  const problems = (docs as User[])
    .map((user) => [user, reviewerIneligibility(user, merged, authors)] as const)
    .filter(([, reason]) => reason)
    .map(([user, reason]) => `${user.name} cannot review this answer: they ${reason!.replace(/\byour\b/g, 'their')}.`)
  if (problems.length > 0) {
    throw new ValidationError({ collection: ANSWERS, errors: problems.map((message) => ({ path: 'assignedReviewers', message })), req })
  }
  // A reviewer who joins a review under way gets a week of their own and is reminded in their turn.
  return originalDoc?.workflowStage === 'in_review' ? { ...data, ...restartedReviewDates(clockNow(), originalDoc.reviewDueAt) } : data
}

/**
 * Reviewers an editor adds to an answer in review are emailed like routed ones; those the editor takes
 * off are told that no decision is needed from them (their review request's link no longer opens it).
 */
export const emailReassignedReviewers: CollectionAfterChangeHook<Answer> = async ({ context, doc, previousDoc, req }) => {
  if (!req.user || context[ROUTING] === true || doc.workflowStage !== 'in_review') return doc
  const newIds = added(doc.assignedReviewers, previousDoc?.assignedReviewers)
  const removedIds = previousDoc?.workflowStage === 'in_review' ? added(previousDoc.assignedReviewers, doc.assignedReviewers) : []
  if (newIds.length === 0 && removedIds.length === 0) return doc
  const { docs } = await req.payload.find({
    collection: USERS,
    where: { id: { in: [...newIds, ...removedIds] } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const editor = (req.user as { name?: string }).name ?? 'An editor'
  const isNew = new Set(newIds.map(String))
  for (const reviewer of docs as User[]) {
    if (isNew.has(String(reviewer.id))) {
      await assignReviewer(req, doc, reviewer, `${editor} assigned you to review "${doc.title}".`)
      continue
    }
    await notifyReviewer(req, doc, reviewer, {
      template: 'review_withdrawn',
      subject: `Review reassigned: ${doc.title}`,
      text: [
        `Dear ${reviewer.name},`,
        `${editor} assigned the review of "${doc.title}" to another reviewer.`,
        'No decision is needed from you.',
        'The answer:',
      ].join('\n\n'),
    })
  }
  return doc
}
