import crypto from 'node:crypto'
import type { Payload, PayloadRequest, Where } from 'payload'

import { WEBHOOK_DELIVERIES, WEBHOOK_ENDPOINTS } from '@collections/slugs'
import type { WebhookDelivery, WebhookEndpoint } from '@/payload-types'
import { afterCommit } from '../database/afterCommit'
import { describeFetchError, FIRST_RETRY_MS, inFlightAttempts, retryDelayMs } from '../outbox/retry'
import { relationId, type Id } from '../relationId'
import { claimForAttempt, recordIfStillClaimed } from '../outbox/claim'
import { eventAnswer, type AnswerForEvent, type WebhookEvent, type WebhookEventType } from './events'
import { signWebhook } from './signing'
import { webhookSettings } from './settings'
import { postWebhook } from './send'
import { endpointUrlProblem, PrivateAddressError } from './urls'

export const WEBHOOK_QUEUE = 'webhooks'
export const SEND_WEBHOOK_TASK = 'sendWebhook'
export { FIRST_RETRY_MS }

/** Statuses after which a delivery no longer holds back the later ones for its answer. */
const DONE: WebhookDelivery['status'][] = ['delivered', 'skipped']

export type QueuedEvent = {
  type: WebhookEventType
  answer: AnswerForEvent
  evidenceChange?: WebhookEvent['evidenceChange']
  review?: WebhookEvent['review']
  /** Events that must happen once per answer and period (review_overdue) name it; others are unique. */
  onceKey?: string
}

/** Events already queued in each open transaction: a save and the policy behind it announce one change once. */
const queuedByTransaction = new Map<string, { marks: Set<string>; openedAt: number }>()
/** A rolled-back transaction never reaches afterCommit: its entry is dropped after this long. */
const OPEN_ENTRY_TTL_MS = 10 * 60_000

async function transactionKey(req: PayloadRequest): Promise<string | undefined> {
  const id = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  return id === undefined || id === null ? undefined : String(id)
}

