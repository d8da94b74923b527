import { addDays, subDays } from 'date-fns'
import type { Payload, PayloadRequest, Where } from 'payload'

import type { Answer, CancerType } from '@/payload-types'
import { ANSWERS, CANCER_TYPES } from '@collections/slugs'
import { relationId, type Id } from '../relationId'
import { actOnEach } from '../sweeps/actOnEach'
import { findAnswer, loadAnswer } from '../answers/loadAnswer'
import { assignReviewer, notifyNoReviewer } from '../workflow/assignReviewer'
import { loadPageContext } from '../workflow/contentHash'
import { ROUTING } from '../workflow/context'
import { notifyEditor, notifyReviewer } from '../workflow/outbox'
import { reviewersToRemind } from '../workflow/reviewReminders'
import { isHighRisk } from '../workflow/publishable'
import { chooseReviewers } from '../workflow/routing'
import { formatDay } from '../workflow/states'
import { transitionAnswer } from '../workflow/transitions'
import { restartedReviewDates } from '../workflow/submitForReview'
import { now as clockNow } from '../clock'
import {
  evidenceNoticeDays,
  findLiveAnswer,
  overdueGraceDays,
  overduePolicy,
  reviewLeadDays,
  setLiveNotice,
  withdrawLiveAnswer,
} from './livePolicy'

/** Days before a periodic review's due date when its reviewer is reminded. */
export const REMIND_BEFORE_DUE_DAYS = 7

/** The most any cancer type may set for a lead time or a grace period (the fields' maximum). */
const MAX_POLICY_DAYS = 180

type Step = {
  /** The row the step acts on: the live one (what patients see) or the newest version. */
  row: 'live' | 'latest'
  /** Why the answer was picked, asked again of the row read in the step's transaction (actOnEach). */
  stillDue: (answer: Answer) => boolean
  work: (req: PayloadRequest, answer: Answer) => Promise<boolean>
}

/** Runs a step for each candidate answer through actOnEach; returns how many did something. */
async function eachAnswer(payload: Payload, answers: Answer[], step: string, { row, stillDue, work }: Step): Promise<number> {
  const done = await actOnEach(payload, answers, {
    label: `Lifecycle (${step}) for answer`,
    reread: async (req, candidate) => {
      const current = row === 'live' ? await findLiveAnswer(req, candidate.id) : await findAnswer(req, candidate.id)
      return current !== null && stillDue(current) ? current : null
    },
    work: async (req, answer) => ((await work(req, answer)) ? true : null),
  })
  return done.length
}

async function cancerTypes(payload: Payload): Promise<Map<string, CancerType>> {
  const { docs } = await payload.find({ collection: CANCER_TYPES, pagination: false, depth: 0, overrideAccess: true })
  return new Map((docs as CancerType[]).map((type) => [String(type.id), type]))
}

/** Live rows (what patients see) matching `where`. */
async function liveAnswers(payload: Payload, where: Where[]): Promise<Answer[]> {
  const { docs } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ _status: { equals: 'published' } }, ...where] },
    draft: false,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return docs as Answer[]
}

const typeOf = (types: Map<string, CancerType>, answer: Answer) => types.get(String(relationId(answer.cancerType)))

/**
 * Sends a live answer to a reviewer for its periodic review (`review_due`), in the caller's
 * transaction, when its newest version is the live one (an answer already in review, or with an
 * editor's draft over it, is left alone). Its previous reviewers are preferred while eligible. The
 * review is due on the answer's `nextReviewDue`, or a week from now if that is sooner. Returns
 * whether it was routed.
 */
