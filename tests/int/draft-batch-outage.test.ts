/**
 * A Message Batch's import job and an outage of the Anthropic API: the batch is paid for and runs on,
 * so an import that cannot reach the API is queued again (until the results are no longer kept)
 * instead of failing its questions for good after its tries.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType, Question } from '@/payload-types'
import { seed } from '@seed/index'
import { validDraft } from '../helpers/draftReplies'
import { apiError, FakeAnthropic, type RecordedRequest, type Reply } from '../helpers/fakeAnthropic'
import { createQuestion, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

const fake = await new FakeAnthropic().start()
Object.assign(process.env, {
  ANTHROPIC_API_KEY: 'sk-ant-test-key',
  ANTHROPIC_BASE_URL: fake.baseURL,
  ANTHROPIC_MODEL: 'claude-sonnet-5',
  ANTHROPIC_TIMEOUT_MS: '1500',
  ANTHROPIC_MAX_RETRIES: '2',
  DRAFT_JOB_ATTEMPTS: '3',
  DRAFT_RETRY_DELAY_MS: '300',
  DRAFT_CONCURRENCY: '2',
  DRAFT_BATCH_POLL_MS: '100',
  JOBS_AUTORUN: 'false',
})
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let editorCookie: string
let pancreatic: CancerType

beforeAll(async () => {
  payload = await startPayload()
  await seed(payload, { allowDemo: true })
  rest = new RestClient(payload)
  const editor = await createUser(payload, { roles: ['editor'] })
  editorCookie = await rest.login(editor.email, PASSWORD)
  pancreatic = (await payload.find({ collection: 'cancer-types', where: { slug: { equals: 'pancreatic' } } })).docs[0]!
  fake.respond = (request) => fake.toolUse(request, 'submit_draft', validDraft(request))
  await payload.jobs.run({ queue: 'drafting', limit: 100 })
  fake.reset()
  fake.respond = (request) => fake.toolUse(request, 'submit_draft', validDraft(request))
})
afterAll(async () => {
  await stopPayload(payload)
  await fake.stop()
})

const runJobs = () => payload.jobs.run({ queue: 'drafting', limit: 50 })
const reload = (question: Question) => payload.findByID({ collection: 'questions', id: question.id, depth: 0 })
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('Message Batches', () => {
  it('a few minutes of API errors while a submitted (paid) batch is polled do not abandon it: once the API is back, its results are imported', async () => {
    const question = await createQuestion(payload, pancreatic.id, {
      text: `Is surgery an option once pancreatic cancer has spread to the liver? (${Math.random().toString(36).slice(2, 7)})`,
    })
    const queued = await rest.post('/questions/draft', { cookie: editorCookie, json: { ids: [question.id], mode: 'batch' } })
    expect(queued.status, queued.text).toBe(202)
    await runJobs() // submit: the batch exists and runs (and is billed) at Anthropic
    expect((await reload(question)).draftJobId).toMatch(/^batch msgbatch_/)

    // The API has an incident: every poll of the batch gets a 503 for a while.
    const fakeInternals = fake as unknown as { handleBatches: (request: RecordedRequest) => Promise<Reply> }
    const original = fakeInternals.handleBatches.bind(fake)
    let outage = true
    fakeInternals.handleBatches = async (request) =>
      outage && request.method === 'GET'
        ? { kind: 'json', status: 503, body: apiError('api_error', 'Service unavailable') }
        : original(request)
    for (let round = 0; round < 6; round++) {
      await wait(400 * 2 ** round > 2500 ? 2500 : 400 * 2 ** round)
      await runJobs()
    }
    outage = false
    // The API is back; the batch has ended at Anthropic. The import goes on.
    for (let round = 0; round < 6 && (await reload(question)).status === 'drafting'; round++) {
      await wait(300)
      await runJobs()
    }
    const after = await reload(question)
    expect({ status: after.status, reason: after.draftFailureReason ?? null }).toEqual({ status: 'drafted', reason: null })
    fakeInternals.handleBatches = original
  }, 60_000)

  it("once the batch's results are no longer kept, an import that cannot reach the API fails its questions with the reason", async () => {
    const question = await createQuestion(payload, pancreatic.id, {
      text: `What does a Whipple procedure involve for pancreatic cancer? (${Math.random().toString(36).slice(2, 7)})`,
    })
    const queued = await rest.post('/questions/draft', { cookie: editorCookie, json: { ids: [question.id], mode: 'batch' } })
    expect(queued.status, queued.text).toBe(202)
    await runJobs()
    // The import job as queued, its deadline moved into the past (29 days after the submission).
    const { docs: imports } = await payload.find({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'importDraftBatch' } }, { completedAt: { exists: false } }] },
      depth: 0,
      overrideAccess: true,
    })
    expect(imports).toHaveLength(1)
    const input = imports[0]!.input as { pollUntil?: string }
    expect(new Date(input.pollUntil!).getTime()).toBeGreaterThan(Date.now() + 28 * 24 * 60 * 60 * 1000)
    await payload.update({
      collection: 'payload-jobs',
      id: imports[0]!.id,
      data: { input: { ...input, pollUntil: new Date(Date.now() - 1000).toISOString() } },
      overrideAccess: true,
    })
    const fakeInternals = fake as unknown as { handleBatches: (request: RecordedRequest) => Promise<Reply> }
    const original = fakeInternals.handleBatches.bind(fake)
    fakeInternals.handleBatches = async (request) =>
      request.method === 'GET' ? { kind: 'json', status: 503, body: apiError('api_error', 'Service unavailable') } : original(request)
    try {
      for (let round = 0; round < 8 && (await reload(question)).status === 'drafting'; round++) {
        await wait(400 * 2 ** Math.min(round, 2))
        await runJobs()
      }
      const after = await reload(question)
      expect(after.status).toBe('draft_failed')
      expect(after.draftFailureReason).toMatch(/^Importing Message Batch msgbatch_\S+ failed: The Anthropic API had a server error \(503\)/)
    } finally {
      fakeInternals.handleBatches = original
    }
  }, 60_000)

  it('a batch creation turned away (529 overloaded, then 429 rate limited) is submitted by the next try, once', async () => {
    const question = await createQuestion(payload, pancreatic.id, {
      text: `Can chemotherapy shrink a pancreatic tumour before surgery? (${Math.random().toString(36).slice(2, 7)})`,
    })
    const fakeInternals = fake as unknown as { handleBatches: (request: RecordedRequest) => Promise<Reply> }
    const original = fakeInternals.handleBatches.bind(fake)
    const turnedAway: Reply[] = [
      { kind: 'json', status: 529, body: apiError('overloaded_error', 'Overloaded') },
      { kind: 'json', status: 429, body: apiError('rate_limit_error', 'Rate limited'), headers: { 'retry-after': '0' } },
    ]
    fakeInternals.handleBatches = async (request) =>
      request.method === 'POST' && request.path === '/v1/messages/batches' && turnedAway.length > 0
        ? turnedAway.shift()!
        : original(request)
    const creations = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches').length
    const before = creations()
    try {
      const queued = await rest.post('/questions/draft', { cookie: editorCookie, json: { ids: [question.id], mode: 'batch' } })
      expect(queued.status, queued.text).toBe(202)
      for (let round = 0; round < 6 && !(await reload(question)).draftJobId?.startsWith('batch '); round++) {
        await runJobs()
        await wait(700)
      }
    } finally {
      fakeInternals.handleBatches = original
    }
    const after = await reload(question)
    expect(after.draftJobId).toMatch(/^batch msgbatch_/)
    expect(after.status).toBe('drafting')
    // Two creations turned away, then one that made the batch: one batch, nothing paid twice.
    expect(creations() - before).toBe(3)
    expect(turnedAway).toHaveLength(0)
  }, 60_000)
})
