import { addDays } from 'date-fns'
import type { Payload } from 'payload'

import type { Answer, User } from '@/payload-types'
import { ANSWERS, USERS } from '@collections/slugs'
import { relationId } from '../relationId'
import { inNewTransaction } from '../transaction'
import { findAnswer } from '../answers/loadAnswer'
import { notifyEditor, notifyReviewer } from './outbox'
import { now as clockNow } from '../clock'

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
  let reminded = 0
  let escalated = 0
  // Decided on each candidate and again on its row read in the transaction that acts on it: another
  // sweep at the same moment (the hourly timer and an admin's "run now", or two workers) or a
  // decision may have acted on it since it was read. SQLite runs one transaction at a time; on
  // MongoDB, two transactions writing one answer conflict and the second rolls back with its emails.
  const dueNow = (answer: Answer) => {
    const overdue = answer.workflowStage === 'in_review' && Boolean(answer.reviewDueAt) && new Date(answer.reviewDueAt!) < now
    return {
      remind: overdue && !answer.reviewRemindedAt,
      escalate: overdue && !answer.reviewEscalatedAt && addDays(new Date(answer.reviewDueAt!), ESCALATE_AFTER_DAYS) < now,
    }
  }
  for (const candidate of docs as Answer[]) {
    const due = dueNow(candidate)
    if (!due.remind && !due.escalate) continue
    try {
      // Counted once committed: a rolled-back reminder was not sent.
      const acted = await remindInTransaction(candidate)
      if (acted.remind) reminded += 1
      if (acted.escalate) escalated += 1
    } catch (error) {
      // One answer's failure (rolled back) stops neither the others nor the rest of the lifecycle sweep.
      payload.logger.error({ err: error, msg: `Overdue reminder failed for answer ${candidate.id}; it is retried on the next run.` })
    }
  }
  return { reminded, escalated }

  async function remindInTransaction(candidate: Answer): Promise<{ remind: boolean; escalate: boolean }> {
    return inNewTransaction(payload, async (req) => {
      const answer = await findAnswer(req, candidate.id)
      if (!answer) return { remind: false, escalate: false }
      const { remind, escalate } = dueNow(answer)
      if (remind) {
        for (const reviewerId of (answer.assignedReviewers ?? []).map((r) => relationId(r)!)) {
          const reviewer = (await payload.findByID({ collection: USERS, id: reviewerId, depth: 0, overrideAccess: true, req })) as User
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
      if (!remind && !escalate) return { remind, escalate }
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
    })
  }
}
