import type { Payload } from 'payload'

import { CDN_PURGES } from '@collections/slugs'
import { attemptOverdueRows } from '../outbox/overdue'
import { attemptCdnPurge } from './outbox'

/**
 * Purges whose retry is over 5 minutes late (src/lib/outbox/overdue.ts): a lost retry job would leave
 * a withdrawn answer in the CDN for a day. A purge sent twice does no harm. Returns how many were attempted.
 */
export async function sendOverduePurges(payload: Payload, now = Date.now()): Promise<number> {
  const attempted = await attemptOverdueRows(payload, CDN_PURGES, (id, due) => attemptCdnPurge(payload, id, { due }), now)
  if (attempted > 0) payload.logger.warn(`${attempted} CDN purge(s) had no retry for over 5 minutes; attempted by the sweep.`)
  return attempted
}
