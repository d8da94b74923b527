import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { WebhookDelivery } from '@/payload-types'
import { BadRequest } from '@/lib/errors'
import { FIRST_RETRY_MS, scheduleWebhookDelivery } from '@/lib/webhooks/outbox'

/** A new row, or one an admin set back to "pending" (a replay). A pending row saved as pending is not new. */
const becomesPending = (
  operation: 'create' | 'update',
  status: WebhookDelivery['status'] | undefined,
  previous?: WebhookDelivery['status'],
) => status === 'pending' && (operation === 'create' || (previous !== undefined && previous !== 'pending'))

/** What an admin may set: Pending (replay) or Skipped (stop retrying; the answer's later events go on). */
const ADMIN_STATUSES: WebhookDelivery['status'][] = ['pending', 'skipped']

/**
 * As a row becomes pending: its retry job is due FIRST_RETRY_MS from now, and any claim is dropped;
 * as it is skipped, it has no next attempt.
 * An admin (a request with a user; the outbox writes without one) may only replay or skip a row.
 */
export const prepareDelivery: CollectionBeforeChangeHook<WebhookDelivery> = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'create' && operation !== 'update') return data
  if (
    req.user &&
    operation === 'update' &&
    data.status !== undefined &&
    data.status !== originalDoc?.status &&
    !ADMIN_STATUSES.includes(data.status)
  ) {
    throw new BadRequest('A delivery can be set to Pending (to send it again) or Skipped (to stop retrying it), nothing else.')
  }
  const status = data.status ?? (operation === 'create' ? 'pending' : undefined)
  // A skipped row has no next attempt: its queued retry job finds nothing due and ends.
  if (operation === 'update' && status === 'skipped' && originalDoc?.status !== 'skipped') return { ...data, nextAttemptAt: null }
  if (!becomesPending(operation, status, originalDoc?.status)) return data
  return { ...data, status: 'pending', claimedUntil: null, nextAttemptAt: new Date(Date.now() + FIRST_RETRY_MS).toISOString() }
}

/** Sends a row that became pending right after the commit, with its retry job queued in the same transaction. */
export const scheduleDelivery: CollectionAfterChangeHook<WebhookDelivery> = async ({ doc, operation, previousDoc, req }) => {
  if (becomesPending(operation, doc.status, previousDoc?.status)) await scheduleWebhookDelivery(req, doc)
  return doc
}
