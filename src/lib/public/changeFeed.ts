import type { Payload, PayloadRequest } from 'payload'

import { PUBLIC_CHANGES } from '@collections/slugs'
import { loadEnv } from '../env'
import { inNewTransaction } from '../transaction'
import type { PublicChangeKind } from './cacheTags'
import { clearPublicResponses, evictPublicResponses, holdPublicResponses, publicResponsesHeld } from './responseCache'

export type PublicChange = { kind: PublicChangeKind; slugs: string[]; tags: string[] }

/**
 * Records the change in the public change feed (collection `public-changes`), in the request's
 * transaction: it is seen by other instances only if the change commits. Every instance's poller
 * (below) then evicts `tags` from its prepared responses within PUBLIC_CHANGE_POLL_MS.
 */
export async function recordPublicChange(req: PayloadRequest, change: PublicChange): Promise<void> {
  await req.payload.create({
    collection: PUBLIC_CHANGES,
    data: { kind: change.kind, slugs: change.slugs, tags: change.tags },
    depth: 0,
    overrideAccess: true,
    req,
  })
}

/**
 * A row's createdAt is stamped when it is written, but other instances can only read it once its
 * transaction commits, which may be later. Each poll therefore reads back this far before the
 * previous poll started (ids already applied are skipped): a change whose transaction took longer
 * than this, or written by an instance whose clock is this far behind, is caught only by the store's
 * TTL (src/lib/public/responseCache.ts).
 */
export const OVERLAP_MS = 30_000
/**
 * Rows read per poll, newest first. When a poll's window holds more, the ids of the rest are read
 * (up to ID_SCAN_LIMIT): if one is new, everything is evicted rather than reading on.
 */
export const POLL_LIMIT = 1_000
export const ID_SCAN_LIMIT = 50_000
/** Rows are only needed for OVERLAP_MS; a day keeps a readable trail for an operator. */
export const RETENTION_MS = 24 * 60 * 60_000
const PRUNE_EVERY_MS = 10 * 60_000

type Poller = {
  payload: Payload
  intervalMs: number
  timer?: NodeJS.Timeout
  /** When the last successful poll started (ms since the epoch). */
  since: number
  /** Applied rows still inside the overlap window: id -> createdAt (ms). */
  seen: Map<string, number>
  lastPrune: number
  stopped: boolean
}

// One poller per process: Next bundles this module into several routes.
const POLLER_KEY = '__clinicianReviewedCmsPublicChangePoller'
const shared = globalThis as typeof globalThis & { [POLLER_KEY]?: Poller }

/**
 * Reads the change feed once and evicts the tags of rows not applied yet. Returns how many rows it
 * applied. Exported for tests; the poller calls it every `intervalMs`.
 */