export async function routeForPeriodicReview(req: PayloadRequest, answerId: Id, type: CancerType, dueAt: string): Promise<boolean> {
  const latest = await loadAnswer(req, answerId)
  if (latest.workflowStage !== 'published') return false
  const highRisk = isHighRisk(latest, await loadPageContext(req, latest))
  const previous = (latest.reviewedBy ?? []).map((reviewer) => relationId(reviewer)!)
  const routing = await chooseReviewers({ ...latest, highRisk }, req, previous)
  await transitionAnswer(req, latest, 'review_due', {
    to: routing.waiting ? 'awaiting_reviewer' : 'in_review',
    data: {
      highRisk,
      assignedReviewers: routing.waiting ? [] : routing.reviewers.map((reviewer) => reviewer.id),
      // At least a week from now: a review routed on or after its date (no lead time, a late sweep)
      // was assigned already overdue, its request, reminder and escalation sent at once.
      ...(routing.waiting
        ? { reviewDueAt: null, reviewRemindedAt: null, reviewEscalatedAt: null }
        : restartedReviewDates(clockNow(), dueAt)),
    },
    why: routing.waiting
      ? `Periodic review due on ${formatDay(dueAt)}; no eligible reviewer with capacity (${routing.required} needed).`
      : `Periodic review due on ${formatDay(dueAt)}: routed to ${routing.reviewers.map((reviewer) => reviewer.name).join(' and ')}.`,
    context: { [ROUTING]: true },
  })
  if (routing.waiting) {
    await notifyNoReviewer(
      req,
      latest,
      `"${latest.title}" (${type.name}) is due for its periodic review on ${formatDay(dueAt)} but no eligible reviewer has capacity (${routing.required} needed).`,
    )
    return true
  }
  for (const reviewer of routing.reviewers) {
    await assignReviewer(
      req,
      latest,
      reviewer,
      `This published answer about ${type.name} is due for its periodic review by ${formatDay(dueAt)}:\n\n${latest.title}\n\nIt stays on the public site while you review it. Approve it if it is still right, or request changes.`,
    )
  }
  return true
}

/** Live answers whose periodic review starts now (their cancer type's lead time before the due date). */
export async function routeDueReviews(payload: Payload, now: Date): Promise<number> {
  const types = await cancerTypes(payload)
  const leadReached = (answer: Answer) => {
    const type = typeOf(types, answer)
    return Boolean(type && answer.nextReviewDue && subDays(new Date(answer.nextReviewDue), reviewLeadDays(type)) <= now)
  }
  const candidates = await liveAnswers(payload, [{ nextReviewDue: { less_than_equal: addDays(now, MAX_POLICY_DAYS).toISOString() } }])
  return eachAnswer(payload, candidates.filter(leadReached), 'periodic review', {
    row: 'live',
    // A re-approval since moved the due date; routeForPeriodicReview leaves an answer already in review.
    stillDue: leadReached,
    work: (req, answer) => routeForPeriodicReview(req, answer.id, typeOf(types, answer)!, answer.nextReviewDue!),
  })
}

/**
 * Reminds the reviewers of a periodic review REMIND_BEFORE_DUE_DAYS before it is due (at most half
 * the cancer type's lead time, so a short lead does not remind them right after routing), once.
 * After the due date, the overdue reminder and the escalation to editors follow, as for every
 * review (src/lib/workflow/reviewReminders.ts).
 */
