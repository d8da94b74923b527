import type { TaskConfig } from 'payload'

import { remindOverdueReviews } from '../lib/workflow/reviewReminders'
import { EMAIL_QUEUE } from './sendNotification'

export const REMIND_OVERDUE_REVIEWS_TASK = 'remindOverdueReviews'

/** Hourly: reminders for overdue reviews, then escalation to editors (scheduled by autoRun). */
export const remindOverdueReviewsTask: TaskConfig<typeof REMIND_OVERDUE_REVIEWS_TASK> = {
  slug: REMIND_OVERDUE_REVIEWS_TASK,
  label: 'Remind reviewers of overdue reviews',
  schedule: [{ cron: '0 0 * * * *', queue: EMAIL_QUEUE }],
  outputSchema: [
    { name: 'reminded', type: 'number' },
    { name: 'escalated', type: 'number' },
  ],
  handler: async ({ req }) => ({ output: await remindOverdueReviews(req.payload) }),
}
