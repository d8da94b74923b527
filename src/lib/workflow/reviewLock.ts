import type { PayloadRequest, Where } from 'payload'

import type { Answer, User } from '@/payload-types'
import { ANSWERS, USERS, WORKFLOW_EVENTS } from '@collections/slugs'
import { Conflict } from '../errors'
import { relationId, type Id } from '../relationId'
import { contentHash, loadPageContext, type PageContext } from './contentHash'
import { publishability } from './publishable'
import { isLockedForReview, LOCKED_STAGES, REVIEWED_FIELDS, reviewHoldLabel, reviewLockMessage, type ReviewHold } from './states'

/**
 * The review lock (README "Editing an answer in review: it is locked"): while a reviewer holds an
 * answer, what they approve cannot change under them. The rule (stages, fields) is in states.ts;
 * this reads who holds it and refuses an edit with a message that names them.
 */

type Held = Pick<Answer, 'id' | 'workflowStage' | 'assignedReviewers' | 'updatedAt'>

/** The reviewers assigned to an answer, by id (their names and emails). */
export async function assignedReviewersOf(req: PayloadRequest, answer: Pick<Answer, 'assignedReviewers'>): Promise<User[]> {
  const ids = (answer.assignedReviewers ?? []).map((reviewer) => relationId(reviewer)).filter((id): id is Id => id !== undefined)
  if (ids.length === 0) return []
  const { docs } = await req.payload.find({
    collection: USERS,
    where: { id: { in: ids } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs as User[]
}

/** Who holds a locked answer and since when (it entered review), or null when it is not locked. */
export async function reviewHold(req: PayloadRequest, answer: Held): Promise<ReviewHold | null> {
  if (!isLockedForReview(answer.workflowStage)) return null
  const reviewers = answer.workflowStage === 'in_review' ? (await assignedReviewersOf(req, answer)).map((user) => user.name) : []
  // The transition that took it from an unlocked stage into review: re-routing inside review does not restart the clock.
  const { docs } = await req.payload.find({
    collection: WORKFLOW_EVENTS,
    where: { and: [{ answer: { equals: answer.id } }, { to: { in: [...LOCKED_STAGES] } }, { from: { not_in: [...LOCKED_STAGES] } }] },
    sort: '-createdAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { stage: answer.workflowStage!, reviewers, since: docs[0]?.createdAt ?? answer.updatedAt ?? null }
}

/** Refuses (409, naming the reviewers) when the answer is locked for review. */
export async function refuseWhileInReview(req: PayloadRequest, answer: Held, subject: 'answer' | 'question' | 'delete'): Promise<void> {
  const hold = await reviewHold(req, answer)
  if (hold) throw new Conflict(reviewLockMessage(hold, subject))
}

/**
 * Whether a reviewer's work is at stake in this version: it is locked for review, and it could be
 * approved. A version that could not be published as it stands (saved before drafts were validated,
 * or written around the API) cannot be approved either; its editor corrects it in place, as the
 * approval refusal asks (withdrawing it would fail the same validation). Memoized per request: the
 * admin's field access asks once per field.
 */
export async function isHeldForReview(req: PayloadRequest, answer: Answer): Promise<boolean> {
  if (!isLockedForReview(answer.workflowStage)) return false
  const memo = `heldForReview:${answer.id}:${answer.updatedAt}`
  if (typeof req.context[memo] === 'boolean') return req.context[memo]
  const { missing, invalid } = await publishability(req, answer)
  const held = missing.length === 0 && invalid.length === 0
  req.context[memo] = held
  return held
}

/** Refuses an edit of what the reviewer approves (409 naming them) while the answer is held for review. */
export async function refuseEditWhileInReview(req: PayloadRequest, answer: Answer, subject: 'answer' | 'question'): Promise<void> {
  if (await isHeldForReview(req, answer)) await refuseWhileInReview(req, answer, subject)
}

/** Whether `data` would change what a reviewer approves on `answer` (the content hash, page context read fresh). */
export async function changesReviewedContent(req: PayloadRequest, answer: Answer, data: Record<string, unknown>): Promise<boolean> {
  const sent = Object.fromEntries(REVIEWED_FIELDS.filter((field) => field in data).map((field) => [field, data[field]]))
  if (Object.keys(sent).length === 0) return false
  const merged = { ...answer, ...sent } as Answer
  const [before, after] = await Promise.all([loadPageContext(req, answer), loadPageContext(req, merged)])
  return contentHash(answer, before) !== contentHash(merged, after)
}

/**
 * Refuses (409) a change to a document an answer's page shows (its cancer type, a cited source's
 * credit, passages or headings) while that change would alter what a reviewer holding the answer
 * approves. Besides keeping the content still under the reviewer, it keeps the answer's stored
 * `contentHash` true: an approval over the API must send it (bindApprovalToContent).
 * `candidates` are the answers in a locked stage that show the document; `change` applies the
 * edit to a page context; `refusal` words the 409 for the first answer it would change.
 */
export async function refusePageChangeInReview(
  req: PayloadRequest,
  candidates: Answer[],
  change: (page: PageContext) => PageContext,
  refusal: (answer: Answer, held: string) => string,
): Promise<void> {
  for (const answer of candidates) {
    if (!(await isHeldForReview(req, answer))) continue
    const before = await loadPageContext(req, answer)
    if (contentHash(answer, before) === contentHash(answer, change(before))) continue
    const hold = await reviewHold(req, answer)
    if (!hold) continue
    const held = reviewHoldLabel(hold)
    throw new Conflict(refusal(answer, held.charAt(0).toLowerCase() + held.slice(1)))
  }
}

/** The answers in a locked stage (their latest version) that match `where`: what refusePageChangeInReview checks. */
export async function answersInReview(req: PayloadRequest, where: Where): Promise<Answer[]> {
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: { and: [where, { workflowStage: { in: [...LOCKED_STAGES] } }] },
    draft: true,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return docs as Answer[]
}
