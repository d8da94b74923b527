import type { PayloadRequest } from 'payload'

import type { Answer, User } from '@/payload-types'
import { ANSWERS, USERS } from '@collections/slugs'
import { relationId, type Id } from '../relationId'
import { requiredApprovals } from './publishable'
import { reviewerIneligibility } from './reviewerEligibility'
import { pageAuthors } from './pageAuthors'

export type Routing = { reviewers: User[]; required: number; waiting: boolean }

/**
 * Picks reviewers for an answer (DESIGN.md): eligible (active, the cancer type among their
 * specialties, no declared conflict, not the author), with room under their capacity, least loaded
 * first; ties go to whoever was assigned least recently (round robin). `preferred` reviewers (the
 * one who asked for changes) come first while still eligible. Fewer eligible than required: the
 * answer waits for a reviewer.
 */
export async function chooseReviewers(answer: Answer, req: PayloadRequest, preferred: Id[] = []): Promise<Routing> {
  const required = requiredApprovals(answer)
  const cancerType = relationId(answer.cancerType)!
  const { docs: candidates } = await req.payload.find({
    collection: USERS,
    where: { and: [{ roles: { contains: 'reviewer' } }, { active: { equals: true } }, { specialties: { in: [cancerType] } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const load = await openReviewLoad(req, answer.id)
  const authors = await pageAuthors(req, answer)
  const eligible = (candidates as User[]).filter(
    (user) => !reviewerIneligibility(user, answer, authors) && (load.get(String(user.id)) ?? 0) < (user.maxOpenReviews ?? 5),
  )
  const preferredIds = preferred.map(String)
  eligible.sort(
    (a, b) =>
      Number(preferredIds.includes(String(b.id))) - Number(preferredIds.includes(String(a.id))) ||
      (load.get(String(a.id)) ?? 0) - (load.get(String(b.id)) ?? 0) ||
      (a.lastAssignedAt ?? '').localeCompare(b.lastAssignedAt ?? '') ||
      String(a.id).localeCompare(String(b.id), undefined, { numeric: true }),
  )
  const reviewers = eligible.slice(0, required)
  return { reviewers, required, waiting: reviewers.length < required }
}

/** Open reviews per reviewer: answers in review (latest versions), except the one being routed. */
async function openReviewLoad(req: PayloadRequest, exceptAnswerId: Id): Promise<Map<string, number>> {
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: { and: [{ workflowStage: { equals: 'in_review' } }, { id: { not_equals: exceptAnswerId } }] },
    select: { assignedReviewers: true },
    draft: true,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const load = new Map<string, number>()
  for (const doc of docs as Answer[]) {
    for (const reviewer of doc.assignedReviewers ?? []) {
      const id = String(relationId(reviewer))
      load.set(id, (load.get(id) ?? 0) + 1)
    }
  }
  return load
}
