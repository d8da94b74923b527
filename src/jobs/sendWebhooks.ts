import type { TaskConfig } from 'payload'

import { attemptWebhookDelivery, SEND_WEBHOOK_TASK, WEBHOOK_QUEUE } from '../lib/webhooks/outbox'
import { documentId } from '../lib/relationId'
import { JOB_FAULT_RETRIES } from './faultRetries'

export { SEND_WEBHOOK_TASK, WEBHOOK_QUEUE }

/**
 * A retry of one webhook delivery, due at the row's `nextAttemptAt` (src/lib/webhooks/outbox.ts). A
 * failed attempt queues the next job itself, with a doubled wait and no last attempt, so a send never
 * fails the job: the outcome lives on the delivery row, where the admin sees it.
 */
export const sendWebhookTask: TaskConfig<typeof SEND_WEBHOOK_TASK> = {
  slug: SEND_WEBHOOK_TASK,
  label: 'Retry a webhook delivery',
  inputSchema: [
    { name: 'deliveryId', type: 'text', required: true },
    { name: 'due', type: 'text', required: true },
  ],
  // The outcome of a send lives on the row, but a job that throws (the database failed while it read
  // or recorded the row) is tried again: without it, the row kept a retry time no job would ever serve.
  retries: JOB_FAULT_RETRIES,
  handler: async ({ input, req }) => {
    await attemptWebhookDelivery(req.payload, documentId(req.payload.db.defaultIDType, input.deliveryId), { due: input.due })
    return { output: {} }
  },
}
