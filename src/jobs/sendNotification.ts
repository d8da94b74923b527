import type { TaskConfig } from 'payload'

import { NOTIFICATIONS } from '@collections/slugs'
import type { Env } from '../lib/env'
import { documentId } from '../lib/relationId'
import { RESET_LINK_REDACTED } from '../lib/workflow/outbox'

export const SEND_NOTIFICATION_TASK = 'sendNotification'
export const EMAIL_QUEUE = 'email'

/**
 * Sends one outbox email. Every email is written to the outbox first (in the transaction of the
 * step that caused it) and sent here, later, so a failing mail server never fails that step.
 * Failures are recorded on the message and retried with backoff; a sent message is never sent
 * again. With no SMTP configured, messages are marked "not sent" and stay readable in the admin.
 */
export function sendNotificationTask(env: Env): TaskConfig<typeof SEND_NOTIFICATION_TASK> {
  const attempts = 5
  return {
    slug: SEND_NOTIFICATION_TASK,
    label: 'Send an email from the outbox',
    inputSchema: [{ name: 'notificationId', type: 'text', required: true }],
    retries: { attempts: attempts - 1, backoff: { type: 'exponential', delay: env.smtp.retryDelayMs } },
    handler: async ({ input, job, req }) => {
      const { payload } = req
      const id = documentId(payload.db.defaultIDType, input.notificationId)
      const message = await payload.findByID({ collection: NOTIFICATIONS, id, depth: 0, overrideAccess: true, disableErrors: true })
      if (!message || message.status === 'sent') return { output: {} }
      if (!env.smtp.host) {
        await payload.update({
          collection: NOTIFICATIONS,
          id,
          data: { status: 'not_sent', lastError: 'No SMTP server is configured (SMTP_HOST).' },
          overrideAccess: true,
          depth: 0,
        })
        return { output: {} }
      }
      const attempt = (message.attempts ?? 0) + 1
      try {
        await payload.sendEmail({ to: message.to, subject: message.subject, text: message.text })
      } catch (error) {
        const final = (job.totalTried ?? 0) + 1 >= attempts
        await payload.update({
          collection: NOTIFICATIONS,
          id,
          data: {
            status: final ? 'failed' : 'queued',
            attempts: attempt,
            lastError: error instanceof Error ? error.message : String(error),
          },
          overrideAccess: true,
          depth: 0,
        })
        throw error
      }
      // A sent reset link stays usable for an hour; it must not stay readable in the outbox.
      const redacted = message.template === 'password_reset' ? { text: RESET_LINK_REDACTED } : {}
      await payload.update({
        collection: NOTIFICATIONS,
        id,
        data: { status: 'sent', attempts: attempt, sentAt: new Date().toISOString(), lastError: null, ...redacted },
        overrideAccess: true,
        depth: 0,
      })
      return { output: {} }
    },
  }
}
