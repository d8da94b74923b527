import type { CollectionSlug, Payload, PayloadRequest, Where } from 'payload'

import type { Id } from '../relationId'
import { inNewTransaction } from '../transaction'

/**
 * Claims a row (an email, a webhook delivery, an expired work lease) for one attempt, atomically: one conditional
 * update that sets `claimedUntil` (SQLite: `UPDATE ... WHERE id = ? AND (claimedUntil IS NULL OR
 * claimedUntil < now) AND ... RETURNING`; MongoDB: findOneAndUpdate with the same filter). Of two
 * runs racing for a row (two workers, a job taken twice), one gets the row back and the other
 * nothing, so only one sends. The same mechanism Payload uses to reserve a password reset
 * (`options.atomic`). The lease outlasts the send's timeouts, so a process that died mid-send frees
 * the row after it: a webhook or purge row is then attempted by the overdue sweep; an email by its
 * job's next try, once the sweep has released the job its dead process left marked as running
 * (src/lib/leases/stalledJobs.ts).
 */
export async function claimForAttempt<T>(
  payload: Payload,
  collection: CollectionSlug,
  id: Id,
  { leaseMs, where = [], data = {} }: { leaseMs: number; where?: Where[]; data?: Record<string, unknown> },
): Promise<T | null> {
  const now = new Date()
  const update = (req?: PayloadRequest) =>
    payload.db.updateOne({
      collection,
      where: {
        and: [
          { id: { equals: id } },
          { or: [{ claimedUntil: { exists: false } }, { claimedUntil: { less_than: now.toISOString() } }] },
          ...where,
        ],
      },
      data: { ...data, claimedUntil: new Date(now.getTime() + leaseMs).toISOString() },
      options: { atomic: true },
      ...(req ? { req } : {}),
    } as Parameters<Payload['db']['updateOne']>[0])
  const claimed = await writeOnItsOwn(payload, update)
  return claimed as unknown as T | null
}

/**
 * Records an attempt's outcome on a row it claimed, only if the row still holds that claim (and
 * matches `where`): an admin who replayed the row (a new claim-free pending row) or skipped it while
 * the attempt was under way is not overwritten by the attempt's late result. Null when it was not.
 */
export async function recordIfStillClaimed<T>(
  payload: Payload,
  collection: CollectionSlug,
  id: Id,
  claimedUntil: string | null | undefined,
  data: Record<string, unknown>,
  where: Where[] = [],
): Promise<T | null> {
  if (!claimedUntil) return null
  const recorded = await writeOnItsOwn(payload, (req) =>
    payload.db.updateOne({
      collection,
      where: { and: [{ id: { equals: id } }, { claimedUntil: { equals: claimedUntil } }, ...where] },
      data,
      options: { atomic: true },
      ...(req ? { req } : {}),
    } as Parameters<Payload['db']['updateOne']>[0]),
  )
  return recorded as unknown as T | null
}

/**
 * One conditional write that must stand alone: SQLite, in a transaction of its own, which puts it in
 * the process's write queue (src/lib/database/serializeTransactions.ts) instead of racing an open
 * transaction for the lock. MongoDB: outside any transaction, as Payload reserves a password reset:
 * one findOneAndUpdate (or insert against a unique index) is atomic alone, and inside a transaction
 * the losing write would end in a write conflict (an error) instead of matching nothing.
 */
export async function writeOnItsOwn<T>(payload: Payload, write: (req?: PayloadRequest) => Promise<T>): Promise<T> {
  return payload.db.name === 'sqlite' ? inNewTransaction(payload, write) : write()
}