/** The active endpoints subscribed to `type` (a small table: read in the change's transaction). */
async function subscribers(req: PayloadRequest, type: WebhookEventType): Promise<WebhookEndpoint[]> {
  const { docs } = await req.payload.find({
    collection: WEBHOOK_ENDPOINTS,
    where: { and: [{ active: { equals: true } }, { events: { in: [type] } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs as WebhookEndpoint[]
}

/**
 * Writes one delivery per subscribed endpoint to the outbox, in the request's transaction: they
 * commit or roll back with the change. The collection's hooks send each right after the commit
 * and queue its retry job (src/jobs/sendWebhooks.ts). Returns how many deliveries were written.
 */
export async function queueWebhookEvent(req: PayloadRequest, event: QueuedEvent): Promise<number> {
  const key = await transactionKey(req)
  const mark = `${event.type}:${event.answer.id}`
  const seen = key ? queuedByTransaction.get(key) : undefined
  if (seen?.marks.has(mark)) return 0
  if (seen) seen.marks.add(mark)
  else if (key) {
    const openedAt = Date.now()
    for (const [staleKey, entry] of queuedByTransaction) {
      if (openedAt - entry.openedAt > OPEN_ENTRY_TTL_MS) queuedByTransaction.delete(staleKey)
    }
    queuedByTransaction.set(key, { marks: new Set([mark]), openedAt })
    await afterCommit(req, () => void queuedByTransaction.delete(key))
  }
  const endpoints = await subscribers(req, event.type)
  if (endpoints.length === 0) return 0
  const body: WebhookEvent = {
    type: event.type,
    occurredAt: new Date().toISOString(),
    answer: eventAnswer(event.answer, req.payload.config.serverURL),
    ...(event.evidenceChange ? { evidenceChange: event.evidenceChange } : {}),
    ...(event.review ? { review: event.review } : {}),
  }
  let written = 0
  for (const endpoint of endpoints) {
    const messageId = `msg_${crypto.randomUUID().replaceAll('-', '')}`
    const dedupeKey = `${endpoint.id}:${event.onceKey ?? messageId}`
    if (event.onceKey) {
      const { totalDocs } = await req.payload.count({
        collection: WEBHOOK_DELIVERIES,
        where: { dedupeKey: { equals: dedupeKey } },
        overrideAccess: true,
        req,
      })
      if (totalDocs > 0) continue
    }
    await req.payload.create({
      collection: WEBHOOK_DELIVERIES,
      data: {
        endpoint: endpoint.id,
        event: event.type,
        messageId,
        dedupeKey,
        answerKey: String(event.answer.id),
        answerTitle: event.answer.title,
        body: JSON.stringify(body),
        status: 'pending',
      },
      req,
      overrideAccess: true,
      depth: 0,
    })
    written += 1
  }
  return written
}

/**
 * A delivery that became pending (new, or replayed by an admin): its retry job, in the same
 * transaction, due at `nextAttemptAt`, and the first attempt right after the commit. The job is the
 * backstop when that attempt fails or never happens (the process ended).
 */
export async function scheduleWebhookDelivery(req: PayloadRequest, row: WebhookDelivery): Promise<void> {
  if (row.nextAttemptAt) await queueAttempt(req.payload, row.id, row.nextAttemptAt, { req })
  const { payload } = req
  await afterCommit(req, () => postCommit.track(payload, attemptWebhookDelivery(payload, row.id)))
}

/** Queues the attempt the row expects at `due` (run at `runAt`, by default then). */
async function queueAttempt(
  payload: Payload,
  id: Id,
  due: string,
  { req, runAt = new Date(due) }: { req?: PayloadRequest; runAt?: Date } = {},
) {
  await payload.jobs.queue({
    task: SEND_WEBHOOK_TASK,
    input: { deliveryId: String(id), due },
    queue: WEBHOOK_QUEUE,
    waitUntil: runAt,
    ...(req ? { req } : {}),
  })
}

/** The first undelivered delivery for an (endpoint, answer), in the order the events happened. */
async function headOfLine(payload: Payload, row: Pick<WebhookDelivery, 'endpoint' | 'answerKey'>): Promise<WebhookDelivery | undefined> {
  const { docs } = await payload.find({
    collection: WEBHOOK_DELIVERIES,
    where: {
      and: [{ endpoint: { equals: relationId(row.endpoint) } }, { answerKey: { equals: row.answerKey } }, { status: { not_in: DONE } }],
    },
    // createdAt is in milliseconds; the id breaks ties between deliveries written in the same one.
    sort: ['createdAt', 'id'],
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  return docs[0] as WebhookDelivery | undefined
}

/** A claim lasts the send's timeout and some: an instance that died mid-send frees the row after it. */
const claimLeaseMs = () => webhookSettings().timeoutMs + 30_000

/**
 * Claims a delivery for one attempt (claimForAttempt): still pending or failed and, for a retry,
 * still due when it was due.
 */
function claim(payload: Payload, id: Id, due?: string): Promise<WebhookDelivery | null> {
  return claimForAttempt<WebhookDelivery>(payload, WEBHOOK_DELIVERIES, id, {
    leaseMs: claimLeaseMs(),
    where: [
      { status: { in: ['pending', 'failed'] } },
      // A retry (a job, the sweep) claims only the attempt it was due for: one holding an old read of
      // the row must not send again what another attempt has just tried and rescheduled.
      ...(due ? [{ nextAttemptAt: { equals: new Date(due).toISOString() } }] : []),
    ],
  })
}

/**
 * A retry job that finds its row claimed by another attempt (the one right after the commit, held
 * by a slow receiver) comes back once that attempt is over, with the same schedule: if the other
 * attempt fails, it keeps this job's time as the row's next attempt, and no other job would run it.
 * If the claim is already over when the row is read again (the other attempt just recorded a
 * failure), it comes back at once. If the other attempt succeeded, or a later one rescheduled the
 * row, there is nothing to do.
 */
async function comeBackAfterClaim(payload: Payload, id: Id, due: string): Promise<void> {
  const row = (await payload.findByID({
    collection: WEBHOOK_DELIVERIES,
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })) as WebhookDelivery | null
  if (!row || DONE.includes(row.status)) return
  if (!row.nextAttemptAt || new Date(row.nextAttemptAt).getTime() !== new Date(due).getTime()) return
  const now = Date.now()
  // The holder is done within its send's timeout, give or take its address check; its lease (for an
  // instance that died) is longer. Still held then, the job comes back again.
  const claimEnd = row.claimedUntil ? new Date(row.claimedUntil).getTime() : now
  const over = Math.max(now, Math.min(claimEnd, now + webhookSettings().timeoutMs + 1_000))
  await queueAttempt(payload, id, due, { runAt: new Date(over) })
}

export type DeliveryOutcome = 'delivered' | 'failed' | 'waiting' | 'skipped'

/**
 * One attempt to deliver a row. `due` is given by the retry job: the attempt then happens only if
 * the row still expects it (a replay or an earlier success supersedes a queued job), and a failure
 * queues the next job with a doubled wait. A row whose answer has an earlier undelivered event for
 * the same endpoint waits (no attempt counted): the receiver sees each answer's events in order. A
 * success sends the next waiting one for that answer at once.
 */
export async function attemptWebhookDelivery(payload: Payload, id: Id, { due }: { due?: string } = {}): Promise<DeliveryOutcome> {
  const row = (await payload.findByID({
    collection: WEBHOOK_DELIVERIES,
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })) as WebhookDelivery | null
  if (!row || DONE.includes(row.status)) return 'skipped'
  if (due && (!row.nextAttemptAt || new Date(row.nextAttemptAt).getTime() !== new Date(due).getTime())) return 'skipped'
  const update = (data: Partial<WebhookDelivery>) =>
    payload.update({ collection: WEBHOOK_DELIVERIES, id, data, overrideAccess: true, depth: 0 }) as Promise<WebhookDelivery>

  const endpointId = relationId(row.endpoint)
  const endpoint =
    endpointId === undefined
      ? null
      : ((await payload.findByID({
          collection: WEBHOOK_ENDPOINTS,
          id: endpointId,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
        })) as WebhookEndpoint | null)
  if (!endpoint) {
    await update({ status: 'skipped', nextAttemptAt: null, lastError: 'The endpoint was deleted; nothing was sent.' })
    return 'skipped'
  }

  const head = await headOfLine(payload, row)
  if (head && String(head.id) !== String(row.id)) {
    if (!due) return 'waiting'
    // Checked again after the earlier one, which sends this one itself when it succeeds.
    const nextAttemptAt = new Date(Date.now() + retryDelayMs(Math.max(1, head.attempts ?? 0))).toISOString()
    await update({ nextAttemptAt, lastError: `Waiting: an earlier event for this answer (delivery ${head.id}) is not delivered yet.` })
    await queueAttempt(payload, id, nextAttemptAt)
    return 'waiting'
  }

  const claimed = await claim(payload, id, due)
  if (!claimed) {
    if (due) await comeBackAfterClaim(payload, id, due)
    return 'skipped'
  }

  // Counted from the row as claimed: another attempt may have been recorded since the read above.
  const attempts = (claimed.attempts ?? 0) + 1
  const result = await deliver(endpoint, row)
  const measured = { attempts, responseStatus: result.status, durationMs: result.durationMs, claimedUntil: null }
  // Recorded only while the row holds this attempt's claim: an admin's replay (which drops the claim)
  // or Skipped (a failure is not recorded over it) made during the attempt stands.
  const record = (data: Partial<WebhookDelivery>, where: Where[] = []) =>
    recordIfStillClaimed<WebhookDelivery>(payload, WEBHOOK_DELIVERIES, id, claimed.claimedUntil, { ...measured, ...data }, where)
  if (result.ok) {
    if (!(await record({ status: 'delivered', deliveredAt: new Date().toISOString(), nextAttemptAt: null, lastError: null })))
      return 'skipped'
    const next = await headOfLine(payload, row)
    // The next event for this answer was held back by this one: it goes now, not at its job's time.
    if (next && next.status === 'pending') await attemptWebhookDelivery(payload, next.id)
    return 'delivered'
  }
  // Without `due` (right after a commit, after the previous event was delivered) the row keeps the
  // schedule it has as claimed: a retry job may have moved it since this attempt first read the row.
  const nextAttemptAt = due ? new Date(Date.now() + retryDelayMs(attempts)).toISOString() : claimed.nextAttemptAt
  if (!(await record({ status: 'failed', lastError: result.error, nextAttemptAt }, [{ status: { in: ['pending', 'failed'] } }])))
    return 'skipped'
  if (due && nextAttemptAt) await queueAttempt(payload, id, nextAttemptAt)
  payload.logger.warn(
    `Webhook delivery ${id} (${row.event}) to endpoint ${endpoint.id} failed, attempt ${attempts}: ${result.error} Next attempt at ${nextAttemptAt}.`,
  )
  return 'failed'
}

type SendResult = { ok: boolean; status: number | null; durationMs: number; error: string | null }

/** POSTs the stored body, signed now (a fresh timestamp on every attempt; the same webhook-id). */
async function deliver(endpoint: WebhookEndpoint, row: WebhookDelivery): Promise<SendResult> {
  const { allowPrivateUrls, timeoutMs } = webhookSettings()
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const refused = endpointUrlProblem(endpoint.url, { allowPrivate: allowPrivateUrls })
    if (refused) return { ok: false, status: null, durationMs: elapsed(), error: refused }
    const headers = signWebhook(endpoint.secret, { id: row.messageId, body: row.body })
    const response = await postWebhook(endpoint.url, {
      headers: { 'content-type': 'application/json', 'user-agent': 'clinician-reviewed-cms-webhooks', ...headers },
      body: row.body,
      timeoutMs,
      allowPrivate: allowPrivateUrls,
    })
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, durationMs: elapsed(), error: null }
    return {
      ok: false,
      status: response.status,
      durationMs: elapsed(),
      error: `The receiver answered HTTP ${response.status}: ${response.excerpt.slice(0, 500) || '(no body)'}`,
    }
  } catch (error) {
    const error_ = error instanceof PrivateAddressError ? error.message : `The request failed: ${describeFetchError(error, timeoutMs)}`
    return { ok: false, status: null, durationMs: elapsed(), error: error_ }
  }
}

const postCommit = inFlightAttempts('webhook delivery')

/** Resolves when every attempt started after a commit has recorded its outcome (tests, shutdown). */
export const settleWebhooks = (): Promise<void> => postCommit.settle()
