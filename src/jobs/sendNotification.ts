import type { TaskConfig } from 'payload'

import { NOTIFICATIONS } from '@collections/slugs'
import type { Notification } from '@/payload-types'
import { SEND_CLAIM_MS } from '../lib/email/adapter'
import type { Env } from '../lib/env'
import { claimForAttempt } from '../lib/outbox/claim'
import { undeliverableReason } from '../lib/outbox/recipient'
import { documentId } from '../lib/relationId'
import { RESET_LINK_REDACTED } from '../lib/workflow/outbox'

export const SEND_NOTIFICATION_TASK = 'sendNotification'
export const EMAIL_QUEUE = 'email'

/**
 * Sends one outbox email. Every email is written to the outbox first (in the transaction of the
 * step that caused it) and sent here, later, so a failing mail server never fails that step.
 * Failures are recorded on the message and retried with backoff; a sent message is never sent
 * again. With no SMTP configured, messages are marked "not sent" and stay readable in the admin; so
 * is one whose recipient was deactivated, or whose review request is no longer theirs, meanwhile.
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
      const undeliverable = await undeliverableReason(req, message)
      if (undeliverable) {
        await payload.update({
          collection: NOTIFICATIONS,
          id,
          data: { status: 'not_sent', lastError: undeliverable },
          overrideAccess: true,
          depth: 0,
        })
        return { output: {} }
      }
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
      // Payload takes a job with a read and then a write, so two runners (workers, or the in-process
      // runner and an admin's run) can take the same job: the run that claims the message sends it.
      const claimed = await claimForAttempt<Notification>(payload, NOTIFICATIONS, id, {
        leaseMs: SEND_CLAIM_MS,
        where: [{ status: { not_equals: 'sent' } }],
      })
      if (!claimed) {
        // Failing this run keeps the job for a later try, whichever run finishes the job last: by
        // then the message is sent (nothing to do), or its sender failed and it is sent then.
        throw new MessageClaimed(`Email ${id} is being sent by another run; this job looks at it again on its next try.`)
      }
      const attempt = (claimed.attempts ?? 0) + 1
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
            claimedUntil: null,
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
        data: { status: 'sent', attempts: attempt, sentAt: new Date().toISOString(), lastError: null, claimedUntil: null, ...redacted },
        overrideAccess: true,
        depth: 0,
      })
      return { output: {} }
    },
  }
}

/** Another run holds the message: this one leaves it to that run, and the job is tried again later. */
export class MessageClaimed extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MessageClaimed'
  }
}
