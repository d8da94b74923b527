/**
 * CDN purges through the outbox (issue 15), against a real purge endpoint on 127.0.0.1: publication,
 * revision and withdrawal through the real workflow each send the answer's tags right after the
 * commit; a refused purge is recorded and retried by its job until it is sent; without
 * CDN_PURGE_URL nothing is sent and the row says so; a rolled-back transaction sends nothing; one
 * transaction's purges go out as one request.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Answer, CancerType, CdnPurge, GuidelineSource, User } from '@/payload-types'
import type { Id } from '@/lib/relationId'
import { PASSWORD, approveAs, createAnswerInReview, createCancerType, createSource, createUser, approvalBody } from '../helpers/fixtures'
import { startPurgeReceiver } from '../helpers/purgeReceiver'
import { RestClient } from '../helpers/rest'
import { freePort } from '../helpers/server'

const receiver = await startPurgeReceiver()
// No repeated purge but in the tests of the repeat: every other test counts the requests of one attempt.
Object.assign(process.env, {
  JOBS_AUTORUN: 'false',
  CDN_PURGE_URL: receiver.url,
  CDN_PURGE_AUTH: 'Fastly-Key: test-token-123',
  CDN_PURGE_REPEAT_MS: '0',
})
const { startPayload, stopPayload } = await import('../helpers/payload')
const { settleCdnPurges } = await import('@/lib/cdnPurge')
const { forgetCdnPurgeSettings } = await import('@/lib/cdnPurge/settings')
const { attemptCdnPurge, retryDelayMs, FIRST_RETRY_MS, MAX_RETRY_MS } = await import('@/lib/cdnPurge/outbox')
const { sendPurge, MAX_TAGS_PER_REQUEST } = await import('@/lib/cdnPurge/request')
const { withTransaction } = await import('@/lib/transaction')

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let reviewer: User
let admin: User
let cookies: { admin: string; editor: string; reviewer: string }

beforeAll(async () => {
  forgetCdnPurgeSettings()
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
})
afterAll(async () => {
  await settleCdnPurges()
  await stopPayload(payload)
  await receiver.close()
})
beforeEach(async () => {
  await settleCdnPurges()
  receiver.reset()
})

const answerTags = (...slugs: string[]) => [...slugs.map((slug) => `answer-${slug}`), 'answers', 'cancer-types']

/** Through the workflow: the answer goes to review and its reviewer's approval publishes it. */
async function publishedAnswer(): Promise<Answer> {
  const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
  await approveAs(payload, reviewer, answer.id)
  return (await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 })) as Answer
}

const purgesFor = async (slug: string) =>
  (
    await payload.find({
      collection: 'cdn-purges',
      where: { tags: { contains: `answer-${slug}` } },
      sort: 'createdAt',
      depth: 0,
      overrideAccess: true,
    })
  ).docs as CdnPurge[]

const purgeCount = async () => (await payload.count({ collection: 'cdn-purges', overrideAccess: true })).totalDocs

/** The retry jobs waiting for a purge row. */
async function retryJobs(purgeId: Id) {
  const jobs = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ queue: { equals: 'cdn-purge' } }, { completedAt: { exists: false } }] },
    depth: 0,
    limit: 100,
    overrideAccess: true,
  })
  return jobs.docs.filter((job) => (job.input as { purgeId: string }).purgeId === String(purgeId))
}

/** Runs a retry job now: its `waitUntil` lies in the future, which is the backoff under test. */
const runJob = (id: Id) => payload.jobs.runByID({ id, overrideAccess: true })