export async function pollPublicChanges(poller: Poller): Promise<number> {
  const started = Date.now()
  const from = Math.min(poller.since, started) - OVERLAP_MS
  const { docs } = await poller.payload.find({
    collection: PUBLIC_CHANGES,
    where: { createdAt: { greater_than_equal: new Date(from).toISOString() } },
    select: { tags: true, createdAt: true },
    sort: '-createdAt',
    limit: POLL_LIMIT,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const unseen = docs.filter((doc) => !poller.seen.has(String(doc.id)))
  const tags = new Set<string>()
  for (const doc of unseen) {
    poller.seen.set(String(doc.id), Date.parse(doc.createdAt))
    for (const tag of Array.isArray(doc.tags) ? doc.tags : []) if (typeof tag === 'string') tags.add(tag)
  }
  // A full page may have new rows behind it: a burst's older rows, or a row whose transaction
  // committed late, stamped before the newest page. If one is there, everything is evicted, once: the
  // next polls find every row applied and evict nothing more (reading oldest first, every poll of a
  // busy window met the same unread rows and emptied the store again).
  const behind = docs.length >= POLL_LIMIT ? await unseenRowsBehind(poller, from, docs.at(-1)!) : 0
  if (behind > 0) clearPublicResponses()
  else if (tags.size) evictPublicResponses([...tags])
  const applied = unseen.length + behind
  for (const [id, createdAt] of poller.seen) if (createdAt < from) poller.seen.delete(id)
  poller.since = started
  if (started - poller.lastPrune >= PRUNE_EVERY_MS) {
    // Pruning is housekeeping: its failure must not count as a feed that cannot be read.
    await prunePublicChanges(poller.payload, started).catch((error: unknown) =>
      poller.payload.logger.warn({ err: error, msg: 'Pruning the public change feed failed; it is tried again in 10 minutes.' }),
    )
  }
  return applied
}

/**
 * The window's rows older than a full page's oldest, by id and time only (a burst may hold thousands):
 * how many are new, each marked applied. At least 1 when ID_SCAN_LIMIT of them were read: more may lie
 * behind those, unread, so the caller evicts everything as for a new row.
 */
async function unseenRowsBehind(poller: Poller, from: number, oldestRead: { id: string | number; createdAt: string }): Promise<number> {
  // Most polls of a busy window find nothing new: one indexed count against the rows already applied
  // in the same span says so, without reading the ids (50,000 of them took over a second).
  const oldestAt = Date.parse(oldestRead.createdAt)
  const span = [
    { createdAt: { greater_than_equal: new Date(from).toISOString() } },
    { createdAt: { less_than_equal: oldestRead.createdAt } },
  ]
  const { totalDocs } = await poller.payload.count({ collection: PUBLIC_CHANGES, where: { and: span }, overrideAccess: true })
  let applied = 0
  for (const at of poller.seen.values()) if (at >= from && at <= oldestAt) applied += 1
  if (totalDocs <= applied) return 0
  const { docs } = await poller.payload.find({
    collection: PUBLIC_CHANGES,
    where: {
      and: [...span, { id: { not_equals: oldestRead.id } }],
    },
    select: { createdAt: true },
    sort: '-createdAt',
    limit: ID_SCAN_LIMIT,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  let unseen = 0
  for (const doc of docs) {
    if (poller.seen.has(String(doc.id))) continue
    poller.seen.set(String(doc.id), Date.parse(doc.createdAt))
    unseen += 1
  }
  return docs.length >= ID_SCAN_LIMIT ? Math.max(unseen, 1) : unseen
}

/** Deletes rows older than RETENTION_MS (any instance may do it; a repeat deletes nothing). */
export async function prunePublicChanges(payload: Payload, now = Date.now()): Promise<void> {
  const poller = shared[POLLER_KEY]
  if (poller) poller.lastPrune = now
  // The adapter's deleteMany: one statement, without a find and per-row hooks for rows nobody edits.
  // In a transaction: on SQLite that queues it behind the app's writes instead of failing busy.
  await inNewTransaction(payload, (req) =>
    payload.db.deleteMany({
      collection: PUBLIC_CHANGES,
      where: { createdAt: { less_than: new Date(now - RETENTION_MS).toISOString() } },
      req,
    }),
  )
}

/**
 * Starts this process's poller (once; later calls return the running one). Called wherever the
 * server loads Payload for a public read, page or API (`publicPayload`, src/lib/public/publicPayload.ts), so
 * it runs before anything public is built and stored; the production server also triggers it at
 * start (scripts/server.mjs warms the store), but an instance whose warm-up failed, or one run with
 * plain `next start`, must not keep another instance's withdrawal until the store's expiry.
 */
export function startPublicChangePoller(
  payload: Payload,
  { intervalMs = loadEnv().publicDelivery.changePollMs }: { intervalMs?: number } = {},
): Poller {
  const running = shared[POLLER_KEY]
  if (running && !running.stopped) return running
  const now = Date.now()
  const poller: Poller = { payload, intervalMs, since: now, seen: new Map(), lastPrune: now, stopped: false }
  shared[POLLER_KEY] = poller
  const tick = async () => {
    try {
      await pollPublicChanges(poller)
      holdPublicResponses(false)
    } catch (error) {
      if (!publicResponsesHeld())
        payload.logger.error({
          err: error,
          msg: 'Reading the public change feed failed: public responses are not kept or cached until it can be read again.',
        })
      holdPublicResponses(true)
    }
    // Each poll starts after the previous one ends: a slow database never stacks queries.
    if (!poller.stopped) poller.timer = setTimeout(tick, poller.intervalMs).unref()
  }
  poller.timer = setTimeout(tick, intervalMs).unref()
  // Payload has no shutdown hook: a poll after payload.destroy() would query a closed database.
  const destroy = payload.destroy.bind(payload)
  payload.destroy = async () => {
    stopPublicChangePoller()
    return destroy()
  }
  return poller
}

export function stopPublicChangePoller(): void {
  const poller = shared[POLLER_KEY]
  if (!poller) return
  poller.stopped = true
  clearTimeout(poller.timer)
}
