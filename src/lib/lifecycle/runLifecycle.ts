import type { Payload } from 'payload'

import { now as clockNow } from '../clock'
import { remindOverdueReviews } from '../workflow/reviewReminders'
import { applyOverduePolicy, expireEvidenceNotices, remindBeforeDue, routeDueReviews } from './periodicReview'
import { remindCredentialLapses, type CredentialSweep } from '../credentials'
import { announceOverdueReviews } from '../webhooks/overdue'

export type LifecycleRun = {
  evidenceNoticesExpired: number
  periodicReviewsStarted: number
  remindedBeforeDue: number
  remindedOverdue: number
  escalated: number
  overdueNoticed: number
  overdueWithdrawn: number
  /** Live answers whose overdue review was announced to webhook endpoints (once per overdue period). */
  overdueAnnounced: number
  credentials: CredentialSweep
}

/**
 * The lifecycle's one sweep (issue 14), run hourly by the server's timer (src/jobs/remindOverdueReviews.ts)
 * and explicitly by tests with a set clock. Each step is idempotent (an answer is acted on once per
 * state), so running it late or twice is harmless. Order matters: expired evidence notices first
 * (a withdrawn answer gets no overdue notice), then reviews falling due, reminders, escalations, and
 * the overdue policy last.
 */
export async function runLifecycle(payload: Payload, now: Date = clockNow()): Promise<LifecycleRun> {
  const evidenceNoticesExpired = await expireEvidenceNotices(payload, now)
  const periodicReviewsStarted = await routeDueReviews(payload, now)
  const remindedBeforeDue = await remindBeforeDue(payload, now)
  const { reminded: remindedOverdue, escalated } = await remindOverdueReviews(payload, now)
  // Before the overdue policy, which may withdraw the answer: receivers hear why before they hear it left.
  const overdueAnnounced = await announceOverdueReviews(payload, now)
  const { noticed: overdueNoticed, withdrawn: overdueWithdrawn } = await applyOverduePolicy(payload, now)
  // Reviewers whose verification is about to lapse (admins are told) or has lapsed (their reviews move).
  const credentials = await remindCredentialLapses(payload, now)
  return {
    evidenceNoticesExpired,
    periodicReviewsStarted,
    remindedBeforeDue,
    remindedOverdue,
    escalated,
    overdueNoticed,
    overdueWithdrawn,
    overdueAnnounced,
    credentials,
  }
}
