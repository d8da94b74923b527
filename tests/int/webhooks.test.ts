/**
 * Webhooks (issue 16) against a real receiver on 127.0.0.1: events from the real workflow, signed
 * (Standard Webhooks) and verified; a receiver that is down and comes back gets every event, in
 * order per answer, none twice; failures retried with backoff and logged; a rolled-back change sends
 * nothing; two attempts at once send once; replay from the admin; admins only.
 */
import dns from 'node:dns'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { addDays, addYears } from 'date-fns'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User, WebhookDelivery, WebhookEndpoint } from '@/payload-types'
import type { Id } from '@/lib/relationId'
import { PASSWORD, approveAs, createAnswerInReview, createCancerType, createSource, createUser, approvalBody } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'
import { startWebhookReceiver, type ReceivedWebhook } from '../helpers/webhookReceiver'

const receiver = await startWebhookReceiver()
Object.assign(process.env, { JOBS_AUTORUN: 'false', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })
const { startPayload, stopPayload } = await import('../helpers/payload')
const { settleWebhooks, verifyWebhook, webhookEventSchema, WEBHOOK_EVENTS, WebhookVerificationError } = await import('@/lib/webhooks')
const { attemptWebhookDelivery, FIRST_RETRY_MS } = await import('@/lib/webhooks/outbox')
const { announceOverdueReviews } = await import('@/lib/webhooks/overdue')
const { retryDelayMs } = await import('@/lib/outbox/retry')
const { secretKey, signWebhook } = await import('@/lib/webhooks/signing')
const { forgetWebhookSettings } = await import('@/lib/webhooks/settings')
const { withTransaction } = await import('@/lib/transaction')
const { runLifecycle } = await import('@/lib/lifecycle/runLifecycle')

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let reviewer: User
let admin: User
let endpoint: WebhookEndpoint
let cookies: { admin: string; editor: string; reviewer: string }

beforeAll(async () => {
  forgetWebhookSettings()
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
  admin = await createUser(payload, { roles: ['admin'] })
  const editor = await createUser(payload, { roles: ['editor'] })
  cookies = {
    admin: await rest.login(admin.email, PASSWORD),
    editor: await rest.login(editor.email, PASSWORD),
    reviewer: await rest.login(reviewer.email, PASSWORD),
  }
  const created = await rest.post('/webhook-endpoints', {
    cookie: cookies.admin,
    json: { name: 'Patient portal', url: receiver.url, events: [...WEBHOOK_EVENTS] },
  })
  expect(created.status, created.text).toBe(201)
  endpoint = created.body.doc as WebhookEndpoint
})
afterAll(async () => {
  await settleWebhooks()
  await stopPayload(payload)
  await receiver.close()
})
beforeEach(async () => {
  await settleWebhooks()
  await receiver.start()
})

/** Through the workflow: the answer goes to review and its reviewer's approval publishes it. */
async function publishedAnswer(): Promise<Answer> {
  const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
  await approveAs(payload, reviewer, answer.id)
  return (await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 })) as Answer
}

/** A new version of a live answer, edited, submitted and approved over REST. */
async function revise(answer: Answer, keyTakeaway = 'A revised takeaway.') {
  const edited = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: cookies.editor, json: { keyTakeaway } })
  expect(edited.status, edited.text).toBe(200)
  expect((await rest.post(`/answers/${answer.id}/submit`, { cookie: cookies.editor })).status).toBe(200)
  const approved = await rest.post(`/answers/${answer.id}/decision`, {
    cookie: cookies.reviewer,
    json: await approvalBody(payload, answer.id),
  })
  expect(approved.status, approved.text).toBe(201)
}

async function withdraw(answer: Answer) {
  const withdrawn = await rest.patch(`/answers/${answer.id}`, { cookie: cookies.admin, json: { _status: 'draft' } })
  expect(withdrawn.status, withdrawn.text).toBe(200)
}

const deliveriesFor = async (answerId: Id) =>
  (
    await payload.find({
      collection: 'webhook-deliveries',
      where: { answerKey: { equals: String(answerId) } },
      sort: ['createdAt', 'id'],
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
  ).docs as WebhookDelivery[]

const deliveryCount = async () => (await payload.count({ collection: 'webhook-deliveries', overrideAccess: true })).totalDocs

/** The retry jobs waiting for a delivery. */
async function retryJobs(deliveryId: Id) {
  const jobs = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ queue: { equals: 'webhooks' } }, { completedAt: { exists: false } }] },
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  return jobs.docs.filter((job) => (job.input as { deliveryId: string }).deliveryId === String(deliveryId))
}

