import type { Payload, PayloadRequest } from 'payload'

import { CDN_PURGES } from '@collections/slugs'
import type { CdnPurge as CdnPurgeRow } from '@/payload-types'
import { afterCommit } from '../database/afterCommit'
import { FIRST_RETRY_MS, inFlightAttempts, MAX_RETRY_MS, retryDelayMs } from '../outbox/retry'
import { answerTag, PUBLIC_TAG, type PublicChangeKind } from '../public/cacheTags'
import type { Id } from '../relationId'
import { sendPurge } from './request'
import { cdnPurgeSettings } from './settings'

export type CdnPurge = { kind: PublicChangeKind; slugs: string[]; tags: string[] }

export const CDN_PURGE_QUEUE = 'cdn-purge'
export const SEND_CDN_PURGE_TASK = 'sendCdnPurge'
// The backoff is the outboxes' shared one (src/lib/outbox): there is no last attempt, since a CDN
// left holding a withdrawn answer is not an option.
export { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs }

/** When several changes in one transaction are coalesced, the row names the widest of them. */
const KIND_WIDTH: Record<PublicChangeKind, number> = { revised: 0, published: 1, withdrawn: 2, site: 3 }

/**
 * The tags of several purges as one: each answer's tag, then the lists' (the order tagsForAnswers
 * gives). Purging PUBLIC_TAG empties everything public: every other tag is then redundant.
 */
function mergeTags(...lists: string[][]): string[] {
  const tags = [...new Set(lists.flat())]
  if (tags.includes(PUBLIC_TAG)) return [PUBLIC_TAG]
  const isAnswer = (tag: string) => tag.startsWith(answerTag(''))
  return [...tags.filter(isAnswer), ...tags.filter((tag) => !isAnswer(tag))]
}

const words = (text: string | null | undefined) => (text ?? '').split(/\s+/).filter(Boolean)

/** The outbox row open in each transaction, so that one transaction sends one purge. */
type Open = { id: Id; purge: CdnPurge; openedAt: number }
const openByTransaction = new Map<string, Open>()
/** A rolled-back transaction never reaches afterCommit: its entry is dropped after this long. */
const OPEN_ENTRY_TTL_MS = 10 * 60_000

async function transactionKey(req: PayloadRequest): Promise<string | undefined> {
  const id = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  return id === undefined || id === null ? undefined : String(id)
}

/**
 * Writes a purge of `tags` to the outbox in the request's transaction (the collection's hooks send it
 * once the transaction commits, and retry it until the CDN accepts it). Every purge queued in the same
 * transaction joins the same row: one request for a publication that changes several answers.
 */
export async function queueCdnPurge(req: PayloadRequest, purge: CdnPurge): Promise<void> {
  if (purge.tags.length === 0) return
  const key = await transactionKey(req)
  const open = key ? openByTransaction.get(key) : undefined
  if (open) {
    const merged: CdnPurge = {
      kind: KIND_WIDTH[purge.kind] > KIND_WIDTH[open.purge.kind] ? purge.kind : open.purge.kind,
      slugs: [...new Set([...open.purge.slugs, ...purge.slugs])],
      tags: mergeTags(open.purge.tags, purge.tags),
    }
    await req.payload.update({ collection: CDN_PURGES, id: open.id, data: rowData(merged), req, overrideAccess: true, depth: 0 })
    open.purge = merged
    return
  }
  const normalized = { ...purge, tags: mergeTags(purge.tags) }
  const row = await req.payload.create({
    collection: CDN_PURGES,
    data: { ...rowData(normalized), status: 'pending' },
    req,
    overrideAccess: true,
    depth: 0,
  })
  if (!key) return
  const openedAt = Date.now()
  for (const [staleKey, entry] of openByTransaction) {
    if (openedAt - entry.openedAt > OPEN_ENTRY_TTL_MS) openByTransaction.delete(staleKey)
  }
  openByTransaction.set(key, { id: row.id, purge: normalized, openedAt })
  await afterCommit(req, () => void openByTransaction.delete(key))
}

const rowData = (purge: CdnPurge) => ({ kind: purge.kind, tags: purge.tags.join(' '), slugs: purge.slugs.join(' ') || null })

/**
 * A row that became pending (new, or put back by an admin): its retry job, in the same transaction,
 * due at `nextAttemptAt`, and the first attempt right after the commit, so that a purge leaves within
 * the second. The job is the backstop when that attempt fails or never happens (the process ended).
 */
