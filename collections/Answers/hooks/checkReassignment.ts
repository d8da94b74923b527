import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook } from 'payload'

import type { Answer, User } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { ROUTING } from '@/lib/workflow/context'
import { assignReviewer } from '@/lib/workflow/assignReviewer'
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
  return data
}

/** Reviewers an editor adds to an answer in review are emailed like routed ones. */
export const emailReassignedReviewers: CollectionAfterChangeHook<Answer> = async ({ context, doc, previousDoc, req }) => {
  if (!req.user || context[ROUTING] === true || doc.workflowStage !== 'in_review') return doc
  const newIds = added(doc.assignedReviewers, previousDoc?.assignedReviewers)
  if (newIds.length === 0) return doc
  const { docs } = await req.payload.find({
    collection: USERS,
    where: { id: { in: newIds } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const reviewer of docs as User[]) {
    await assignReviewer(
      req,
      doc,
      reviewer,
      `${(req.user as { name?: string }).name ?? 'An editor'} assigned you to review "${doc.title}".`,
    )
  }
  return doc
}
