import type { Payload } from 'payload'

import { remindOverdueReviews } from '../lib/workflow/reviewReminders'

export const REMINDER_INTERVAL_MS = 60 * 60_000

/**
 * Hourly, in the web server (with JOBS_AUTORUN): reminders for overdue reviews, then escalation to
 * editors. A plain timer rather than Payload's job scheduler, whose bookkeeping writes on SQLite
 * race the transactions of the app. The emails themselves go through the outbox and its job.
 */
export function startReviewReminders(payload: Payload): void {
  const timer = setInterval(() => {
    remindOverdueReviews(payload).catch((error: unknown) =>
      payload.logger.error({ err: error, msg: 'Review reminders failed; they run again in an hour.' }),
    )
  }, REMINDER_INTERVAL_MS)
  timer.unref()
}