export async function scheduleCdnPurge(req: PayloadRequest, row: CdnPurgeRow): Promise<void> {
  if (row.nextAttemptAt) await queueAttempt(req.payload, row.id, row.nextAttemptAt, req)
  const { payload } = req
  await afterCommit(req, () => {
    const repeatAt = Date.now() + cdnPurgeSettings().repeatAfterMs
    const first = attemptCdnPurge(payload, row.id)
    track(payload, first)
    // Only a purge that was sent is repeated, so nothing waits when none is configured or it failed.
    // A first attempt that threw is reported by its own tracking, and retried by its job.
    const repeat = first
      .catch((): AttemptOutcome => 'failed')
      .then(async (outcome) => {
        if (outcome !== 'sent' || cdnPurgeSettings().repeatAfterMs === 0) return outcome
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, repeatAt - Date.now())))
        return repeatCdnPurge(payload, row.id)
      })
    track(payload, repeat)
  })
}

/**
 * The purge once more, CDN_PURGE_REPEAT_MS after the commit (and after the first attempt), when every
 * instance has applied the change: the first purge leaves at once, while other instances evict only
 * at their next poll of the change log, and a CDN miss routed to one of them in between would store
 * its old copy (a withdrawn answer) for CDN_MAX_AGE. Only after a first attempt that was sent: a
 * failed one is retried by its job, at least FIRST_RETRY_MS later. A failed repeat puts the row back
 * into the retry cycle, visible as any failure.
 */
export async function repeatCdnPurge(payload: Payload, id: Id): Promise<AttemptOutcome> {
  const row = await payload.findByID({ collection: CDN_PURGES, id, depth: 0, overrideAccess: true, disableErrors: true })
  const { url, auth } = cdnPurgeSettings()
  if (!row || row.status !== 'sent' || !url) return 'skipped'
  const result = await sendPurge({ url, auth }, words(row.tags))
  if (result.ok) return 'sent'
  const nextAttemptAt = new Date(Date.now() + FIRST_RETRY_MS).toISOString()
  const lastError = `The repeated purge failed: ${result.error}`
  const failure = { attempts: (row.attempts ?? 0) + 1, responseStatus: result.status, durationMs: result.durationMs, lastError }
  if (!(await recordOutcome(payload, row, { ...failure, status: 'failed', nextAttemptAt }))) return 'skipped'
  await queueAttempt(payload, id, nextAttemptAt)
  payload.logger.warn(`CDN purge ${id} (${row.tags}): ${lastError} Next attempt at ${nextAttemptAt}.`)
  return 'failed'
}

/**
 * Records an attempt's outcome on the row as the attempt read it, and only then. Two attempts can
 * overlap (a slow CDN holds the one after the commit past its first retry's time): the later one to
 * finish would otherwise put back the schedule it read, which no queued job expects, and the row
 * would stay "failed" with no retry ever again. The one that finds the row changed records nothing
 * here; `recordOnLatest` then applies its outcome to the new row if it still matters.
 * (Webhook deliveries claim their row with a lease instead: a receiver must not get an event twice
 * at once, while a purge sent twice does no harm.)
 */
async function recordOutcome(payload: Payload, row: CdnPurgeRow, data: Partial<CdnPurgeRow>): Promise<boolean> {
  const { docs, errors } = await payload.update({
    collection: CDN_PURGES,
    where: { and: [{ id: { equals: row.id } }, { updatedAt: { equals: row.updatedAt } }] },
    data,
    overrideAccess: true,
    depth: 0,
  })
  // A bulk update reports a document's failure (a hook, the database) instead of throwing it: that is
  // an error, not another attempt's record.
  if (errors.length > 0) throw new Error(`Recording CDN purge ${row.id} failed: ${errors.map(({ message }) => message).join('; ')}`)
  if (docs.length === 0) payload.logger.info(`CDN purge ${row.id}: another attempt recorded its outcome first; this one's is dropped.`)
  return docs.length > 0
}

async function queueAttempt(payload: Payload, id: Id, due: string, req?: PayloadRequest) {
  await payload.jobs.queue({
    task: SEND_CDN_PURGE_TASK,
    input: { purgeId: String(id), due },
    queue: CDN_PURGE_QUEUE,
    waitUntil: new Date(due),
    ...(req ? { req } : {}),
  })
}

export type AttemptOutcome = 'sent' | 'failed' | 'not_configured' | 'skipped'

/**
 * One attempt to send an outbox row. `due` is given by the retry job: the attempt then happens only if
 * the row still expects it (an admin's retry or an earlier success supersedes a queued job), and a
 * failure queues the next job with a doubled wait. The attempt right after the commit keeps the
 * schedule it was given (its job is the first retry).
 */