export async function remindBeforeDue(payload: Payload, now: Date): Promise<number> {
  const types = await cancerTypes(payload)
  const { docs } = await payload.find({
    collection: ANSWERS,
    where: {
      and: [
        { workflowStage: { equals: 'in_review' } },
        { lastReviewedAt: { exists: true } },
        { reviewRemindedAt: { exists: false } },
        { reviewDueAt: { greater_than: now.toISOString() } },
        { reviewDueAt: { less_than_equal: addDays(now, REMIND_BEFORE_DUE_DAYS).toISOString() } },
      ],
    },
    draft: true,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  // The query above narrows by index; this decides, on the candidates and again in each transaction.
  const remindable = (answer: Answer) => {
    const type = typeOf(types, answer)
    if (!type || answer.workflowStage !== 'in_review' || !answer.lastReviewedAt || answer.reviewRemindedAt) return false
    if (!answer.reviewDueAt || !answer.nextReviewDue) return false
    const dueAt = new Date(answer.reviewDueAt)
    // A periodic review is due on the live version's review date (routeForPeriodicReview).
    if (dueAt.getTime() !== new Date(answer.nextReviewDue).getTime() || dueAt <= now) return false
    const days = Math.min(REMIND_BEFORE_DUE_DAYS, Math.floor(reviewLeadDays(type) / 2))
    return days >= 1 && subDays(dueAt, days) <= now
  }
  return eachAnswer(payload, (docs as Answer[]).filter(remindable), 'reminder', { row: 'latest', stillDue: remindable, work: remind })

  async function remind(req: PayloadRequest, answer: Answer): Promise<boolean> {
    for (const reviewer of await reviewersToRemind(req, answer)) {
      await notifyReviewer(req, answer, reviewer, {
        template: 'review_reminder',
        subject: `Reminder: review due ${formatDay(answer.reviewDueAt)}: ${answer.title}`,
        text: `Dear ${reviewer.name},\n\nYour review of "${answer.title}" is due on ${formatDay(answer.reviewDueAt)}.\n\nReview it here:`,
      })
    }
    await req.payload.update({
      collection: ANSWERS,
      id: answer.id,
      data: { reviewRemindedAt: now.toISOString() },
      draft: true,
      depth: 0,
      overrideAccess: true,
      req,
    })
    return true
  }
}

/**
 * Live answers whose review is overdue by their cancer type's grace period get its overdue policy:
 * a public "Review overdue" notice (once), or withdrawal. Either way the editors are emailed; an
 * answer whose periodic review never started (an editor's draft was over it) is then routed.
 */
export async function applyOverduePolicy(payload: Payload, now: Date): Promise<{ noticed: number; withdrawn: number }> {
  const types = await cancerTypes(payload)
  const overdueUnder = (policy: 'notice' | 'withdraw') => (answer: Answer) => {
    const type = typeOf(types, answer)
    if (!type || !answer.nextReviewDue || overduePolicy(type) !== policy) return false
    // An evidence notice already says the answer is under review, and ends in its own withdrawal.
    if (policy === 'notice' && answer.liveNotice?.kind) return false
    return addDays(new Date(answer.nextReviewDue), overdueGraceDays(type)) <= now
  }
  const overdue = await liveAnswers(payload, [{ nextReviewDue: { less_than: now.toISOString() } }])
  const toWithdraw = overdueUnder('withdraw')
  const withdrawn = await eachAnswer(payload, overdue.filter(toWithdraw), 'overdue withdrawal', {
    row: 'live',
    stillDue: toWithdraw,
    work: async (req, answer) => {
      const type = typeOf(types, answer)!
      const due = formatDay(answer.nextReviewDue)
      await routeForPeriodicReview(req, answer.id, type, answer.nextReviewDue!)
      return withdrawLiveAnswer(req, answer.id, `Its review was due on ${due} and is overdue; ${type.name} answers are then withdrawn.`)
    },
  })
  const toNotice = overdueUnder('notice')
  const noticed = await eachAnswer(payload, overdue.filter(toNotice), 'overdue notice', {
    row: 'live',
    stillDue: toNotice,
    work: showNotice,
  })
  return { noticed, withdrawn }

  async function showNotice(req: PayloadRequest, answer: Answer): Promise<boolean> {
    await routeForPeriodicReview(req, answer.id, typeOf(types, answer)!, answer.nextReviewDue!)
    await setLiveNotice(req, answer, { kind: 'review_overdue', since: answer.nextReviewDue!, until: null })
    await notifyEditor(req, answer, {
      template: 'live_notice',
      subject: `Review overdue, notice shown: ${answer.title}`,
      text: `The review of "${answer.title}" was due on ${formatDay(answer.nextReviewDue)}. The public page now says its review is overdue, until a reviewer approves it again.`,
    })
    return true
  }
}

/** Evidence notices whose period ran out without a new approval: the live version is withdrawn. */
export async function expireEvidenceNotices(payload: Payload, now: Date): Promise<number> {
  const types = await cancerTypes(payload)
  const expired = await liveAnswers(payload, [
    { 'liveNotice.kind': { equals: 'evidence_changed' } },
    { 'liveNotice.until': { less_than_equal: now.toISOString() } },
  ])
  return eachAnswer(payload, expired, 'evidence notice expiry', {
    row: 'live',
    // A re-approval since ended the notice (the row read again has none).
    stillDue: (answer) =>
      answer.liveNotice?.kind === 'evidence_changed' && Boolean(answer.liveNotice.until) && new Date(answer.liveNotice.until!) <= now,
    work: async (req, answer) => {
      const type = typeOf(types, answer)
      return withdrawLiveAnswer(
        req,
        answer.id,
        `Its sources were updated on ${formatDay(answer.liveNotice?.since)} and it was not re-approved within ${type ? evidenceNoticeDays(type) : 'the notice'} days.`,
      )
    },
  })
}
