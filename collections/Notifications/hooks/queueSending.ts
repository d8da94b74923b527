import type { CollectionAfterChangeHook } from 'payload'

import type { Notification } from '@/payload-types'
import { EMAIL_QUEUE, SEND_NOTIFICATION_TASK } from '@/jobs/sendNotification'

/**
 * Every new outbox message gets its send job, in the same transaction as the message; so does one an
 * admin puts back in the queue after it failed or was not sent (the way to retry it).
 */
export const queueSending: CollectionAfterChangeHook<Notification> = async ({ doc, operation, previousDoc, req }) => {
  const requeued =
    operation === 'update' && doc.status === 'queued' && (previousDoc?.status === 'failed' || previousDoc?.status === 'not_sent')
  if ((operation === 'create' && doc.status === 'queued') || requeued) {
    await req.payload.jobs.queue({ task: SEND_NOTIFICATION_TASK, input: { notificationId: String(doc.id) }, queue: EMAIL_QUEUE, req })
  }
  return doc
}