export async function attemptCdnPurge(payload: Payload, id: Id, { due }: { due?: string } = {}): Promise<AttemptOutcome> {
  const row = await payload.findByID({ collection: CDN_PURGES, id, depth: 0, overrideAccess: true, disableErrors: true })
  if (!row || row.status === 'sent' || row.status === 'not_configured') return 'skipped'
  if (due && (!row.nextAttemptAt || new Date(row.nextAttemptAt).getTime() !== new Date(due).getTime())) return 'skipped'
  const recorded = (data: Partial<CdnPurgeRow>) => recordOutcome(payload, row, data)
  const { url, auth } = cdnPurgeSettings()
  if (!url) {
    await recorded({ status: 'not_configured', nextAttemptAt: null, lastError: 'No CDN purge endpoint is configured (CDN_PURGE_URL).' })
    return 'not_configured'
  }
  const attempts = (row.attempts ?? 0) + 1
  const result = await sendPurge({ url, auth }, words(row.tags))
  const measured = { attempts, responseStatus: result.status, durationMs: result.durationMs }
  if (result.ok) {
    const sent = { ...measured, status: 'sent' as const, sentAt: new Date().toISOString(), nextAttemptAt: null, lastError: null }
    if (await recorded(sent)) return 'sent'
    // Not over a row set back to pending (an admin's "send again": its own attempt follows).
    const applied = await recordOnLatest(payload, id, (latest) =>
      latest.status === 'sent' || latest.status === 'pending' ? null : { ...sent, attempts: nextAttempt(latest) },
    )
    return applied ? 'sent' : 'skipped'
  }
  const failure = { ...measured, status: 'failed' as const, lastError: result.error }
  let nextAttemptAt = due ? new Date(Date.now() + retryDelayMs(attempts)).toISOString() : row.nextAttemptAt
  if (await recorded({ ...failure, nextAttemptAt })) {
    if (due && nextAttemptAt) await queueAttempt(payload, id, nextAttemptAt)
  } else {
    // The other attempt recorded first. If it left no retry ahead (the attempt right after the commit
    // fails while the retry job, holding the row it read before, is still at the CDN), this one
    // schedules it: otherwise the row would stay "failed" with no job queued.
    // A retry is ahead when one is scheduled after this job's own time (or, without one, after now).
    const ahead = due ? new Date(due).getTime() : Date.now()
    const applied = await recordOnLatest(payload, id, (latest) => {
      if (latest.status === 'sent' || latest.status === 'not_configured') return null
      if (latest.nextAttemptAt && new Date(latest.nextAttemptAt).getTime() > ahead) return null
      const next = nextAttempt(latest)
      return { ...failure, attempts: next, nextAttemptAt: new Date(Date.now() + retryDelayMs(next)).toISOString() }
    })
    if (!applied) return 'skipped'
    nextAttemptAt = applied.nextAttemptAt!
    await queueAttempt(payload, id, nextAttemptAt)
  }
  payload.logger.warn(`CDN purge ${id} (${row.tags}) failed, attempt ${attempts}: ${result.error} Next attempt at ${nextAttemptAt}.`)
  return 'failed'
}

const nextAttempt = (row: CdnPurgeRow) => (row.attempts ?? 0) + 1

/**
 * After an attempt lost the record to another one: its outcome is applied to the row as it is now,
 * when `decide` says it still matters (a success the row does not show yet, a failure nobody
 * scheduled a retry for). Returns what was recorded, or null. A few rounds, as the row changes only
 * once per attempt.
 */
async function recordOnLatest(
  payload: Payload,
  id: Id,
  decide: (latest: CdnPurgeRow) => Partial<CdnPurgeRow> | null,
): Promise<Partial<CdnPurgeRow> | null> {
  for (let round = 0; round < 3; round += 1) {
    const latest = await payload.findByID({ collection: CDN_PURGES, id, depth: 0, overrideAccess: true, disableErrors: true })
    const data = latest ? decide(latest) : null
    if (!data) return null
    if (await recordOutcome(payload, latest!, data)) return data
  }
  return null
}

/** Attempts started after a commit and not awaited by it: a slow CDN must not slow the save. */
const postCommit = inFlightAttempts('CDN purge')
const track = (payload: Payload, attempt: Promise<AttemptOutcome>) => postCommit.track(payload, attempt)

/** Resolves when every attempt started after a commit has recorded its outcome (tests, shutdown). */
export const settleCdnPurges = (): Promise<void> => postCommit.settle()
