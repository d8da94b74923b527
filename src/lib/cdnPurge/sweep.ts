import type { Payload } from 'payload'

import { CDN_PURGES } from '@collections/slugs'
import { attemptCdnPurge } from './outbox'

/** How late a retry must be before the sweep takes it: far beyond a job runner's usual delay (seconds). */
export const OVERDUE_AFTER_MS = 5 * 60_000
const PER_SWEEP = 100

/**
 * The purges whose retry is long overdue, attempted now: a row whose retry job was lost (a fault
 * after its failure was recorded and before the next job was queued, a job removed by hand) would
 * otherwise stay "failed" while the CDN keeps a withdrawn answer. Each attempt is the one the row
 * expects (`due` is its own retry time), so a job that turns up late finds it done and sends nothing;
 * a purge sent twice does no harm anyway. Returns how many rows were attempted.
 */
export async function sendOverduePurges(payload: Payload, now = Date.now()): Promise<number> {
  const { docs } = await payload.find({
    collection: CDN_PURGES,
    where: {
      and: [{ status: { in: ['pending', 'failed'] } }, { nextAttemptAt: { less_than: new Date(now - OVERDUE_AFTER_MS).toISOString() } }],
    },
    select: { nextAttemptAt: true },
    sort: 'nextAttemptAt',
    limit: PER_SWEEP,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  for (const row of docs) {
    if (row.nextAttemptAt) await attemptCdnPurge(payload, row.id, { due: row.nextAttemptAt })
  }
  if (docs.length > 0) payload.logger.warn(`${docs.length} CDN purge(s) had no retry for over 5 minutes; attempted by the sweep.`)
  return docs.length
}
