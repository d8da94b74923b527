import type { Payload } from 'payload'

import { WEBHOOK_DELIVERIES } from '@collections/slugs'
import { attemptOverdueRows } from '../outbox/overdue'
import { attemptWebhookDelivery } from './outbox'

/**
 * Webhook deliveries whose retry is over 5 minutes late (src/lib/outbox/overdue.ts). Each answer's
 * order still holds: the attempt sends a row only when no earlier event of its answer is undelivered,
 * and otherwise sets it waiting with a new job, as its own retry job would. Returns how many were attempted.
 */
export async function sendOverdueWebhooks(payload: Payload, now = Date.now()): Promise<number> {
  const attempted = await attemptOverdueRows(payload, WEBHOOK_DELIVERIES, (id, due) => attemptWebhookDelivery(payload, id, { due }), now)
  if (attempted > 0) payload.logger.warn(`${attempted} webhook delivery(ies) had no retry for over 5 minutes; attempted by the sweep.`)
  return attempted
}
