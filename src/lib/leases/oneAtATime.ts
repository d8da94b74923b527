import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'

import type { WorkLease } from '@/payload-types'
import { WORK_LEASES } from '@collections/slugs'
import { claimForAttempt, writeOnItsOwn } from '../outbox/claim'

/** What a run of the work is told when its turn comes. */
export type Turn = {
  /**
   * Another run held this work when this one asked: this one waited for it, or took over its
   * expired lease. The work may well be done already (re-check before paying for it again).
   */
  afterAnotherRun: boolean
}

/** How often a waiting run looks whether the lease was given back. */
export const LEASE_POLL_MS = 250

/**
 * How long a lease lasts unless renewed. The holder renews it every third of that while its work
 * runs (however long a model call takes), so this only bounds how long the work of a run that died
 * stays blocked.
 */
export const LEASE_MS = 120_000

/**
 * Runs `work` while holding the lease named `key`, so that no other run of the same work, in this
 * process or another server's, runs at the same time. Payload's job queue can hand one job to two
 * runners (it finds free jobs, then marks them: two workers on MongoDB can both find the same one,
 * and a job run by id is not checked at all), and some work costs money each time it runs: a model
 * call, a Message Batch. A run that finds the lease held waits until it is given back (or expires:
 * the holder died), then takes its turn with `afterAnotherRun`, and the work decides from what it
 * finds whether anything is left to do. The lease is renewed while the work runs and given back
 * however the work ends.
 */
export async function oneAtATime<T>(
  payload: Payload,
  key: string,
  work: (turn: Turn) => Promise<T>,
  { leaseMs = LEASE_MS, pollMs = LEASE_POLL_MS }: { leaseMs?: number; pollMs?: number } = {},
): Promise<T> {
  let waited = false
  for (;;) {
    const lease = await takeLease(payload, key, leaseMs)
    if (lease) {
      const renewal = keepRenewed(payload, key, lease.holder, leaseMs)
      try {
        return await work({ afterAnotherRun: waited || lease.tookOver })
      } finally {
        await renewal.stop()
        await giveBack(payload, key, lease.holder)
      }
    }
    waited = true
    await leaseEnded(payload, key, pollMs)
  }
}

/**
 * Takes the lease if nobody holds it (an insert that the unique key refuses to a second run) or if
 * its holder's time ran out (a conditional update, as the outbox claims a row). Returns the holder
 * token to renew and give it back with, and whether it was taken over from a run that did not give
 * it back; null when another run holds it.
 */
export async function takeLease(payload: Payload, key: string, leaseMs: number): Promise<{ holder: string; tookOver: boolean } | null> {
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
    return { holder, tookOver: false }
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
  return taken ? { holder, tookOver: true } : null
}

/**
 * Renews the lease every third of its length while the work runs. A renewal that finds the lease
 * taken over (this process stalled past its expiry) cannot stop the work; it is logged.
 */
function keepRenewed(payload: Payload, key: string, holder: string, leaseMs: number): { stop: () => Promise<void> } {
  let renewing: Promise<void> | null = null
  const renew = async () => {
    try {
      const renewed = await writeOnItsOwn(payload, (req) =>
        payload.db.updateOne({
          collection: WORK_LEASES,
          where: { and: [{ key: { equals: key } }, { holder: { equals: holder } }] },
          data: { claimedUntil: new Date(Date.now() + leaseMs).toISOString() },
          options: { atomic: true },
          ...(req ? { req } : {}),
        } as Parameters<Payload['db']['updateOne']>[0]),
      )
      if (!renewed) payload.logger.warn(`The lease "${key}" expired before it was renewed; another run may have started the same work.`)
    } catch (error) {
      payload.logger.error({ err: error, msg: `The lease "${key}" could not be renewed; it is tried again shortly.` })
    }
  }
  // A renewal still under way (a slow database) is not joined by the next one.
  const timer = setInterval(() => {
    renewing ??= renew().finally(() => {
      renewing = null
    })
  }, leaseMs / 3)
  timer.unref()
  return {
    stop: async () => {
      clearInterval(timer)
      await renewing
    },
  }
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
