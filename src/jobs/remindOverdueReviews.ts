import type { Payload } from 'payload'

import { runLifecycle } from '../lib/lifecycle/runLifecycle'

export const REMINDER_INTERVAL_MS = 60 * 60_000

/**
 * Hourly, in the web server (with JOBS_AUTORUN): the lifecycle sweep (runLifecycle: periodic reviews,
 * reminders, escalation to editors, overdue policy, evidence notices that ran out). A plain timer rather than Payload's job scheduler, whose bookkeeping writes on SQLite
 * race the transactions of the app. The emails themselves go through the outbox and its job.
 */
export function startReviewReminders(payload: Payload): void {
  const timer = setInterval(() => {
    runLifecycle(payload).catch((error: unknown) =>
      payload.logger.error({ err: error, msg: 'The lifecycle sweep failed; it runs again in an hour.' }),
    )
  }, REMINDER_INTERVAL_MS)
  timer.unref()
}
