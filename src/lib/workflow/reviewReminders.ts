import { addDays } from 'date-fns'
import type { Payload, PayloadRequest } from 'payload'

import type { Answer, User } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import { actOnEach } from '../sweeps/actOnEach'
import { findAnswer } from '../answers/loadAnswer'
import { notifyEditor, notifyReviewer } from './outbox'
import { lastDecisionsOn } from './reviewCycle'
import { assignedReviewersOf } from './reviewLock'
import { now as clockNow } from '../clock'

/**
 * The assigned reviewers a reminder is for: those who have not approved the answer's current
 * content in this review cycle (on a high-risk answer, the first approver waits for the second).
 */
export async function reviewersToRemind(req: PayloadRequest, answer: Answer): Promise<User[]> {
  const reviewers = await assignedReviewersOf(req, answer)
  if (reviewers.length === 0 || !answer.contentHash) return reviewers
  // A reviewer whose last decision on this content approved it owes none (lastDecisionsOn).
  const last = await lastDecisionsOn(req, answer, answer.contentHash)
  const approved = new Set([...last].filter(([, decision]) => decision.decision === 'approve').map(([id]) => id))
  return reviewers.filter((reviewer) => !approved.has(String(reviewer.id)))
}

/** Days after the due date before the editor is told a review is still overdue. */
export const ESCALATE_AFTER_DAYS = 3

/**
 * For answers in review past their due date: a reminder to each assigned reviewer, once; and, when
 * still overdue ESCALATE_AFTER_DAYS later, an escalation to the editor, once. Returns the counts.
 */
export async function remindOverdueReviews(payload: Payload, now = clockNow()): Promise<{ reminded: number; escalated: number }> {
  const { docs } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ workflowStage: { equals: 'in_review' } }, { reviewDueAt: { less_than: now.toISOString() } }] },
    draft: true,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  // Decided on each candidate and again on its row read in the transaction that acts on it (actOnEach).
  const dueNow = (answer: Answer) => {
    const overdue = answer.workflowStage === 'in_review' && Boolean(answer.reviewDueAt) && new Date(answer.reviewDueAt!) < now
    return {
      remind: overdue && !answer.reviewRemindedAt,
      escalate: overdue && !answer.reviewEscalatedAt && addDays(new Date(answer.reviewDueAt!), ESCALATE_AFTER_DAYS) < now,
    }
  }
  const isDue = (answer: Answer) => {
    const due = dueNow(answer)
    return due.remind || due.escalate
  }
  const done = await actOnEach(payload, (docs as Answer[]).filter(isDue), {
    label: 'Overdue reminder for answer',
    reread: async (req, candidate) => {
      const answer = await findAnswer(req, candidate.id)
      return answer && isDue(answer) ? answer : null
    },
    work: async (req, answer) => {
      const { remind, escalate } = dueNow(answer)
      if (remind) {
        for (const reviewer of await reviewersToRemind(req, answer)) {
          await notifyReviewer(req, answer, reviewer, {
            template: 'review_reminder',
            subject: `Reminder: review overdue: ${answer.title}`,
            text: `Dear ${reviewer.name},\n\nYour review of "${answer.title}" was due on ${answer.reviewDueAt!.slice(0, 10)}.\n\nReview it here:`,
          })
        }
      }
      if (escalate) {
        await notifyEditor(req, answer, {
          template: 'review_escalation',
          subject: `Review overdue: ${answer.title}`,
          text: `The review of "${answer.title}" was due on ${answer.reviewDueAt!.slice(0, 10)} and is still open after a reminder. Consider reassigning it.`,
        })
      }
      await payload.update({
        collection: ANSWERS,
        id: answer.id,
        data: {
          reviewRemindedAt: answer.reviewRemindedAt ?? now.toISOString(),
          reviewEscalatedAt: escalate ? now.toISOString() : answer.reviewEscalatedAt,
        },
        draft: true,
        depth: 0,
        overrideAccess: true,
        req,
      })
      return { remind, escalate }
    },
  })
  return { reminded: done.filter((step) => step.remind).length, escalated: done.filter((step) => step.escalate).length }
}
