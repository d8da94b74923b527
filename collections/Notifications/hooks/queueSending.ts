import type { CollectionAfterChangeHook } from 'payload'

import type { Notification } from '@/payload-types'
import { EMAIL_QUEUE, SEND_NOTIFICATION_TASK } from '@/jobs/sendNotification'

/** Every new outbox message gets its send job, in the same transaction as the message. */
export const queueSending: CollectionAfterChangeHook<Notification> = async ({ doc, operation, req }) => {
  if (operation === 'create' && doc.status === 'queued') {
    await req.payload.jobs.queue({ task: SEND_NOTIFICATION_TASK, input: { notificationId: String(doc.id) }, queue: EMAIL_QUEUE, req })
  }
  return doc
}