describe('what is sent', () => {
  it('a publication: POST to CDN_PURGE_URL with the tags as JSON and Surrogate-Key, the auth header, sent after the commit without a job runner', async () => {
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    await approveAs(payload, reviewer, answer.id)
    // No job runner here (JOBS_AUTORUN=false): a request at all is the send right after the commit.
    // How fast it leaves is a benchmark figure (npm run bench), not a timed assertion.
    const [request] = await receiver.waitFor(1, 5_000)
    const { slug } = (await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 })) as Answer
    expect(request!.method).toBe('POST')
    expect(request!.path).toBe('/purge')
    expect(request!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request!.body)).toEqual({ tags: answerTags(slug!) })
    expect(request!.headers['surrogate-key']).toBe(answerTags(slug!).join(' '))
    expect(request!.headers['fastly-key']).toBe('test-token-123')

    await settleCdnPurges()
    const [row] = await purgesFor(slug!)
    expect(row).toMatchObject({ kind: 'published', slugs: slug, status: 'sent', attempts: 1, responseStatus: 200, lastError: null })
    expect(row!.durationMs).toBeGreaterThanOrEqual(0)
    expect(row!.sentAt).toBeTruthy()
    expect(row!.nextAttemptAt).toBeNull()
    // The retry job queued with it finds the purge sent and sends nothing.
    for (const job of await retryJobs(row!.id)) await runJob(job.id)
    expect(receiver.received).toHaveLength(1)
  })

  it("a revision approved over REST purges the answer's tags", async () => {
    const answer = await publishedAnswer()
    const edited = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: cookies.editor,
      json: { keyTakeaway: 'A revised takeaway.' },
    })
    expect(edited.status, edited.text).toBe(200)
    expect((await rest.post(`/answers/${answer.id}/submit`, { cookie: cookies.editor })).status).toBe(200)
    await settleCdnPurges()
    receiver.reset()
    const approved = await rest.post(`/answers/${answer.id}/decision`, {
      cookie: cookies.reviewer,
      json: await approvalBody(payload, answer.id),
    })
    expect(approved.status, approved.text).toBe(201)
    const [request] = await receiver.waitFor(1, 5_000)
    expect(request!.tags).toEqual(answerTags(answer.slug!))
    await settleCdnPurges()
    // Its `kind` is refreshPublicReads' to make exact (owner: the change feed); the tags are what a CDN needs.
    expect((await purgesFor(answer.slug!)).at(-1)).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it("a withdrawal by an admin over REST purges the answer's tags", async () => {
    const answer = await publishedAnswer()
    await settleCdnPurges()
    receiver.reset()
    const withdrawn = await rest.patch(`/answers/${answer.id}`, { cookie: cookies.admin, json: { _status: 'draft' } })
    expect(withdrawn.status, withdrawn.text).toBe(200)
    const [request] = await receiver.waitFor(1, 5_000)
    expect(request!.tags).toEqual(answerTags(answer.slug!))
    expect(request!.headers['surrogate-key']).toBe(`answer-${answer.slug} answers cancer-types`)
    await settleCdnPurges()
    expect((await purgesFor(answer.slug!)).at(-1)).toMatchObject({ kind: 'withdrawn', status: 'sent', attempts: 1 })
  })

  it('a cancer type renamed purges everything public', async () => {
    const renamed = await rest.patch(`/cancer-types/${type.id}`, { cookie: cookies.admin, json: { name: `${type.name} (renamed)` } })
    expect(renamed.status, renamed.text).toBe(200)
    const [request] = await receiver.waitFor(1, 5_000)
    expect(request!.tags).toEqual(['public'])
  })

  it("a cancer type's other fields purge nothing; a new type purges everything public", async () => {
    await settleCdnPurges()
    receiver.reset()
    const before = await purgeCount()
    const edited = await rest.patch(`/cancer-types/${type.id}`, { cookie: cookies.admin, json: { reviewIntervalMonths: 9 } })
    expect(edited.status, edited.text).toBe(200)
    expect(await purgeCount()).toBe(before)
    const created = await rest.post('/cancer-types', {
      cookie: cookies.admin,
      json: { name: 'Purge test cancer', slug: 'purge-test', reviewIntervalMonths: 12 },
    })
    expect(created.status, created.text).toBe(201)
    const [request] = await receiver.waitFor(1, 5_000)
    expect(request!.tags).toEqual(['public'])
    expect(await purgeCount()).toBe(before + 1)
  })
})

