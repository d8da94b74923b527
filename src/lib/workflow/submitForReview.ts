import { addDays } from 'date-fns'
import type { PayloadRequest } from 'payload'

import type { CancerType } from '@/payload-types'
import { ANSWERS, CANCER_TYPES, QUESTIONS } from '@collections/slugs'
import { BadRequest, Conflict } from '../errors'
import { relationId, type Id } from '../relationId'
import { loadPageContext } from './contentHash'
import { ROUTING } from './context'
import { isHighRisk, publishability } from './publishable'
import { assignReviewer, notifyNoReviewer } from './assignReviewer'
import { chooseReviewers } from './routing'
import { answerStageLabel, canSubmit, SUBMIT_QUESTION_REFUSALS } from './states'
import { transitionAnswer } from './transitions'
import { loadAnswer } from '../answers/loadAnswer'
import { now as clockNow } from '../clock'

export const REVIEW_DUE_DAYS = 7

/**
 * The review's dates when a reviewer joins it after submission (an editor's reassignment, a
 * replacement by routing): at least REVIEW_DUE_DAYS from now, never earlier than the date it was
 * due (a periodic review is due on the live version's review date, weeks away), and the reminder and
 * escalation to come again, so that the reviewer who joins is reminded in their turn.
 */
export function restartedReviewDates(now: Date, dueAt: string | null | undefined) {
  const week = addDays(now, REVIEW_DUE_DAYS)
  const due = dueAt && new Date(dueAt) > week ? new Date(dueAt) : week
  return { reviewDueAt: due.toISOString(), reviewRemindedAt: null, reviewEscalatedAt: null }
}

export type Submission = {
  stage: 'in_review' | 'awaiting_reviewer'
  reviewers: { id: Id; name: string }[]
  required: number
  highRisk: boolean
}

/**
 * Submits a draft for review, in the caller's transaction: checks it is complete, applies the
 * high-risk rule, routes it, and writes the assignment emails to the outbox. When no reviewer is
 * eligible, the answer waits ("awaiting_reviewer") and its editor is told.
 */
export async function submitForReview(req: PayloadRequest, answerId: Id): Promise<Submission> {
  const { payload } = req
  const answer = await loadAnswer(req, answerId)
  if (!canSubmit(answer.workflowStage)) {
    throw new Conflict(`This answer cannot be submitted: it is ${answerStageLabel(answer.workflowStage).toLowerCase()}.`)
  }
  const question = await payload.findByID({
    collection: QUESTIONS,
    id: relationId(answer.question)!,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    select: { status: true },
    req,
  })
  const shelved = question?.status ? SUBMIT_QUESTION_REFUSALS[question.status] : undefined
  if (shelved) throw new Conflict(`This answer cannot be submitted: ${shelved}.`)
  // A reviewer is never sent what could not be published as it stands.
  const { missing, invalid } = await publishability(req, answer)
  if (missing.length > 0) throw new BadRequest(`The draft is not ready for review. Missing: ${missing.join(', ')}.`)
  if (invalid.length > 0)
    throw new BadRequest(`The draft is not ready for review: it could not be published as it stands. ${invalid.join(' ')}`)

  const highRisk = isHighRisk(answer, await loadPageContext(req, answer))
  // Re-submission after changes were requested goes back to the same reviewers first, and an answer
  // waiting for a second reviewer keeps the one it has: an approval counts only while its reviewer
  // is assigned (publishIfApproved), so re-routing must not drop someone who already approved.
  const current = (answer.assignedReviewers ?? []).map((r) => relationId(r)!)
  const keepsReviewers = answer.workflowStage === 'changes_requested' || answer.workflowStage === 'awaiting_reviewer'
  const preferred = keepsReviewers ? current : []
  const routing = await chooseReviewers({ ...answer, highRisk }, req, preferred)
  const stage = routing.waiting ? 'awaiting_reviewer' : 'in_review'
  // While it waits, it keeps those of its reviewers who are still eligible.
  const assigned = routing.waiting
    ? routing.reviewers.filter((reviewer) => preferred.map(String).includes(String(reviewer.id)))
    : routing.reviewers
  // Routing again an answer that still finds no one new changes nothing: no new version, and its
  // editor, told when it began to wait, is not emailed again (a reviewer gaining a specialty while at
  // capacity re-routed every waiting answer of it this way, each one a save and an email).
  const unchanged =
    answer.workflowStage === 'awaiting_reviewer' &&
    Boolean(answer.highRisk) === highRisk &&
    assigned.map((reviewer) => String(reviewer.id)).join() === current.map(String).join()
  if (routing.waiting && unchanged) {
    return { stage, reviewers: assigned, required: routing.required, highRisk }
  }
  const now = clockNow()
  await transitionAnswer(req, answer, answer.workflowStage === 'awaiting_reviewer' ? 'route' : 'submit', {
    to: stage,
    data: {
      highRisk,
      assignedReviewers: assigned.map((r) => r.id),
      reviewDueAt: routing.waiting ? null : addDays(now, REVIEW_DUE_DAYS).toISOString(),
      reviewRemindedAt: null,
      reviewEscalatedAt: null,
    },
    why: routing.waiting
      ? `No eligible reviewer with capacity (${routing.required} needed).`
      : `Routed to ${routing.reviewers.map((r) => r.name).join(' and ')}.`,
    context: { [ROUTING]: true },
  })

  const cancerType = (await payload.findByID({
    collection: CANCER_TYPES,
    id: relationId(answer.cancerType)!,
    depth: 0,
    overrideAccess: true,
    req,
  })) as CancerType
  if (routing.waiting) {
    await notifyNoReviewer(
      req,
      answer,
      `"${answer.title}" (${cancerType.name}) needs ${routing.required} reviewer(s) but ${routing.reviewers.length} eligible reviewer(s) with capacity are available.`,
    )
  } else {
    const due = addDays(now, REVIEW_DUE_DAYS).toISOString().slice(0, 10)
    // A reviewer kept while the answer waited has had this request already.
    const alreadyAsked = answer.workflowStage === 'awaiting_reviewer' ? current.map(String) : []
    for (const reviewer of routing.reviewers.filter((candidate) => !alreadyAsked.includes(String(candidate.id)))) {
      await assignReviewer(
        req,
        answer,
        reviewer,
        `Please review this ${highRisk ? 'high-risk ' : ''}answer about ${cancerType.name}:\n\n${answer.title}\n\nDue: ${due}`,
      )
    }
  }
  return { stage, reviewers: routing.reviewers.map((r) => ({ id: r.id, name: r.name })), required: routing.required, highRisk }
}

/**
 * Answers waiting for a reviewer in these cancer types are routed again (a reviewer just became
 * eligible). In the caller's transaction. Returns how many are now in review.
 */
export async function routeWaitingAnswers(req: PayloadRequest, cancerTypeIds: Id[]): Promise<number> {
  if (cancerTypeIds.length === 0) return 0
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: { and: [{ workflowStage: { equals: 'awaiting_reviewer' } }, { cancerType: { in: cancerTypeIds } }] },
    draft: true,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  let routed = 0
  for (const answer of docs) {
    if ((await submitForReview(req, answer.id)).stage === 'in_review') routed += 1
  }
  return routed
}
