import type { Payload } from 'payload'

import { CDN_PURGES, WEBHOOK_DELIVERIES } from '@collections/slugs'
import type { Id } from '../relationId'

/** How late a retry must be before the sweep takes it: far beyond a job runner's usual delay (seconds). */
export const OVERDUE_AFTER_MS = 5 * 60_000
const PER_SWEEP = 100

type OutboxCollection = typeof CDN_PURGES | typeof WEBHOOK_DELIVERIES

/**
 * The rows of an outbox whose retry is long overdue, each attempted now as the attempt it expects
 * (`due` is its own retry time). A row whose retry job was lost (a fault after its failure was
 * recorded and before the next job was queued, a job removed by hand) would otherwise stay "failed"
 * for good. A job that turns up late finds the attempt done and sends nothing. Oldest first, at most
 * 100 a sweep; returns how many rows were attempted.
 */
export async function attemptOverdueRows(
  payload: Payload,
  collection: OutboxCollection,
  attempt: (id: Id, due: string) => Promise<unknown>,
  now: number,
): Promise<number> {
  const { docs } = await payload.find({
    collection,
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
    if (!row.nextAttemptAt) continue
    try {
      await attempt(row.id, row.nextAttemptAt)
    } catch (error) {
      // One row's fault must not hold back the rest: this one sorts first and would stop every sweep.
      payload.logger.error({ err: error, msg: `The sweep's attempt at ${collection} ${row.id} failed; the next sweep tries again.` })
    }
  }
  return docs.length
}