describe('transactions', () => {
  const adminReq = async () => createLocalReq({ user: { ...admin, collection: 'users' } as never }, payload)
  const unpublish = (id: Id, req: Awaited<ReturnType<typeof adminReq>>) =>
    payload.update({ collection: 'answers', id, data: { _status: 'draft' }, user: req.user, overrideAccess: false, req })

  it('purges queued in one transaction go out as one request and one outbox row', async () => {
    const first = await publishedAnswer()
    const second = await publishedAnswer()
    await settleCdnPurges()
    receiver.reset()
    const before = await purgeCount()
    await withTransaction(await adminReq(), async (req) => {
      await unpublish(first.id, req)
      await unpublish(second.id, req)
    })
    await receiver.waitFor(1, 5_000)
    await settleCdnPurges()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(receiver.received).toHaveLength(1)
    expect(receiver.received[0]!.tags).toEqual(answerTags(first.slug!, second.slug!))
    expect(await purgeCount()).toBe(before + 1)
    expect((await purgesFor(second.slug!)).at(-1)).toMatchObject({
      kind: 'withdrawn',
      slugs: `${first.slug} ${second.slug}`,
      status: 'sent',
    })
  })

  it('a rolled-back transaction sends nothing and leaves no outbox row', async () => {
    const answer = await publishedAnswer()
    await settleCdnPurges()
    receiver.reset()
    const before = await purgeCount()
    await expect(
      withTransaction(await adminReq(), async (req) => {
        await unpublish(answer.id, req)
        throw new Error('Something later in the same change failed')
      }),
    ).rejects.toThrow('Something later')
    await settleCdnPurges()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(receiver.received).toEqual([])
    expect(await purgeCount()).toBe(before)
    expect(((await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 })) as Answer)._status).toBe('published')
  })
})

