import type { TaskConfig } from 'payload'

import { attemptCdnPurge, CDN_PURGE_QUEUE, SEND_CDN_PURGE_TASK } from '../lib/cdnPurge/outbox'
import { documentId } from '../lib/relationId'
import { JOB_FAULT_RETRIES } from './faultRetries'

export { CDN_PURGE_QUEUE, SEND_CDN_PURGE_TASK }

/**
 * A retry of one CDN purge, due at the row's `nextAttemptAt` (src/lib/cdnPurge/outbox.ts). A failed
 * attempt queues the next job itself, with a doubled wait and no last attempt, so the job never fails:
 * the outcome lives on the purge row, where the admin sees it.
 */
export const sendCdnPurgeTask: TaskConfig<typeof SEND_CDN_PURGE_TASK> = {
  slug: SEND_CDN_PURGE_TASK,
  label: 'Retry a CDN purge',
  inputSchema: [
    { name: 'purgeId', type: 'text', required: true },
    { name: 'due', type: 'text', required: true },
  ],
  // The outcome of a send lives on the row, but a job that throws (the database failed while it read
  // or recorded the row) is tried again: without it, the row kept a retry time no job would ever serve.
  retries: JOB_FAULT_RETRIES,
  handler: async ({ input, req }) => {
    const id = documentId(req.payload.db.defaultIDType, input.purgeId)
    await attemptCdnPurge(req.payload, id, { due: input.due })
    return { output: {} }
  },
}