/** Runs a retry job now: its `waitUntil` lies in the future, which is the backoff under test. */
const runJob = (id: Id) => payload.jobs.runByID({ id, overrideAccess: true })

const types = (requests: ReceivedWebhook[]) => requests.map((request) => request.event.type)
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('what is sent', () => {
  it('a publication: a signed POST right after the commit, without a job runner; small public JSON; logged as delivered', async () => {
    const answer = await publishedAnswer()
    const [request] = await receiver.waitFor(answer.id, 1)
    expect(request!.headers['content-type']).toBe('application/json')
    const id = request!.headers['webhook-id'] as string
    expect(id).toMatch(/^msg_[0-9a-f]{32}$/)
    expect(Number(request!.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2)
    expect(request!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    // The receiver's check (README) passes with the endpoint's secret.
    const event = webhookEventSchema.parse(verifyWebhook(endpoint.secret, request!.headers, request!.body))
    expect(event).toMatchObject({
      type: 'answer.published',
      answer: { id: String(answer.id), slug: answer.slug, title: answer.title, url: `${payload.config.serverURL}/answers/${answer.slug}` },
    })
    expect(event.answer.version.reviewCycle).toBeGreaterThanOrEqual(1)
    expect(new Date(event.occurredAt).getTime()).toBeLessThanOrEqual(Date.now())
    // Never the text: no body, summary, takeaway or citations.
    expect(Object.keys(event).sort()).toEqual(['answer', 'occurredAt', 'type'])
    expect(request!.body).not.toContain(answer.summary!)

    await settleWebhooks()
    const [row] = await deliveriesFor(answer.id)
    expect(row).toMatchObject({
      event: 'answer.published',
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
      lastError: null,
      messageId: id,
    })
    expect(row!.durationMs).toBeGreaterThanOrEqual(0)
    expect(row!.deliveredAt).toBeTruthy()
    // The retry job queued with it finds it delivered and sends nothing.
    for (const job of await retryJobs(row!.id)) await runJob(job.id)
    expect(receiver.forAnswer(answer.id)).toHaveLength(1)
  })

  it('revision and withdrawal over REST are answer.revised and answer.withdrawn', async () => {
    const answer = await publishedAnswer()
    await revise(answer)
    await withdraw(answer)
    const requests = await receiver.waitFor(answer.id, 3)
    expect(types(requests)).toEqual(['answer.published', 'answer.revised', 'answer.withdrawn'])
  })

  it('an endpoint receives only the events it subscribed to; an inactive one nothing', async () => {
    const other = await startWebhookReceiver()
    try {
      const withdrawals = await rest.post('/webhook-endpoints', {
        cookie: cookies.admin,
        json: { name: 'Withdrawals only', url: other.url, events: ['answer.withdrawn'] },
      })
      expect(withdrawals.status, withdrawals.text).toBe(201)
      const inactive = await rest.post('/webhook-endpoints', {
        cookie: cookies.admin,
        json: { name: 'Paused', url: other.url, events: [...WEBHOOK_EVENTS], active: false },
      })
      expect(inactive.status, inactive.text).toBe(201)
      const answer = await publishedAnswer()
      await withdraw(answer)
      await other.waitFor(answer.id, 1)
      await settleWebhooks()
      await pause(200)
      expect(types(other.forAnswer(answer.id))).toEqual(['answer.withdrawn'])
      await payload.delete({ collection: 'webhook-endpoints', id: withdrawals.body.doc.id, overrideAccess: true })
      await payload.delete({ collection: 'webhook-endpoints', id: inactive.body.doc.id, overrideAccess: true })
    } finally {
      await other.close()
    }
  })
})

describe('signatures (Standard Webhooks)', () => {
  it('the receiver refuses a wrong secret, an old or future timestamp and a changed body', async () => {
    const answer = await publishedAnswer()
    const [request] = await receiver.waitFor(answer.id, 1)
    const { headers, body } = request!
    expect(() => verifyWebhook(endpoint.secret, headers, body)).not.toThrow()

    const otherSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`
    expect(() => verifyWebhook(otherSecret, headers, body)).toThrow(WebhookVerificationError)
    expect(() => verifyWebhook(endpoint.secret, headers, body.replace(answer.title, 'Something else'))).toThrow(
      /No webhook-signature matches/,
    )
    // Six minutes later the same request is a replay; so is one dated six minutes ahead.
    const sent = Number(headers['webhook-timestamp']) * 1000
    expect(() => verifyWebhook(endpoint.secret, headers, body, { now: sent + 6 * 60_000 })).toThrow(/outside the tolerance/)
    expect(() => verifyWebhook(endpoint.secret, headers, body, { now: sent - 6 * 60_000 })).toThrow(/outside the tolerance/)
    expect(() => verifyWebhook(endpoint.secret, headers, body, { now: sent + 4 * 60_000 })).not.toThrow()
    // A signature made now for an old timestamp is still refused: the timestamp is what is checked.
    const old = signWebhook(endpoint.secret, { id: headers['webhook-id'] as string, body, timestamp: Math.floor(Date.now() / 1000) - 600 })
    expect(() => verifyWebhook(endpoint.secret, old, body)).toThrow(/outside the tolerance/)
    expect(() => verifyWebhook(endpoint.secret, { ...headers, 'webhook-signature': undefined }, body)).toThrow(/Missing/)
  })

  it('the signature is the documented HMAC-SHA256 of "id.timestamp.body" (a receiver can check it without this code)', async () => {
    const { createHmac } = await import('node:crypto')
    const secret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`
    const headers = signWebhook(secret, { id: 'msg_1', body: '{"a":1}', timestamp: 1_700_000_000 })
    const expected = createHmac('sha256', Buffer.alloc(32, 1)).update('msg_1.1700000000.{"a":1}').digest('base64')
    expect(headers).toEqual({ 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': `v1,${expected}` })
  })
})

describe('a receiver that is down and comes back', () => {
  it('gets every event, in order per answer, none twice; its down time is logged and retried with backoff', async () => {
    const first = await publishedAnswer()
    await receiver.waitFor(first.id, 1)
    await settleWebhooks()
    await receiver.stop()

    // While it is down: the first answer is revised, then withdrawn; a second answer is published.
    await revise(first)
    await withdraw(first)
    const second = await publishedAnswer()
    await settleWebhooks()
    const pending = [...(await deliveriesFor(first.id)).slice(1), ...(await deliveriesFor(second.id))]
    expect(pending.map((row) => row.event)).toEqual(['answer.revised', 'answer.withdrawn', 'answer.published'])
    const [revised, withdrawn, published] = pending
    // The first of each answer was tried and failed; the withdrawal waits behind the revision, untried.
    expect(revised).toMatchObject({ status: 'failed', attempts: 1, responseStatus: null })
    expect(revised!.lastError).toMatch(/^The request failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/)
    expect(withdrawn).toMatchObject({ status: 'pending', attempts: 0 })
    expect(published).toMatchObject({ status: 'failed', attempts: 1 })

    // The withdrawal's job comes first: still held back by the revision, it waits without an attempt.
    const [withdrawalJob] = await retryJobs(withdrawn!.id)
    await runJob(withdrawalJob!.id)
    const waited = (await deliveriesFor(first.id)).at(-1)!
    expect(waited).toMatchObject({ status: 'pending', attempts: 0 })
    expect(waited.lastError).toMatch(/Waiting: an earlier event for this answer/)

    // The revision's first retry: still down, the next one waits twice as long.
    let [job] = await retryJobs(revised!.id)
    expect(new Date(job!.waitUntil!).getTime()).toBe(new Date(revised!.nextAttemptAt!).getTime())
    expect(new Date(revised!.nextAttemptAt!).getTime() - new Date(revised!.createdAt).getTime()).toBeGreaterThanOrEqual(FIRST_RETRY_MS - 50)
    const retriedAt = Date.now()
    await runJob(job!.id)
    const again = (await deliveriesFor(first.id))[1]!
    expect(again).toMatchObject({ status: 'failed', attempts: 2 })
    expect(new Date(again.nextAttemptAt!).getTime() - retriedAt).toBeGreaterThanOrEqual(retryDelayMs(2) - 50)

    // Back up. The revision's next retry delivers it, and the withdrawal held behind it goes at once.
    await receiver.start()
    ;[job] = await retryJobs(revised!.id)
    await runJob(job!.id)
    ;[job] = await retryJobs(published!.id)
    await runJob(job!.id)
    // Every job still queued (the withdrawal's, the superseded ones) runs too: nothing is sent twice.
    for (const row of pending) for (const queued of await retryJobs(row.id)) await runJob(queued.id)
    await settleWebhooks()

    expect(types(receiver.forAnswer(first.id))).toEqual(['answer.published', 'answer.revised', 'answer.withdrawn'])
    expect(types(receiver.forAnswer(second.id))).toEqual(['answer.published'])
    const ids = [...receiver.forAnswer(first.id), ...receiver.forAnswer(second.id)].map((request) => request.headers['webhook-id'])
    expect(new Set(ids).size).toBe(ids.length)
    const rows = [...(await deliveriesFor(first.id)), ...(await deliveriesFor(second.id))]
    expect(rows.map((row) => row.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered'])
    expect(rows.map((row) => row.attempts)).toEqual([1, 3, 1, 2])
    for (const row of pending) expect(await retryJobs(row.id)).toEqual([])
  })

  it("one answer's undelivered event does not hold back another answer's", async () => {
    receiver.answerWith(503)
    const stuck = await publishedAnswer()
    await receiver.waitFor(stuck.id, 1)
    const other = await publishedAnswer()
    await receiver.waitFor(other.id, 1)
    await settleWebhooks()
    expect((await deliveriesFor(stuck.id))[0]).toMatchObject({ status: 'failed', responseStatus: 503 })
    expect((await deliveriesFor(stuck.id))[0]!.lastError).toMatch(/HTTP 503: refused by the test/)
    expect((await deliveriesFor(other.id))[0]).toMatchObject({ status: 'delivered' })
  })

  it('deliveries whose retry jobs were lost are attempted by the sweep once 5 minutes overdue, each answer still in order', async () => {
    const { sendOverdueWebhooks } = await import('@/lib/webhooks/sweep')
    const { OVERDUE_AFTER_MS } = await import('@/lib/outbox/overdue')
    await receiver.stop()
    const answer = await publishedAnswer()
    await revise(answer)
    await settleWebhooks()
    let [published, revised] = await deliveriesFor(answer.id)
    // The publication failed twice, so its next retry lies beyond the revision's: the sweep meets the
    // revision first, and must not send it ahead of the publication.
    await runJob((await retryJobs(published!.id))[0]!.id)
    ;[published, revised] = await deliveriesFor(answer.id)
    expect(published).toMatchObject({ status: 'failed', attempts: 2 })
    expect(revised).toMatchObject({ status: 'pending', attempts: 0 })
    const [publishedDue, revisedDue] = [published!, revised!].map((row) => new Date(row.nextAttemptAt!).getTime())
    expect(revisedDue).toBeLessThan(publishedDue!)
    // The lost jobs: removed, as a fault between recording an attempt and queueing the next one leaves them.
    for (const row of [published!, revised!])
      for (const job of await retryJobs(row.id)) await payload.delete({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
    await receiver.start()

    await sendOverdueWebhooks(payload, revisedDue! + OVERDUE_AFTER_MS - 1_000)
    expect(receiver.forAnswer(answer.id)).toHaveLength(0)
    expect((await deliveriesFor(answer.id)).map((row) => row.attempts)).toEqual([2, 0])

    expect(await sendOverdueWebhooks(payload, publishedDue! + OVERDUE_AFTER_MS + 1_000)).toBeGreaterThanOrEqual(2)
    await settleWebhooks()
    expect(types(receiver.forAnswer(answer.id))).toEqual(['answer.published', 'answer.revised'])
    const rows = await deliveriesFor(answer.id)
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['delivered', 3],
      ['delivered', 1],
    ])
    // Nothing is sent twice: not by the next sweep, nor by the job the revision got while it waited.
    await sendOverdueWebhooks(payload, publishedDue! + OVERDUE_AFTER_MS + 1_000)
    for (const job of await retryJobs(revised!.id)) await runJob(job.id)
    await settleWebhooks()
    expect(receiver.forAnswer(answer.id)).toHaveLength(2)
  })
})

describe('once and only once', () => {
  it('two attempts at the same delivery at the same time (two instances, two jobs) send it once', async () => {
    receiver.answerWith(500)
    const answer = await publishedAnswer()
    await receiver.waitFor(answer.id, 1)
    await settleWebhooks()
    const [row] = await deliveriesFor(answer.id)
    expect(row).toMatchObject({ status: 'failed' })
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => attemptWebhookDelivery(payload, row!.id)))
    await settleWebhooks()
    expect(outcomes.filter((outcome) => outcome === 'delivered')).toHaveLength(1)
    expect(outcomes.filter((outcome) => outcome !== 'delivered')).toEqual(['skipped', 'skipped', 'skipped'])
    expect(receiver.forAnswer(answer.id)).toHaveLength(2)
    // And once delivered, no attempt sends it again.
    expect(await attemptWebhookDelivery(payload, row!.id)).toBe('skipped')
    expect(receiver.forAnswer(answer.id)).toHaveLength(2)
  })

  it('two sweeps at once (two instances), one holding an old read of the row: the attempt it was due for is sent once', async () => {
    const { sendOverdueWebhooks } = await import('@/lib/webhooks/sweep')
    const { OVERDUE_AFTER_MS } = await import('@/lib/outbox/overdue')
    receiver.answerWith(503)
    const answer = await publishedAnswer()
    await receiver.waitFor(answer.id, 1)
    await settleWebhooks()
    const [row] = await deliveriesFor(answer.id)
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    for (const job of await retryJobs(row!.id)) await payload.delete({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
    const now = new Date(row!.nextAttemptAt!).getTime() + OVERDUE_AFTER_MS + 1_000
    // Instance B's sweep has read the row and is held in its head-of-line read (a slow replica);
    // meanwhile instance A's sweep attempts the row, fails and reschedules it.
    const find = payload.find.bind(payload)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let held = 0
    const spy = vi.spyOn(payload, 'find').mockImplementation(async (args) => {
      if (args.collection === 'webhook-deliveries' && args.limit === 1 && ++held === 1) await gate
      return find(args)
    })
    receiver.answerWith(503) // one retry is expected: a second send would be accepted (and fail the test)
    let slower: Promise<number>
    try {
      slower = sendOverdueWebhooks(payload, now)
      while (held === 0) await pause(10)
      await sendOverdueWebhooks(payload, now)
      release()
      await slower
    } finally {
      spy.mockRestore()
    }
    expect(receiver.forAnswer(answer.id)).toHaveLength(2) // the first attempt and one retry, not two
    const [after] = await deliveriesFor(answer.id)
    expect(after).toMatchObject({ status: 'failed', attempts: 2 })
    expect(await retryJobs(row!.id)).toHaveLength(1)
  })

  it('an attempt without a schedule keeps the one the row has when it claims it, not the one it first read', async () => {
    receiver.answerWith(503)
    const answer = await publishedAnswer()
    await receiver.waitFor(answer.id, 1)
    await settleWebhooks()
    const [row] = await deliveriesFor(answer.id)
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    for (const job of await retryJobs(row!.id)) await payload.delete({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
    // An attempt without `due` (as after the previous event's delivery) reads the row, then is held.
    const findByID = payload.findByID.bind(payload)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let reads = 0
    const spy = vi.spyOn(payload, 'findByID').mockImplementation(async (args) => {
      const found = await findByID(args)
      if (args.collection === 'webhook-deliveries' && ++reads === 1) await gate
      return found
    })
    receiver.answerWith(503)
    let attempt: Promise<string>
    const moved = new Date(Date.now() + 60_000).toISOString()
    try {
      attempt = attemptWebhookDelivery(payload, row!.id)
      while (reads === 0) await pause(10)
      // Meanwhile a retry job moves the row's schedule and queues itself for it.
      await payload.update({ collection: 'webhook-deliveries', id: row!.id, data: { nextAttemptAt: moved }, overrideAccess: true })
      await payload.jobs.queue({
        task: 'sendWebhook',
        input: { deliveryId: String(row!.id), due: moved },
        queue: 'webhooks',
        waitUntil: new Date(moved),
      })
      release()
      expect(await attempt).toBe('failed')
    } finally {
      spy.mockRestore()
    }
    const [after] = await deliveriesFor(answer.id)
    expect(after).toMatchObject({ status: 'failed', attempts: 2 })
    expect(new Date(after!.nextAttemptAt!).toISOString()).toBe(moved) // the job queued for it still matches
    const [job] = await retryJobs(row!.id)
    await runJob(job!.id)
    expect((await deliveriesFor(answer.id))[0]).toMatchObject({ status: 'delivered', attempts: 3 })
  })

  it('a retry job that finds the row held by a slow attempt comes back after it: the row is not left without a retry', async () => {
    receiver.answerWith(500)
    const answer = await publishedAnswer()
    await receiver.waitFor(answer.id, 1)
    await settleWebhooks()
    let [row] = await deliveriesFor(answer.id)
    const [firstRetry] = await retryJobs(row!.id)

    // An attempt without a schedule (as right after a commit) holds the row at a slow receiver while
    // the retry job runs; then it fails and keeps the schedule it read: the job's.
    receiver.delayBy(1_000)
    receiver.answerWith(503)
    const early = attemptWebhookDelivery(payload, row!.id)
    await receiver.waitFor(answer.id, 2)
    await runJob(firstRetry!.id)
    expect(await early).toBe('failed')
    ;[row] = await deliveriesFor(answer.id)
    expect(row).toMatchObject({ status: 'failed', attempts: 2, responseStatus: 503 })
    expect(new Date(row!.nextAttemptAt!).getTime()).toBe(new Date(firstRetry!.waitUntil!).getTime())

    // The job came back with that same schedule, so the row's next attempt happens, and delivers.
    const waiting = await retryJobs(row!.id)
    expect(waiting).toHaveLength(1)
    expect((waiting[0]!.input as { due: string }).due).toBe(row!.nextAttemptAt)
    await runJob(waiting[0]!.id)
    expect((await deliveriesFor(answer.id))[0]).toMatchObject({ status: 'delivered', attempts: 3 })
    expect(receiver.forAnswer(answer.id)).toHaveLength(3)
  })

  it('a rolled-back transaction sends nothing and leaves no delivery', async () => {
    const answer = await publishedAnswer()
    await receiver.waitFor(answer.id, 1)
    await settleWebhooks()
    const before = await deliveryCount()
    const req = await createLocalReq({ user: { ...admin, collection: 'users' } as never }, payload)
    await expect(
      withTransaction(req, async (inner) => {
        await payload.update({
          collection: 'answers',
          id: answer.id,
          data: { _status: 'draft' },
          user: inner.user,
          overrideAccess: false,
          req: inner,
        })
        throw new Error('Something later in the same change failed')
      }),
    ).rejects.toThrow('Something later')
    await settleWebhooks()
    await pause(300)
    expect(types(receiver.forAnswer(answer.id))).toEqual(['answer.published'])
    expect(await deliveryCount()).toBe(before)
  })
})

describe('more events', () => {
  it('answer.evidence_changed when a passage a live answer cites changes, before what the change does to it', async () => {
    const own = await createSource(payload, type.id)
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: own.id, reviewers: [reviewer] })
    await approveAs(payload, reviewer, answer.id)
    await receiver.waitFor(answer.id, 1)
    const current = (await payload.findByID({ collection: 'guideline-sources', id: own.id, depth: 0 })) as GuidelineSource
    const passages = (current.passages ?? []).map((passage) =>
      passage.passageId === 'p-one' ? { ...passage, text: 'Corrected guidance for p-one.' } : passage,
    )
    const saved = await rest.patch(`/guideline-sources/${own.id}`, { cookie: cookies.editor, json: { passages } })
    expect(saved.status, saved.text).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })
    const requests = await receiver.waitFor(answer.id, 2)
    const event = webhookEventSchema.parse(JSON.parse(requests[1]!.body))
    expect(event.type).toBe('answer.evidence_changed')
    expect(event.evidenceChange).toMatchObject({ kind: 'edited', safetyCorrection: false })
  })

  it('answer.review_overdue once per answer and overdue period, however often the sweep runs', async () => {
    const answer = await publishedAnswer()
    await receiver.waitFor(answer.id, 1)
    const due = new Date(((await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 })) as Answer).nextReviewDue!)
    const later = addDays(due, 1)
    await announceOverdueReviews(payload, addDays(due, -1))
    await settleWebhooks()
    expect(types(receiver.forAnswer(answer.id))).toEqual(['answer.published'])
    await announceOverdueReviews(payload, later)
    await announceOverdueReviews(payload, addDays(later, 1))
    await runLifecycle(payload, addDays(later, 2))
    const requests = await receiver.waitFor(answer.id, 2)
    await settleWebhooks()
    await pause(200)
    const overdue = receiver.forAnswer(answer.id).filter((request) => request.event.type === 'answer.review_overdue')
    expect(overdue).toHaveLength(1)
    expect(JSON.parse(requests[1]!.body).review).toEqual({ dueAt: due.toISOString() })
    // A new period (an approval moved the review date) is announced again.
    await payload.db.updateOne({ collection: 'answers', id: answer.id, data: { nextReviewDue: addYears(due, 1).toISOString() } })
    await announceOverdueReviews(payload, addYears(later, 1))
    await settleWebhooks()
    expect(receiver.forAnswer(answer.id).filter((request) => request.event.type === 'answer.review_overdue')).toHaveLength(2)
  })
})

describe('the admin', () => {
  it('a replay (status set back to Pending) sends the delivery again: same webhook-id, fresh signature', async () => {
    const answer = await publishedAnswer()
    const [first] = await receiver.waitFor(answer.id, 1)
    await settleWebhooks()
    const [row] = await deliveriesFor(answer.id)
    const replayed = await rest.patch(`/webhook-deliveries/${row!.id}`, { cookie: cookies.admin, json: { status: 'pending' } })
    expect(replayed.status, replayed.text).toBe(200)
    const [, again] = await receiver.waitFor(answer.id, 2)
    expect(again!.headers['webhook-id']).toBe(first!.headers['webhook-id'])
    expect(again!.body).toBe(first!.body)
    expect(() => verifyWebhook(endpoint.secret, again!.headers, again!.body)).not.toThrow()
    await settleWebhooks()
    expect((await deliveriesFor(answer.id))[0]).toMatchObject({ status: 'delivered', attempts: 2 })

    // An admin may replay or skip a delivery, not mark it delivered or change what it sends.
    const faked = await rest.patch(`/webhook-deliveries/${row!.id}`, { cookie: cookies.admin, json: { status: 'failed' } })
    expect(faked.status).toBe(400)
    expect(faked.body.errors[0].message).toMatch(/Pending .* or Skipped/)
    await rest.patch(`/webhook-deliveries/${row!.id}`, { cookie: cookies.admin, json: { body: '{"type":"forged"}', attempts: 0 } })
    expect((await deliveriesFor(answer.id))[0]).toMatchObject({ body: first!.body, attempts: 2 })
  })

  it('lists deliveries with status, attempts, response status and time', async () => {
    const list = await rest.get('/webhook-deliveries?depth=0&limit=5&sort=-createdAt', { cookie: cookies.admin })
    expect(list.status, list.text).toBe(200)
    expect(list.body.docs[0]).toEqual(
      expect.objectContaining({
        status: expect.any(String),
        attempts: expect.any(Number),
        event: expect.any(String),
        answerKey: expect.any(String),
      }),
    )
    expect(list.body.docs.some((doc: WebhookDelivery) => doc.responseStatus === 200 && typeof doc.durationMs === 'number')).toBe(true)
  })
})

describe('access and input', () => {
  it('only admins see or change endpoints and deliveries; nobody creates deliveries by hand', async () => {
    for (const cookie of [cookies.editor, cookies.reviewer]) {
      expect((await rest.get('/webhook-endpoints', { cookie })).status).toBe(403)
      expect((await rest.get(`/webhook-endpoints/${endpoint.id}`, { cookie })).status).toBe(403)
      expect(
        (await rest.post('/webhook-endpoints', { cookie, json: { name: 'x', url: receiver.url, events: ['answer.published'] } })).status,
      ).toBe(403)
      expect((await rest.get('/webhook-deliveries', { cookie })).status).toBe(403)
    }
    expect((await rest.get('/webhook-endpoints')).status).toBe(403)
    expect((await rest.get('/webhook-deliveries')).status).toBe(403)
    const forged = await rest.post('/webhook-deliveries', {
      cookie: cookies.admin,
      json: { endpoint: endpoint.id, event: 'answer.published', answerKey: '1', messageId: 'msg_x', dedupeKey: 'x', body: '{}' },
    })
    expect(forged.status).toBe(403)
    // An admin reads the secret (to configure the receiver); nobody else reads it anywhere.
    const read = await rest.get(`/webhook-endpoints/${endpoint.id}`, { cookie: cookies.admin })
    expect(read.body.secret).toBe(endpoint.secret)
  })

  it('a generated secret holds 32 random bytes; a given one must hold 32 to 64; an update without one keeps it', async () => {
    const key = secretKey(endpoint.secret)
    expect(Buffer.isBuffer(key) && key.length).toBe(32)
    const short = await rest.post('/webhook-endpoints', {
      cookie: cookies.admin,
      json: { name: 'Short', url: receiver.url, events: ['answer.published'], secret: `whsec_${Buffer.alloc(16).toString('base64')}` },
    })
    expect(short.status).toBe(400)
    expect(short.text).toMatch(/32 to 64 random bytes/)
    const given = `whsec_${Buffer.alloc(40, 3).toString('base64')}`
    const ok = await rest.post('/webhook-endpoints', {
      cookie: cookies.admin,
      json: { name: 'Given', url: receiver.url, events: ['answer.published'], secret: given },
    })
    expect(ok.status, ok.text).toBe(201)
    const renamed = await rest.patch(`/webhook-endpoints/${ok.body.doc.id}`, {
      cookie: cookies.admin,
      json: { name: 'Renamed', secret: '' },
    })
    expect(renamed.status, renamed.text).toBe(200)
    expect(renamed.body.doc.secret).toBe(given)
    await payload.delete({ collection: 'webhook-endpoints', id: ok.body.doc.id, overrideAccess: true })
  })

  it('endpoint URLs: http(s) only; private and loopback addresses refused unless WEBHOOK_ALLOW_PRIVATE_URLS', async () => {
    const post = (url: string) =>
      rest.post('/webhook-endpoints', { cookie: cookies.admin, json: { name: 'Bad', url, events: ['answer.published'] } })
    const ftp = await post('ftp://example.org/hooks')
    expect(ftp.status).toBe(400)
    expect(ftp.text).toMatch(/must start with https:\/\//)
    expect((await post('not a url')).status).toBe(400)
    expect((await post('https://user:pw@example.org/hooks')).text).toMatch(/user name or password/)
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'false'
    forgetWebhookSettings()
    try {
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://localhost/x',
        'http://10.1.2.3/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'http://[::ffff:192.168.0.1]/x',
      ]) {
        const refused = await post(url)
        expect(refused.status, url).toBe(400)
        expect(refused.text).toMatch(/private or loopback address/)
      }
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'true'
      forgetWebhookSettings()
    }
  })
})

describe('a hostile receiver', () => {
  let sent = 0
  /** A delivery to `url`, through its own endpoint, attempted right after its commit as in production. */
  async function deliveryTo(url: string): Promise<WebhookDelivery> {
    const target = await payload.create({
      collection: 'webhook-endpoints',
      data: { name: 'Hostile', url, events: ['answer.published'], secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}` },
      overrideAccess: true,
    })
    sent += 1
    const row = await payload.create({
      collection: 'webhook-deliveries',
      data: {
        endpoint: target.id,
        event: 'answer.published',
        messageId: `msg_hostile_${sent}`,
        dedupeKey: `hostile-${sent}`,
        answerKey: `hostile-${sent}`,
        body: JSON.stringify({ type: 'answer.published', answer: { id: `hostile-${sent}` } }),
        status: 'pending',
      },
      overrideAccess: true,
    })
    await settleWebhooks()
    const delivered = await payload.findByID({ collection: 'webhook-deliveries', id: row.id, overrideAccess: true })
    await payload.update({ collection: 'webhook-endpoints', id: target.id, data: { active: false }, overrideAccess: true })
    return delivered
  }

  it('a host name is checked on the addresses its connection uses: one re-pointed at 127.0.0.1 after a public answer (DNS rebinding) gets nothing', async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'false'
    forgetWebhookSettings()
    const lookup = dns.lookup
    // A rebinding name: public to whoever asks first, 127.0.0.1 to the connection.
    const early = vi.spyOn(dns.promises, 'lookup').mockResolvedValue([{ address: '93.184.216.34', family: 4 }] as never)
    const connecting = vi
      .spyOn(dns, 'lookup')
      .mockImplementation(((hostname: string, options: object, callback: never) =>
        hostname === 'rebind.example.test'
          ? (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
              { address: '127.0.0.1', family: 4 },
            ])
          : lookup(hostname, options as never, callback)) as never)
    const before = receiver.received.length
    try {
      const refused = await rest.post('/webhook-endpoints', {
        cookie: cookies.admin,
        json: { name: 'Trailing dot', url: `http://localhost.:${new URL(receiver.url).port}/hooks`, events: ['answer.published'] },
      })
      expect(refused.status).toBe(400)
      expect(refused.text).toMatch(/private or loopback address/)
      const row = await deliveryTo(`http://rebind.example.test:${new URL(receiver.url).port}/hooks`)
      expect(row.status).toBe('failed')
      expect(row.lastError).toBe("The endpoint's host rebind.example.test resolves to a private address (127.0.0.1); not sent.")
      expect(receiver.received.length).toBe(before)
      expect(connecting).toHaveBeenCalled()
    } finally {
      early.mockRestore()
      connecting.mockRestore()
      process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'true'
      forgetWebhookSettings()
    }
  })

  it('a receiver that refuses with an endless body: its first kilobyte is kept, the rest is never read', async () => {
    const MB = 1024 * 1024
    const total = 64 * MB
    const chunk = Buffer.alloc(MB, 'x')
    let written = 0
    let closedEarly = false
    const server = http.createServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' })
      response.on('close', () => (closedEarly = written < total))
      const pump = () => {
        while (written < total && !response.destroyed) {
          written += MB
          if (!response.write(chunk)) return void response.once('drain', pump)
        }
        response.end()
      }
      pump()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const row = await deliveryTo(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`)
      expect(row.status).toBe('failed')
      expect(row.responseStatus).toBe(500)
      expect(row.lastError).toBe(`The receiver answered HTTP 500: ${'x'.repeat(500)}`)
      await vi.waitFor(() => expect(closedEarly).toBe(true), { timeout: 10_000 })
      expect(written).toBeLessThan(total)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