describe('failures', () => {
  it('a refused purge is recorded, visible to admins, and its job retries it with a growing wait until it is sent', async () => {
    receiver.answerWith(500, 503)
    const answer = await publishedAnswer()
    await settleCdnPurges()
    expect(receiver.received).toHaveLength(1)
    let [row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'failed', attempts: 1, responseStatus: 500 })
    expect(row!.lastError).toMatch(/HTTP 500.*purge refused by the test/)
    // The first retry was due FIRST_RETRY_MS after the row was written.
    expect(new Date(row!.nextAttemptAt!).getTime() - new Date(row!.createdAt).getTime()).toBeGreaterThanOrEqual(FIRST_RETRY_MS - 50)

    // In the admin: the failed purge and why, for admins only.
    const list = await rest.get('/cdn-purges?where[status][equals]=failed&depth=0', { cookie: cookies.admin })
    expect(list.status, list.text).toBe(200)
    expect(list.body.docs.map((doc: CdnPurge) => doc.id)).toContain(row!.id)
    expect((await rest.get('/cdn-purges', { cookie: cookies.editor })).status).toBe(403)

    // First retry: refused again (503); the next one waits twice as long.
    let [job] = await retryJobs(row!.id)
    expect(new Date(job!.waitUntil!).getTime()).toBe(new Date(row!.nextAttemptAt!).getTime())
    const retriedAt = Date.now()
    await runJob(job!.id)
    expect(receiver.received).toHaveLength(2)
    ;[row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'failed', attempts: 2, responseStatus: 503 })
    const wait = new Date(row!.nextAttemptAt!).getTime() - retriedAt
    expect(wait).toBeGreaterThanOrEqual(retryDelayMs(2) - 50)
    expect(wait).toBeLessThan(retryDelayMs(2) + 5_000)
    expect(retryDelayMs(2)).toBe(2 * FIRST_RETRY_MS)

    // Second retry: accepted.
    ;[job] = await retryJobs(row!.id)
    await runJob(job!.id)
    expect(receiver.received).toHaveLength(3)
    expect(receiver.received[2]!.tags).toEqual(answerTags(answer.slug!))
    ;[row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'sent', attempts: 3, responseStatus: 200, lastError: null, nextAttemptAt: null })
    expect(await retryJobs(row!.id)).toEqual([])
  })

  it('a retry job that meets a database fault is tried again, and sends the purge (it used to be dropped for good)', async () => {
    receiver.answerWith(503)
    const answer = await publishedAnswer()
    await settleCdnPurges()
    let [row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    const [job] = await retryJobs(row!.id)
    const findByID = payload.findByID.bind(payload)
    let faults = 0
    const spy = vi.spyOn(payload, 'findByID').mockImplementation((args) => {
      if (args.collection === 'cdn-purges' && faults === 0) {
        faults++
        return Promise.reject(new Error('database unavailable (injected)'))
      }
      return findByID(args)
    })
    try {
      await runJob(job!.id)
    } finally {
      spy.mockRestore()
    }
    expect(faults).toBe(1)
    expect(receiver.received).toHaveLength(1)
    // Still waiting to be tried again, not failed for good.
    const waiting = await payload.findByID({ collection: 'payload-jobs', id: job!.id, depth: 0, overrideAccess: true })
    expect(waiting).toMatchObject({ completedAt: null, hasError: false, totalTried: 1 })
    await runJob(job!.id)
    expect(receiver.received).toHaveLength(2)
    ;[row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'sent', attempts: 2 })
  })

  it('a purge whose retry job was lost is sent by the sweep once it is 5 minutes overdue, not before', async () => {
    const { sendOverduePurges } = await import('@/lib/cdnPurge/sweep')
    const { OVERDUE_AFTER_MS } = await import('@/lib/outbox/overdue')
    receiver.answerWith(503)
    const answer = await publishedAnswer()
    await settleCdnPurges()
    let [row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    // The lost job: removed, as a fault between recording the failure and queueing the next one leaves it.
    for (const job of await retryJobs(row!.id)) await payload.delete({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
    const due = new Date(row!.nextAttemptAt!).getTime()
    expect(await sendOverduePurges(payload, due + OVERDUE_AFTER_MS - 1_000)).toBe(0)
    expect(receiver.received).toHaveLength(1)
    expect(await sendOverduePurges(payload, due + OVERDUE_AFTER_MS + 1_000)).toBe(1)
    expect(receiver.received).toHaveLength(2)
    ;[row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'sent', attempts: 2 })
    expect(await sendOverduePurges(payload, due + OVERDUE_AFTER_MS + 1_000)).toBe(0)
  })

  it('two attempts overlapping (a slow CDN): the one that finishes last records nothing, and the retry schedule survives', async () => {
    receiver.answerWith(500)
    const answer = await publishedAnswer()
    await settleCdnPurges()
    let [row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    const [firstRetry] = await retryJobs(row!.id)

    // An attempt without a schedule (as right after a commit) is held by the CDN, and meanwhile the
    // retry job's attempt fails too and schedules the next retry.
    receiver.delayBy(1_500)
    receiver.answerWith(503, 503)
    const slow = attemptCdnPurge(payload, row!.id)
    await receiver.waitFor(2)
    await runJob(firstRetry!.id)
    expect(await slow).toBe('skipped')

    ;[row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'failed', attempts: 2, responseStatus: 503 })
    const waiting = await retryJobs(row!.id)
    expect(waiting).toHaveLength(1)
    // The queued retry is the one the row expects: it will run, and send.
    expect(new Date(waiting[0]!.waitUntil!).getTime()).toBe(new Date(row!.nextAttemptAt!).getTime())
    await runJob(waiting[0]!.id)
    expect((await purgesFor(answer.slug!))[0]).toMatchObject({ status: 'sent', attempts: 3 })
  })

  it('two attempts overlapping, the retry job finishing last: a failure schedules the next retry that nobody else did', async () => {
    receiver.answerWith(500)
    const answer = await publishedAnswer()
    await settleCdnPurges()
    let [row] = await purgesFor(answer.slug!)
    const [firstRetry] = await retryJobs(row!.id)

    // An attempt without a schedule (as right after a commit) fails first and keeps the schedule it
    // read (the first retry's); the retry job, which read the row before that, is still at the CDN.
    receiver.delayBy(300, 1_500)
    receiver.answerWith(503, 503)
    const early = attemptCdnPurge(payload, row!.id)
    await receiver.waitFor(2)
    const retry = runJob(firstRetry!.id)
    await receiver.waitFor(3)
    expect(await early).toBe('failed')
    await retry

    ;[row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'failed', attempts: 3, responseStatus: 503 })
    expect(new Date(row!.nextAttemptAt!).getTime()).toBeGreaterThan(new Date(firstRetry!.waitUntil!).getTime())
    const waiting = await retryJobs(row!.id)
    expect(waiting).toHaveLength(1)
    expect(new Date(waiting[0]!.waitUntil!).getTime()).toBe(new Date(row!.nextAttemptAt!).getTime())
    await runJob(waiting[0]!.id)
    expect((await purgesFor(answer.slug!))[0]).toMatchObject({ status: 'sent', attempts: 4 })
  })

  it('two attempts overlapping, the retry job finishing last: its success is recorded over the other one’s failure', async () => {
    receiver.answerWith(500)
    const answer = await publishedAnswer()
    await settleCdnPurges()
    let [row] = await purgesFor(answer.slug!)
    const [firstRetry] = await retryJobs(row!.id)

    receiver.delayBy(300, 1_500)
    receiver.answerWith(503, 200)
    const early = attemptCdnPurge(payload, row!.id)
    await receiver.waitFor(2)
    const retry = runJob(firstRetry!.id)
    await receiver.waitFor(3)
    expect(await early).toBe('failed')
    await retry

    ;[row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'sent', attempts: 3, responseStatus: 200, nextAttemptAt: null, lastError: null })
    expect(await retryJobs(row!.id)).toEqual([])
  })

  it('an unreachable CDN is a failure with the reason, retried like a refusal', async () => {
    const reachable = process.env.CDN_PURGE_URL
    process.env.CDN_PURGE_URL = `http://127.0.0.1:${await freePort()}/purge`
    forgetCdnPurgeSettings()
    try {
      const answer = await publishedAnswer()
      await settleCdnPurges()
      const [row] = await purgesFor(answer.slug!)
      expect(row).toMatchObject({ status: 'failed', attempts: 1, responseStatus: null })
      expect(row!.lastError).toMatch(/The purge request failed: fetch failed.*ECONNREFUSED/)
      expect(await retryJobs(row!.id)).toHaveLength(1)
    } finally {
      process.env.CDN_PURGE_URL = reachable
      forgetCdnPurgeSettings()
    }
  })
})

