import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'

import type { WorkLease } from '@/payload-types'
import { WORK_LEASES } from '@collections/slugs'
import { claimForAttempt, writeOnItsOwn } from '../outbox/claim'

/** What a run of the work is told when its turn comes. */
export type Turn = {
  /**
   * Another run held this work when this one asked, and this one waited for it: the work may well
   * be done already (re-check before paying for it again).
   */
  afterAnotherRun: boolean
}

/** How often a waiting run looks whether the lease was given back. */
export const LEASE_POLL_MS = 250

/**
 * Runs `work` while holding the lease named `key`, so that no other run of the same work, in this
 * process or another server's, runs at the same time. Payload's job queue can hand one job to two
 * runners (it finds free jobs, then marks them: two instances, or the cron and an admin's run, can
 * both find the same one), and some work costs money each time it runs: a model call, a Message
 * Batch. A run that finds the lease held waits until it is given back (or expires: the holder
 * died), then takes its turn with `afterAnotherRun`, and the work decides from what it finds
 * whether anything is left to do.
 *
 * `leaseMs` must outlast the work: past it, the lease counts as abandoned and another run may start.
 * The lease is given back however the work ends.
 */
export async function oneAtATime<T>(
  payload: Payload,
  key: string,
  leaseMs: number,
  work: (turn: Turn) => Promise<T>,
  { pollMs = LEASE_POLL_MS }: { pollMs?: number } = {},
): Promise<T> {
  let afterAnotherRun = false
  for (;;) {
    const holder = await takeLease(payload, key, leaseMs)
    if (holder) {
      try {
        return await work({ afterAnotherRun })
      } finally {
        await giveBack(payload, key, holder)
      }
    }
    afterAnotherRun = true
    await leaseEnded(payload, key, pollMs)
  }
}

/**
 * Takes the lease if nobody holds it (an insert that the unique key refuses to a second run) or if
 * its holder's time ran out (a conditional update, as the outbox claims a row). Returns the holder
 * token to give it back with, or null when another run holds it.
 */
export async function takeLease(payload: Payload, key: string, leaseMs: number): Promise<string | null> {
  const holder = randomUUID()
  try {
    await writeOnItsOwn(payload, (req) =>
      payload.db.create({
        collection: WORK_LEASES,
        data: { key, holder, claimedUntil: new Date(Date.now() + leaseMs).toISOString() },
        returning: false,
        ...(req ? { req } : {}),
      }),
    )
    return holder
  } catch (error) {
    if (!isTakenKey(error)) throw error
  }
  const held = (await payload.db.findOne({ collection: WORK_LEASES, where: { key: { equals: key } } })) as WorkLease | null
  // Given back in between: the caller looks again.
  if (!held) return null
  const taken = await claimForAttempt<WorkLease>(payload, WORK_LEASES, held.id, {
    leaseMs,
    where: [{ key: { equals: key } }],
    data: { holder },
  })
  return taken ? holder : null
}

/** Gives the lease back, if this run still holds it (not if it expired and another run took it over). */
async function giveBack(payload: Payload, key: string, holder: string): Promise<void> {
  try {
    await writeOnItsOwn(payload, (req) =>
      payload.db.deleteOne({
        collection: WORK_LEASES,
        where: { and: [{ key: { equals: key } }, { holder: { equals: holder } }] },
        returning: false,
        ...(req ? { req } : {}),
      }),
    )
  } catch (error) {
    // The work's own outcome stands; the lease expires on its own, and waiting runs then go on.
    payload.logger.error({ err: error, msg: `The lease "${key}" could not be given back; it ends when it expires.` })
  }
}

/** Resolves once nobody holds the lease: given back, or expired. */
async function leaseEnded(payload: Payload, key: string, pollMs: number): Promise<void> {
  for (;;) {
    const held = (await payload.db.findOne({ collection: WORK_LEASES, where: { key: { equals: key } } })) as WorkLease | null
    if (!held || new Date(held.claimedUntil).getTime() < Date.now()) return
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
}

/** An expired lease is kept this long (for an admin to see that a run died holding it), then pruned. */
export const EXPIRED_LEASE_RETENTION_MS = 24 * 3600_000

/**
 * Deletes leases that expired more than a day ago: left by runs that died, for work nobody asked for
 * again (a claim check of content since edited). Run by the outbox sweep every 5 minutes.
 */
export async function pruneExpiredLeases(payload: Payload, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - EXPIRED_LEASE_RETENTION_MS).toISOString()
  const { totalDocs } = await payload.count({
    collection: WORK_LEASES,
    where: { claimedUntil: { less_than: cutoff } },
    overrideAccess: true,
  })
  if (totalDocs === 0) return 0
  await writeOnItsOwn(payload, (req) =>
    payload.db.deleteMany({ collection: WORK_LEASES, where: { claimedUntil: { less_than: cutoff } }, ...(req ? { req } : {}) }),
  )
  return totalDocs
}

/** The database refused a second row with this key (Payload's adapters report it as a ValidationError on `key`). */
function isTakenKey(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'ValidationError') return false
  const errors = (error as Error & { data?: { errors?: { path?: string | null }[] } }).data?.errors ?? []
  return errors.some((entry) => entry.path === 'key')
}
