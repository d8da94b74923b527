/**
 * Model output as untrusted input, and every paid call on the ledger once: links and one-letter quotes
 * refused and repaired, a draft for a question edited meanwhile discarded, batch results whose
 * question left the batch recorded, a batch created once. Real @anthropic-ai/sdk against the fake
 * Messages API.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { CancerType, Question } from '@/payload-types'
import { seed } from '@seed/index'
import { offeredPassages, validDraft } from '../helpers/draftReplies'
import { FakeAnthropic, type RecordedRequest, type Reply } from '../helpers/fakeAnthropic'
import { createQuestion, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'
import type { Id } from '@/lib/relationId'

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
}, 120_000)
afterAll(async () => {
  await stopPayload(payload)
  await fake.stop()
})
beforeEach(() => {
  fake.reset()
  fake.batchPollsBeforeEnd = 1
  fake.respond = (request) => fake.toolUse(request, 'submit_draft', validDraft(request))
})

const newQuestion = (text = 'Is surgery an option once pancreatic cancer has spread to the liver?') =>
  createQuestion(payload, pancreatic.id, { text: `${text} (${Math.random().toString(36).slice(2, 7)})` })
async function sendToDrafting(question: Question) {
  const response = await rest.post(`/questions/${question.id}/draft`, { cookie: editorCookie })
  expect(response.status, response.text).toBe(202)
}
const runJobs = () => payload.jobs.run({ queue: 'drafting', limit: 50 })
const reload = (question: Question) => payload.findByID({ collection: 'questions', id: question.id, depth: 0 })
const answerFor = async (question: Question) =>
  (await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 })).docs[0]
const ledgerFor = async (question: Question) =>
  (await payload.find({ collection: 'model-usage', where: { question: { equals: question.id } }, depth: 0, pagination: false })).docs
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const batchSubmissions = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches')

async function queueBatch(question: Question) {
  const queued = await rest.post('/questions/draft', { cookie: editorCookie, json: { ids: [question.id], mode: 'batch' } })
  expect(queued.status, queued.text).toBe(202)
  return queued.body.queued[0].jobId as Id
}
async function importJobFor(question: Question) {
  const imports = await payload.find({
    collection: 'payload-jobs',
    where: { taskSlug: { equals: 'importDraftBatch' } },
    pagination: false,
    overrideAccess: true,
  })
  return imports.docs.find((job) => JSON.stringify(job.input).includes(`"questionId":"${question.id}"`))!
}

type Node = { type?: string; text?: string; children?: Node[]; fields?: { url?: string; blockType?: string } }
const allNodes = (node: Node): Node[] => [node, ...(node.children ?? []).flatMap(allNodes)]

describe('model output that would become something else on the page', () => {
  it('a citation marker written as a Markdown link "[1](https://...)" is refused and repaired: the page gets citations, no link', async () => {
    const question = await newQuestion()
    let calls = 0
    fake.respond = (request: RecordedRequest): Reply => {
      calls += 1
      const draft = validDraft(request) as ReturnType<typeof validDraft> & { sections: { markdown: string }[] }
      // The first reply "cites" [1] with link syntax to a site of the model's choosing; the repair does not.
      if (calls === 1)
        draft.sections[0]!.markdown =
          '- Removing the main tumor does not reach cancer in other organs.[1](https://evil.example/ref)\n- It has not been shown to help people live longer.[1](https://evil.example/ref)'
      return fake.toolUse(request, 'submit_draft', draft)
    }
    await sendToDrafting(question)
    await runJobs()
    expect(calls).toBe(2)
    // The repair turn told the model why.
    expect(JSON.stringify(fake.messageRequests()[1]!.body)).toContain(
      'sections.0.markdown: no links; cite a source with its marker [n] alone',
    )
    expect((await reload(question)).status).toBe('drafted')
    const answer = (await answerFor(question))!
    const nodes = allNodes(answer.body!.root as unknown as Node)
    expect(nodes.filter((node) => node.type === 'link')).toEqual([])
    expect(nodes.filter((node) => node.type === 'inlineBlock' && node.fields?.blockType === 'cite').length).toBeGreaterThan(0)
  })

  it('a quote of one letter is refused as the support of a citation and repaired', async () => {
    const question = await newQuestion()
    let calls = 0
    fake.respond = (request) => {
      calls += 1
      return fake.toolUse(
        request,
        'submit_draft',
        calls === 1
          ? validDraft(request, { directAnswerCitations: [{ passageKey: offeredPassages(request)[0]!.key, quote: '"a"' }] })
          : validDraft(request),
      )
    }
    await sendToDrafting(question)
    await runJobs()
    expect(calls).toBe(2)
    expect(JSON.stringify(fake.messageRequests()[1]!.body)).toContain('is too short to show where the claim comes from')
    const answer = (await answerFor(question))!
    expect(answer.citations?.map((citation) => citation.quote)).not.toContain('"a"')
    expect(answer.citations?.length).toBeGreaterThan(0)
  })
})

describe('a draft made for the question as it was', () => {
  it('a question moved to another cancer type while drafting: the draft is discarded with the reason, its call on the ledger', async () => {
    const breast = (await payload.find({ collection: 'cancer-types', where: { slug: { equals: 'breast' } } })).docs[0]!
    expect(breast).toBeTruthy()
    const question = await newQuestion()
    fake.respond = async (request) => {
      // The editor corrects the cancer type while the model is writing.
      await payload.update({ collection: 'questions', id: question.id, data: { cancerType: breast.id }, overrideAccess: true })
      return fake.toolUse(request, 'submit_draft', validDraft(request))
    }
    await sendToDrafting(question)
    await runJobs()
    const after = await reload(question)
    expect(after.status).toBe('draft_failed')
    expect(after.draftFailureReason).toContain('The question was edited while its draft was being made (its wording or its cancer type)')
    expect(await answerFor(question)).toBeUndefined()
    expect((await ledgerFor(question)).map((entry) => entry.outcome)).toEqual(['discarded'])
  })
})

describe('spend accounting for single drafts', () => {
  it('a question being drafted cannot be deleted (its paid call is recorded against it): 409, then the draft is saved', async () => {
    const question = await newQuestion()
    let refusal: { status: number; text: string } | undefined
    fake.respond = async (request) => {
      // An editor tries to delete the (still unanswered) question while the model is writing.
      refusal = await rest.delete(`/questions/${question.id}`, { cookie: editorCookie })
      return fake.toolUse(request, 'submit_draft', validDraft(request))
    }
    await sendToDrafting(question)
    await runJobs()
    expect(refusal?.status, refusal?.text).toBe(409)
    expect(refusal?.text).toContain('This question is being drafted right now')
    expect((await reload(question)).status).toBe('drafted')
    expect((await ledgerFor(question)).map((entry) => entry.outcome)).toEqual(['used'])
  })
})

describe('spend accounting for Message Batches', () => {
  it('a batch result for a question archived while the batch ran is not saved, and goes on the ledger as discarded', async () => {
    const question = await newQuestion()
    await queueBatch(question)
    await runJobs() // submit
    expect(batchSubmissions()).toHaveLength(1)
    const archived = await rest.post('/questions/bulk', { cookie: editorCookie, json: { action: 'archive', ids: [question.id] } })
    expect(archived.status, archived.text).toBe(200)
    expect((await reload(question)).status).toBe('archived')
    for (let poll = 0; poll < 6; poll++) {
      await wait(150)
      await runJobs()
    }
    const resultsFetched = fake.requests.filter((r) => /\/results$/.test(r.path)).length
    expect(resultsFetched).toBe(1) // the batch ended and its (billed) results were read
    expect((await ledgerFor(question)).map((entry) => `${entry.purpose}/${entry.outcome}`)).toEqual(['batch/discarded'])
    expect(await answerFor(question)).toBeUndefined()
  })

  it('an import job handed to two runners at once saves the result once and records it once', async () => {
    const question = await newQuestion()
    await queueBatch(question)
    await runJobs() // submit
    fake.batchPollsBeforeEnd = 0 // the first poll finds it ended
    fake.latencyMs = 200 // both runners are waiting on the API at once, as two workers would
    const job = await importJobFor(question)
    // A slow save (a loaded database): the other runner reads the question while this save is open.
    const hooks = payload.collections.answers.config.hooks.beforeChange
    const slowSave: (typeof hooks)[number] = async ({ data }) => {
      await wait(400)
      return data
    }
    hooks.push(slowSave)
    let runs: PromiseSettledResult<unknown>[]
    try {
      runs = await Promise.allSettled([payload.jobs.runByID({ id: job.id }), payload.jobs.runByID({ id: job.id })])
    } finally {
      hooks.splice(hooks.indexOf(slowSave), 1)
    }
    expect(runs.some((run) => run.status === 'fulfilled')).toBe(true)
    expect((await reload(question)).status).toBe('drafted')
    const ledger = await ledgerFor(question)
    // One paid result, one ledger entry.
    expect(ledger.map((entry) => `${entry.purpose}/${entry.outcome}`)).toEqual(['batch/used'])
  })

  it('a batch submission whose response comes after the timeout is not sent again: the questions fail saying to check for it', async () => {
    const question = await newQuestion()
    await queueBatch(question)
    // The API creates the batch, but its response arrives after the client timeout (1500 ms).
    const internals = fake as unknown as { handleBatches: (r: RecordedRequest) => Promise<Reply> }
    const original = internals.handleBatches.bind(fake)
    internals.handleBatches = async (request) => {
      const reply = await original(request)
      return request.method === 'POST' && request.path === '/v1/messages/batches' ? { ...reply, delayMs: 2500 } : reply
    }
    try {
      await runJobs()
    } finally {
      internals.handleBatches = original
    }
    // A paid creation with no idempotency key is sent once, neither by the SDK's retry nor the job's.
    expect(batchSubmissions()).toHaveLength(1)
    await runJobs()
    expect(batchSubmissions()).toHaveLength(1)
    const after = await reload(question)
    expect(after.status).toBe('draft_failed')
    expect(after.draftFailureReason).toContain(
      'Submitting the Message Batch got no clear answer (a timeout, a cut connection or a server error), so it may have been created',
    )
  }, 30_000)

  it('a result for a question reworded while the batch ran is discarded like a single draft, its call on the ledger', async () => {
    const question = await newQuestion()
    await queueBatch(question)
    await runJobs() // submit: the model is asked about the wording as it was
    expect(JSON.stringify(batchSubmissions()[0]!.body)).toContain('spread to the liver')
    const edited = await rest.patch(`/questions/${question.id}`, {
      cookie: editorCookie,
      json: {
        text: `What side effects does chemotherapy for pancreatic cancer have on appetite? (${Math.random().toString(36).slice(2, 7)})`,
      },
    })
    expect(edited.status, edited.text).toBe(200)
    for (let poll = 0; poll < 6 && (await reload(question)).status === 'drafting'; poll++) {
      await wait(150)
      await runJobs()
    }
    const after = await reload(question)
    expect(after.status).toBe('draft_failed')
    expect(after.draftFailureReason).toContain('The question was edited while its draft was being made')
    expect(await answerFor(question)).toBeUndefined()
    expect((await ledgerFor(question)).map((entry) => `${entry.purpose}/${entry.outcome}`)).toEqual(['batch/discarded'])
  })

  it('a batch creation answered by a gateway 504 (it may have been created) is not sent again', async () => {
    const question = await newQuestion()
    await queueBatch(question)
    const internals = fake as unknown as { handleBatches: (r: RecordedRequest) => Promise<Reply> }
    const original = internals.handleBatches.bind(fake)
    internals.handleBatches = async (request) => {
      const reply = await original(request)
      return request.method === 'POST' && request.path === '/v1/messages/batches'
        ? ({ kind: 'json', status: 504, body: { type: 'error', error: { type: 'api_error', message: 'Gateway Timeout' } } } as Reply)
        : reply
    }
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        await runJobs()
        await wait(400)
      }
    } finally {
      internals.handleBatches = original
    }
    expect(batchSubmissions()).toHaveLength(1)
    expect((await reload(question)).draftFailureReason).toContain('so it may have been created')
  })
})