describe('the repeat, once every instance has applied the change', () => {
  const REPEAT_MS = 600
  beforeAll(() => {
    process.env.CDN_PURGE_REPEAT_MS = String(REPEAT_MS)
    forgetCdnPurgeSettings()
  })
  afterAll(async () => {
    await settleCdnPurges()
    process.env.CDN_PURGE_REPEAT_MS = '0'
    forgetCdnPurgeSettings()
  })

  it('a sent purge is sent again CDN_PURGE_REPEAT_MS after the commit; the row stays sent', async () => {
    const before = Date.now() // earlier than the commit, which the repeat counts from
    const answer = await publishedAnswer()
    const [first, repeat] = await receiver.waitFor(2, 5_000)
    expect(repeat!.tags).toEqual(first!.tags)
    expect(repeat!.tags).toEqual(answerTags(answer.slug!))
    expect(repeat!.at - before).toBeGreaterThanOrEqual(REPEAT_MS)
    await settleCdnPurges()
    expect(receiver.received).toHaveLength(2)
    expect((await purgesFor(answer.slug!))[0]).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('a failed repeat puts the row back into the retry cycle, visible as a failure', async () => {
    receiver.answerWith(200, 503)
    const answer = await publishedAnswer()
    await receiver.waitFor(2, 5_000)
    await settleCdnPurges()
    const [row] = await purgesFor(answer.slug!)
    expect(row).toMatchObject({ status: 'failed', responseStatus: 503, attempts: 2 })
    expect(row!.lastError).toMatch(/^The repeated purge failed: .*HTTP 503/)
    const [job] = await retryJobs(row!.id)
    expect(new Date(job!.waitUntil!).getTime()).toBe(new Date(row!.nextAttemptAt!).getTime())
    await runJob(job!.id)
    expect((await purgesFor(answer.slug!))[0]).toMatchObject({ status: 'sent' })
  })

  it('no repeat after a failed first attempt: its retry, at least 10 s later, comes after every instance anyway', async () => {
    // The retry must be sent before the repeat's time, so this test's repeat is later: with 600 ms,
    // publishing and running the retry job did not fit on a loaded CI machine.
    const repeatMs = 5_000
    process.env.CDN_PURGE_REPEAT_MS = String(repeatMs)
    forgetCdnPurgeSettings()
    try {
      receiver.answerWith(500)
      const before = Date.now()
      const answer = await publishedAnswer()
      await receiver.waitFor(1)
      // The retry is sent here, before the repeat's time: a repeat would now find the row sent, and send.
      const [row] = await purgesFor(answer.slug!)
      const [job] = await retryJobs(row!.id)
      await runJob(job!.id)
      expect(receiver.received).toHaveLength(2)
      expect(Date.now() - before).toBeLessThan(repeatMs) // else this test proves nothing
      await new Promise((resolve) => setTimeout(resolve, repeatMs - (Date.now() - before) + 300))
      await settleCdnPurges()
      expect(receiver.received).toHaveLength(2)
      expect((await purgesFor(answer.slug!))[0]).toMatchObject({ status: 'sent', attempts: 2 })
    } finally {
      process.env.CDN_PURGE_REPEAT_MS = String(REPEAT_MS)
      forgetCdnPurgeSettings()
    }
  })
})

describe('no CDN configured', () => {
  it('records the purge as not configured, sends nothing, queues no job; an admin can retry it once configured', async () => {
    const reachable = process.env.CDN_PURGE_URL
    delete process.env.CDN_PURGE_URL
    forgetCdnPurgeSettings()
    let row: CdnPurge | undefined
    let answer: Answer
    try {
      answer = await publishedAnswer()
      await settleCdnPurges()
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(receiver.received).toEqual([])
      ;[row] = await purgesFor(answer.slug!)
      expect(row).toMatchObject({ status: 'not_configured', attempts: 0, nextAttemptAt: null })
      expect(row!.lastError).toMatch(/CDN_PURGE_URL/)
      expect(await retryJobs(row!.id)).toEqual([])
    } finally {
      process.env.CDN_PURGE_URL = reachable
      forgetCdnPurgeSettings()
    }
    // Retry, the same way as an email: an admin sets the status back to Pending.
    const retried = await rest.patch(`/cdn-purges/${row!.id}`, { cookie: cookies.admin, json: { status: 'pending' } })
    expect(retried.status, retried.text).toBe(200)
    const [request] = await receiver.waitFor(1, 5_000)
    expect(request!.tags).toEqual(answerTags(answer!.slug!))
    await settleCdnPurges()
    expect((await purgesFor(answer!.slug!))[0]).toMatchObject({ status: 'sent', attempts: 1 })
  })
})

describe('the request', () => {
  it('more tags than a CDN takes in one call go out in requests of MAX_TAGS_PER_REQUEST; every one must succeed', async () => {
    const tags = Array.from({ length: 65 }, (_, index) => `answer-a${index}`)
    const result = await sendPurge({ url: receiver.url }, tags)
    expect(result).toMatchObject({ ok: true, status: 200, error: null })
    expect(receiver.received.map((request) => request.tags.length)).toEqual([MAX_TAGS_PER_REQUEST, MAX_TAGS_PER_REQUEST, 5])
    expect(receiver.received.flatMap((request) => request.tags)).toEqual(tags)
    expect(receiver.received[2]!.headers['surrogate-key']).toBe(tags.slice(60).join(' '))

    receiver.reset()
    receiver.answerWith(200, 429)
    const refused = await sendPurge({ url: receiver.url }, tags)
    expect(refused).toMatchObject({ ok: false, status: 429 })
    expect(receiver.received).toHaveLength(2)
  })

  it('retries wait 10 s, then twice as long each time, never more than 15 minutes, and never stop', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS, 8 * FIRST_RETRY_MS])
    expect(retryDelayMs(50)).toBe(MAX_RETRY_MS)
  })
})
