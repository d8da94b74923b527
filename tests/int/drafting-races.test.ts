/**
 * Drafting and what changes meanwhile (real @anthropic-ai/sdk against the fake Messages API on
 * 127.0.0.1): a question waiting in a Message Batch is not sent again after an hour (a batch runs up
 * to a day, already paid for), and a guideline superseded while the model writes is not cited.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { CancerType, GuidelineSource, Question } from '@/payload-types'
import { seed } from '@seed/index'
import { offeredPassages, validDraft } from '../helpers/draftReplies'
import { FakeAnthropic } from '../helpers/fakeAnthropic'
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
const runJobs = () => payload.jobs.run({ queue: 'drafting', limit: 50 })
const reload = (question: Question) => payload.findByID({ collection: 'questions', id: question.id, depth: 0 })
const answerFor = async (question: Question) =>
  (await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 })).docs[0]
const ledgerFor = async (question: Question) =>
  (await payload.find({ collection: 'model-usage', where: { question: { equals: question.id } }, depth: 0, pagination: false })).docs
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a question waiting in a Message Batch', () => {
  it('is not sent to drafting again while its batch may still run (409 naming the batch; after an hour it was, and paid for twice); after 25 hours it is', async () => {
    const question = await newQuestion()
    fake.batchPollsBeforeEnd = 1_000 // a large batch: it runs for hours (the API allows 24)
    const queued = await rest.post('/questions/draft', { cookie: editorCookie, json: { ids: [question.id], mode: 'batch' } })
    expect(queued.status, queued.text).toBe(202)
    await runJobs() // submits the batch
    const waiting = await reload(question)
    expect(waiting.status).toBe('drafting')
    expect(waiting.draftJobId).toMatch(/^batch msgbatch_/)

    // An hour and a minute later the batch is still in progress (normal for a Message Batch).
    await payload.update({
      collection: 'questions',
      id: question.id,
      data: { lastDraftAttemptAt: new Date(Date.now() - 61 * 60_000).toISOString() },
      overrideAccess: true,
    })
    const again = await rest.post(`/questions/${question.id}/draft`, { cookie: editorCookie })
    // Before the fix: 202, a full-price single draft was made, and the batch's (billed) result was
    // then discarded: the question was paid for twice.
    expect(again.status, again.text).toBe(409)
    expect(again.body.errors[0].message).toMatch(
      /^This question is waiting in Message Batch msgbatch_\S+, already paid for; if it is still drafting 25 hours after/,
    )

    // A day and more later, a batch that never came back may be sent again.
    await payload.update({
      collection: 'questions',
      id: question.id,
      data: { lastDraftAttemptAt: new Date(Date.now() - 26 * 60 * 60_000).toISOString() },
      overrideAccess: true,
    })
    expect((await rest.post(`/questions/${question.id}/draft`, { cookie: editorCookie })).status).toBe(202)
    await runJobs()
    fake.batchPollsBeforeEnd = 0
    for (let poll = 0; poll < 4; poll++) {
      await wait(150)
      await runJobs()
    }
    expect((await reload(question)).status).toBe('drafted')
  })
})

describe('a source superseded while the model writes', () => {
  it('a single draft citing a guideline superseded while the model wrote is discarded (its call on the ledger) and drafted again from the current passages', async () => {
    const question = await newQuestion()
    let superseded: GuidelineSource | undefined
    let calls = 0
    fake.respond = async (request) => {
      calls += 1
      if (calls > 1) return fake.toolUse(request, 'submit_draft', validDraft(request))
      // An editor supersedes the guideline the first offered passage comes from, while the model writes.
      const sourceId = offeredPassages(request)[0]!.key.split(':')[0]!
      const old = (await payload.findByID({ collection: 'guideline-sources', id: sourceId, depth: 0 })) as GuidelineSource
      const replacement = await payload.create({
        collection: 'guideline-sources',
        data: {
          publisher: old.publisher,
          title: old.title,
          version: `${old.version} (updated)`,
          publicationDate: '2026-11-01',
          url: old.url,
          cancerTypes: old.cancerTypes,
          status: 'current',
          passages: (old.passages ?? []).map(({ passageId, heading, text }) => ({ passageId, heading, text })),
        },
        overrideAccess: true,
      })
      superseded = (await payload.update({
        collection: 'guideline-sources',
        id: old.id,
        data: { status: 'superseded', supersededBy: replacement.id },
        overrideAccess: true,
      })) as GuidelineSource
      return fake.toolUse(request, 'submit_draft', validDraft(request))
    }
    await rest.post(`/questions/${question.id}/draft`, { cookie: editorCookie })
    await runJobs()
    expect(superseded?.status).toBe('superseded')
    // The first draft is discarded (its call on the ledger) and the job's retry drafts from the
    // passages as they are now.
    for (let round = 0; round < 4 && (await reload(question)).status === 'drafting'; round++) {
      await wait(400)
      await runJobs()
    }
    const after = await reload(question)
    expect(after.status, after.draftFailureReason ?? '').toBe('drafted')
    const answer = await answerFor(question)
    const citedSources = new Set((answer?.citations ?? []).map((citation) => String(citation.source)))
    // Only current sources are used for new drafts (GuidelineSources "status" description).
    expect(citedSources.has(String(superseded!.id))).toBe(false)
    expect((await ledgerFor(question)).map((entry) => entry.outcome).sort()).toEqual(['discarded', 'used'])
  })
})
