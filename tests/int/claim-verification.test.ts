/**
 * Issue 13, "Support checks ... With an API key": one verification call to Claude per answer
 * version (every claim, the cited passages in a cached prefix), through the real
 * @anthropic-ai/sdk against a fake Messages API on 127.0.0.1. Verdicts stored on the answer by
 * claim id and bound to its content hash, the call in the cost ledger, every failure stored as
 * "not verified" with its reason (the draft itself is saved), and a human edit re-verified.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, Question } from '@/payload-types'
import { VERIFY_RULES, VERIFY_TOOL_NAME, verdictsJsonSchema } from '@/lib/anthropic/verifyClaims'
import { answerClaims } from '@/lib/claims/answerClaims'
import { markdownWithCitations } from '@/lib/claims/markers'
import { loadEnv } from '@/lib/env'
import { currentClaimVerification } from '@/lib/verification/claimVerification'
import { verifyAnswerClaims } from '@/lib/verification/verifyAnswer'
import { validDraft } from '../helpers/draftReplies'
import { FakeAnthropic, apiError, type RecordedRequest, type Reply } from '../helpers/fakeAnthropic'
import { createCompleteDraft, createQuestion, createUser, PASSWORD, unique } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'
import { relationId, type Id } from '@/lib/relationId'

const fake = await new FakeAnthropic().start()
Object.assign(process.env, {
  ANTHROPIC_API_KEY: 'sk-ant-test-key',
  ANTHROPIC_BASE_URL: fake.baseURL,
  ANTHROPIC_MODEL: 'claude-sonnet-5',
  ANTHROPIC_TIMEOUT_MS: '5000',
  // No SDK retries: each scripted fault is the verifier's final answer.
  ANTHROPIC_MAX_RETRIES: '0',
  // Well above the fake's latency on a loaded machine; the timeout test delays beyond it.
  CLAIM_VERIFY_TIMEOUT_MS: '1500',
  DRAFT_JOB_ATTEMPTS: '1',
  JOBS_AUTORUN: 'false',
})
const { startPayload, stopPayload } = await import('../helpers/payload')

const PASSAGES = [
  {
    passageId: 'met-surgery',
    heading: 'Surgery for metastatic disease',
    text: 'Surgery to remove the primary tumor is not recommended when pancreatic cancer has spread to the liver. It has not been shown to help people live longer.',
  },
  {
    passageId: 'met-chemo',
    heading: 'Systemic therapy',
    text: 'Chemotherapy is the main treatment for pancreatic cancer that has spread. Palliative care is offered from the start.',
  },
  {
    passageId: 'met-trials',
    heading: 'Clinical trials',
    text: 'Clinical trials are an option for people with metastatic pancreatic cancer. A stent can relieve a blocked bile duct.',
  },
]

let payload: Payload
let rest: RestClient
let editorCookie: string
let cancerType: CancerType
let source: GuidelineSource

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  cancerType = await payload.create({
    collection: 'cancer-types',
    data: { name: unique('Pancreatic cancer'), reviewIntervalMonths: 12 },
    overrideAccess: true,
  })
  source = await payload.create({
    collection: 'guideline-sources',
    data: {
      publisher: 'nccn',
      title: 'Pancreatic adenocarcinoma',
      version: 'Version 2.2026',
      publicationDate: '2026-01-15',
      url: 'https://www.nccn.org/guidelines',
      cancerTypes: [cancerType.id],
      status: 'current',
      passages: PASSAGES,
    },
    overrideAccess: true,
  })
  editorCookie = await rest.login((await createUser(payload, { roles: ['editor'] })).email, PASSWORD)
})
afterAll(async () => {
  await stopPayload(payload)
  await fake.stop()
})
beforeEach(() => {
  fake.reset()
  fake.respond = modelReply()
})

type SentClaim = { id: string; cites: string[]; text: string }

/** The claims a verification request sent, as the model reads them. */
function sentClaims(request: RecordedRequest): SentClaim[] {
  const text: string = request.body.messages[0].content[0].text
  return [...text.matchAll(/<claim id="([^"]+)" part="[^"]*" cites="([^"]*)">\n([\s\S]*?)\n<\/claim>/g)].map((match) => ({
    id: match[1]!,
    cites: match[2]!.split(' ').filter(Boolean),
    text: match[3]!,
  }))
}

const isVerification = (request: RecordedRequest) => request.body?.tools?.[0]?.name === VERIFY_TOOL_NAME
const verificationRequests = () => fake.messageRequests().filter(isVerification)

/** A careful model: drafts with submit_draft; labels a claim that mentions "trial" partial, others supported. */
function modelReply(verdicts?: (claims: SentClaim[]) => unknown) {
  return (request: RecordedRequest): Reply => {
    if (!isVerification(request)) return fake.toolUse(request, 'submit_draft', validDraft(request))
    const claims = sentClaims(request)
    const input = verdicts
      ? verdicts(claims)
      : {
          verdicts: claims.map((claim) =>
            /trial/i.test(claim.text)
              ? { claimId: claim.id, verdict: 'partial', reason: 'The passage names trials but not who joins them.' }
              : { claimId: claim.id, verdict: 'supported', reason: 'The cited passage says this.' },
          ),
        }
    return fake.toolUse(request, VERIFY_TOOL_NAME, input)
  }
}

const cite = (passageId: string, quote?: string) => ({ source: source.id, passageId, ...(quote ? { quote } : {}) })
const cites = () => [cite('met-surgery'), cite('met-chemo'), cite('met-trials')]
const MARKDOWN = [
  '## Why surgery is not usually the first step',
  '',
  '- Removing the main tumor does not help people live longer once the cancer has spread. [1]',
  '- Chemotherapy is the main treatment. [2]',
  '',
  '## Rare exceptions',
  '',
  'Some people join clinical trials. [3] A stent can relieve a blocked bile duct. [3][1]',
  '',
  'Your team can tell you more about this.',
].join('\n')

const runVerification = () => payload.jobs.run({ queue: 'verification', limit: 50 })
const reread = async (id: Id) =>
  (await payload.findByID({ collection: 'answers', id, draft: true, depth: 0, overrideAccess: true })) as Answer
const flatClaims = (answer: Answer) => answerClaims(answer).flatMap((part) => part.claims)
const verificationJobs = async (answerId: Id) =>
  (
    await payload.find({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'verifyClaims' } }, { 'input.answerId': { equals: String(answerId) } }] },
      pagination: false,
      overrideAccess: true,
    })
  ).docs
const ledgerFor = async (answerId: Id) =>
  (
    await payload.find({
      collection: 'model-usage',
      where: { and: [{ answer: { equals: answerId } }, { purpose: { equals: 'verify' } }] },
      sort: 'createdAt',
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
  ).docs

async function citedDraft(): Promise<Answer> {
  return createCompleteDraft(
    payload,
    { cancerTypeId: cancerType.id, sourceId: source.id },
    {
      summary: 'Surgery is not the usual first treatment once pancreatic cancer has spread. Chemotherapy is used instead.',
      citations: [cite('met-surgery', 'Surgery to remove the primary tumor is not recommended')],
      body: await markdownWithCitations(payload.config, MARKDOWN, cites()),
    },
  )
}

describe('one verification call per answer version', () => {
  it('sends every cited claim with its passage keys and the cited passages as a cached prefix; stores verdicts by claim id; records the call in the ledger', async () => {
    const answer = await citedDraft()
    expect(await verificationJobs(answer.id)).toHaveLength(1)
    await runVerification()

    const requests = verificationRequests()
    expect(requests).toHaveLength(1)
    const body = requests[0]!.body
    expect(body.model).toBe('claude-sonnet-5')
    expect(body.tool_choice).toEqual({ type: 'tool', name: VERIFY_TOOL_NAME })
    expect(body.tools).toEqual([
      expect.objectContaining({ name: VERIFY_TOOL_NAME, input_schema: JSON.parse(JSON.stringify(verdictsJsonSchema)) }),
    ])
    expect(body.system[0]).toEqual({ type: 'text', text: VERIFY_RULES })
    expect(body.system[1].cache_control).toEqual({ type: 'ephemeral' })
    for (const passage of PASSAGES) {
      expect(body.system[1].text).toContain(`<passage key="${source.id}:${passage.passageId}"`)
      expect(body.system[1].text).toContain(passage.text)
    }
    // The claims are data in the user turn, never in the system prompt.
    expect(JSON.stringify(body.system)).not.toContain('Chemotherapy is the main treatment.\n')

    const stored = await reread(answer.id)
    const claims = flatClaims(stored)
    const cited = claims.filter((claim) => claim.citations.length > 0)
    const uncited = claims.filter((claim) => claim.citations.length === 0)
    expect(cited.length).toBeGreaterThanOrEqual(6)
    expect(uncited.map((claim) => claim.text)).toEqual(['Your team can tell you more about this.'])
    const sent = sentClaims(requests[0]!)
    expect(sent.map((claim) => claim.id)).toEqual(cited.map((claim) => claim.id))
    const stent = sent.find((claim) => claim.text === 'A stent can relieve a blocked bile duct.')!
    expect(stent.cites.sort()).toEqual([`${source.id}:met-surgery`, `${source.id}:met-trials`])

    const verification = currentClaimVerification(stored)!
    expect(verification).toMatchObject({ status: 'verified', contentHash: stored.contentHash, model: 'claude-sonnet-5' })
    expect(verification.reason).toBeUndefined()
    expect(verification.claims.map((claim) => claim.id)).toEqual(claims.map((claim) => claim.id))
    const verdictOf = (text: string) => verification.claims.find((claim) => claim.id === claims.find((c) => c.text === text)!.id)
    expect(verdictOf('Some people join clinical trials.')).toEqual({
      id: expect.any(String),
      verdict: 'partial',
      reason: 'The passage names trials but not who joins them.',
    })
    expect(verdictOf('Chemotherapy is the main treatment.')!.verdict).toBe('supported')
    expect(verdictOf('Your team can tell you more about this.')).toMatchObject({
      verdict: 'unsupported',
      reason: expect.stringMatching(/cites no passage/),
    })

    // The result is a server field: the content hash, authors and stage are as they were.
    expect(stored.contentHash).toBe(answer.contentHash)
    expect(stored.workflowStage).toBe(answer.workflowStage)
    expect(stored.authors).toEqual(answer.authors)
    // Storing it changed no content, so nothing new is queued.
    expect((await verificationJobs(answer.id)).filter((job) => !job.completedAt)).toHaveLength(0)

    const [row, ...more] = await ledgerFor(answer.id)
    expect(more).toHaveLength(0)
    expect(row).toMatchObject({ model: 'claude-sonnet-5', purpose: 'verify', outcome: 'used', question: relationId(answer.question) })
    expect(row!.promptVersion).toMatch(/^verify-/)
    expect(row!.requestId).toMatch(/^req_/)
    expect(row!.tokensCacheWrite).toBeGreaterThan(0)
    const expected = ((row!.tokensIn! + row!.tokensCacheWrite! * 1.25 + row!.tokensCacheRead! * 0.1) * 2 + row!.tokensOut! * 10) / 1e6
    expect(row!.costUsd).toBeCloseTo(expected, 5)
  })

  it('a human edit queues a check of the new content; running jobs stores a fresh result for the new hash, read from the prompt cache', async () => {
    const answer = await citedDraft()
    await runVerification()
    const before = await reread(answer.id)
    expect(currentClaimVerification(before)?.status).toBe('verified')

    const body = await markdownWithCitations(payload.config, `${MARKDOWN}\n\n- Palliative care is offered from the start. [2]`, cites())
    // The editor cannot write a verdict of their own: the field is server-set (dropped from the edit).
    const forged = { status: 'verified', contentHash: 'forged', checkedAt: new Date().toISOString(), claims: [] }
    const edited = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { body, claimVerification: forged },
    })
    expect(edited.status, edited.text).toBe(200)
    const after = await reread(answer.id)
    expect(after.claimVerification?.contentHash).toBe(before.contentHash)
    expect(after.contentHash).not.toBe(before.contentHash)
    // The old result no longer counts: it was made for other content.
    expect(currentClaimVerification(after)).toBeNull()
    const pending = (await verificationJobs(answer.id)).filter((job) => !job.completedAt)
    expect(pending).toHaveLength(1)
    expect(pending[0]!.input).toMatchObject({ contentHash: after.contentHash })

    await runVerification()
    expect(verificationRequests()).toHaveLength(2)
    expect(sentClaims(verificationRequests()[1]!).map((claim) => claim.text)).toContain('Palliative care is offered from the start.')
    const fresh = await reread(answer.id)
    const verification = currentClaimVerification(fresh)!
    expect(verification.status).toBe('verified')
    expect(verification.contentHash).toBe(after.contentHash)
    expect(verification.claims.map((claim) => claim.id)).toEqual(flatClaims(fresh).map((claim) => claim.id))
    expect(fresh.contentHash).toBe(after.contentHash)
    const rows = await ledgerFor(answer.id)
    expect(rows).toHaveLength(2)
    // Same citations, same passages: the prefix was read from the prompt cache at a tenth of the price.
    const recheck = rows[1]!
    expect(recheck.tokensCacheRead).toBeGreaterThan(0)
    expect(recheck.tokensCacheWrite).toBe(0)
  })

  it('the result is written without an edit: same version, same updatedAt, so an editor with the answer open is not told it changed', async () => {
    const answer = await citedDraft()
    const before = await reread(answer.id)
    const versions = async () =>
      (await payload.countVersions({ collection: 'answers', where: { parent: { equals: answer.id } } })).totalDocs
    const count = await versions()
    await runVerification()
    const after = await reread(answer.id)
    expect(currentClaimVerification(after)?.status).toBe('verified')
    // The admin's stale-data check compares the draft's updatedAt with the one the editor loaded.
    expect(after.updatedAt).toBe(before.updatedAt)
    expect(await versions()).toBe(count)
  })

  it('a check queued for content that has since changed is skipped without a model call', async () => {
    const answer = await citedDraft()
    const edited = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { summary: 'Surgery is rarely used once pancreatic cancer has spread.' },
    })
    expect(edited.status, edited.text).toBe(200)
    expect(await verificationJobs(answer.id)).toHaveLength(2)
    await runVerification()
    // Only the newest content is checked.
    expect(verificationRequests()).toHaveLength(1)
    const stored = await reread(answer.id)
    expect(currentClaimVerification(stored)?.contentHash).toBe(stored.contentHash)
  })

  it('an edit and its undo before the jobs run: the content they end with is paid for once', async () => {
    const answer = await citedDraft()
    const summary = answer.summary!
    const save = (text: string) =>
      payload.update({ collection: 'answers', id: answer.id, data: { summary: text }, draft: true, overrideAccess: true })
    await save(`${summary} Ask about trials.`)
    await save(summary)
    expect((await reread(answer.id)).contentHash).toBe(answer.contentHash)
    // Checks queued for A, B and A again: B is skipped (content moved on); the two A jobs run side
    // by side (the queue runs several at once) and both found no result for A when they started.
    expect(await verificationJobs(answer.id)).toHaveLength(3)
    fake.latencyMs = 300
    try {
      await runVerification()
    } finally {
      fake.latencyMs = 0
    }
    expect(verificationRequests()).toHaveLength(1)
    expect(await ledgerFor(answer.id)).toHaveLength(1)
    expect(currentClaimVerification(await reread(answer.id))?.status).toBe('verified')
  })

  it('three checks of one content at once, the first call failing: one more call, not two', async () => {
    const answer = await citedDraft()
    fake.latencyMs = 300
    fake.enqueue({ kind: 'json', status: 400, body: apiError('invalid_request_error', 'scripted failure') })
    const env = loadEnv()
    try {
      const outcomes = await Promise.all([1, 2, 3].map(() => verifyAnswerClaims(payload, env, answer.id, answer.contentHash!)))
      // The failed call leaves no verdicts: the next check calls again, and the third finds its result.
      expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['not_verified', 'verified', 'skipped'])
    } finally {
      fake.latencyMs = 0
    }
    expect(verificationRequests()).toHaveLength(2)
  })

  it('content that already has a current result is not paid for again', async () => {
    const answer = await citedDraft()
    await runVerification()
    expect(currentClaimVerification(await reread(answer.id))?.status).toBe('verified')
    fake.reset()
    fake.respond = modelReply()
    const summary = answer.summary!
    const save = (text: string) =>
      payload.update({ collection: 'answers', id: answer.id, data: { summary: text }, draft: true, overrideAccess: true })
    await save(`${summary} Ask about trials.`)
    await save(summary)
    // The result for this content went with it into the new version: current again.
    expect(currentClaimVerification(await reread(answer.id))?.status).toBe('verified')
    await runVerification()
    expect(verificationRequests()).toHaveLength(0)
    expect(await ledgerFor(answer.id)).toHaveLength(1)
  })

  it('the same sentence with the same citations twice is asked about once and verified', async () => {
    const answer = await createCompleteDraft(
      payload,
      { cancerTypeId: cancerType.id, sourceId: source.id },
      {
        citations: [cite('met-chemo', 'Chemotherapy is the main treatment')],
        body: await markdownWithCitations(
          payload.config,
          '## Treatment\n\nChemotherapy is the main treatment. [1]\n\n## Again\n\nChemotherapy is the main treatment. [1]',
          [cite('met-chemo')],
        ),
      },
    )
    await runVerification()
    const ids = sentClaims(verificationRequests()[0]!).map((claim) => claim.id)
    expect(new Set(ids).size).toBe(ids.length)
    const verification = currentClaimVerification(await reread(answer.id))!
    expect(verification).toMatchObject({ status: 'verified' })
    const verdictIds = verification.claims.map((claim) => claim.id)
    expect(new Set(verdictIds).size).toBe(verdictIds.length)
    expect(verdictIds).toEqual(expect.arrayContaining(ids))
  })

  it('an answer in review gets its result without counting as an edit', async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [cancerType.id] })
    const answer = await createCompleteDraft(
      payload,
      { cancerTypeId: cancerType.id, sourceId: source.id, questionStatus: 'in_review' },
      {
        body: await markdownWithCitations(payload.config, MARKDOWN, cites()),
        citations: [cite('met-chemo', 'Chemotherapy is the main treatment')],
        workflowStage: 'in_review',
        assignedReviewers: [reviewer.id],
      },
    )
    await runVerification()
    const stored = await reread(answer.id)
    expect(currentClaimVerification(stored)?.status).toBe('verified')
    expect(stored.workflowStage).toBe('in_review')
    expect(stored.contentHash).toBe(answer.contentHash)
    expect(stored.authors).toEqual(answer.authors)
  })
})

describe('a verifier that fails: the draft is saved, marked not verified with the reason', () => {
  async function draftThroughModel(): Promise<{ question: Question; answer: Answer }> {
    const question = await createQuestion(payload, cancerType.id, {
      text: `Is surgery an option once pancreatic cancer has spread to the liver? (${unique('q')})`,
    })
    const queued = await rest.post(`/questions/${question.id}/draft`, { cookie: editorCookie })
    expect(queued.status, queued.text).toBe(202)
    await payload.jobs.run({ queue: 'drafting', limit: 10 })
    const { docs } = await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 })
    expect(docs).toHaveLength(1)
    return { question, answer: docs[0]! }
  }

  async function verifyFailing(reply: (request: RecordedRequest) => Reply | Promise<Reply>) {
    const { answer } = await draftThroughModel()
    expect((await payload.findByID({ collection: 'questions', id: relationId(answer.question)! })).status).toBe('drafted')
    fake.respond = (request) => (isVerification(request) ? reply(request) : fake.toolUse(request, 'submit_draft', validDraft(request)))
    await runVerification()
    expect(verificationRequests()).toHaveLength(1)
    const stored = await reread(answer.id)
    // The draft is there as the drafter saved it.
    expect(stored.contentHash).toBe(answer.contentHash)
    expect(stored.provenance?.draftedBy).toBe('model')
    const verification = currentClaimVerification(stored)!
    expect(verification.status).toBe('not_verified')
    return { answer: stored, verification }
  }

  it('a model draft is checked after it is saved (one call for all its cited claims)', async () => {
    const { answer } = await draftThroughModel()
    expect(verificationRequests()).toHaveLength(0)
    await runVerification()
    expect(verificationRequests()).toHaveLength(1)
    const stored = await reread(answer.id)
    const cited = flatClaims(stored).filter((claim) => claim.citations.length > 0)
    expect(cited.length).toBeGreaterThan(0)
    expect(sentClaims(verificationRequests()[0]!).map((claim) => claim.id)).toEqual(cited.map((claim) => claim.id))
    expect(currentClaimVerification(stored)?.status).toBe('verified')
  })

  it('an API error', async () => {
    const { answer, verification } = await verifyFailing(() => ({
      kind: 'json',
      status: 500,
      body: apiError('api_error', 'Internal server error'),
    }))
    expect(verification.reason).toMatch(/Anthropic API returned an error \(500\): Internal server error/)
    expect(verification.claims).toEqual([])
    // No reply, nothing paid for: no ledger row.
    expect(await ledgerFor(answer.id)).toHaveLength(0)
  })

  it('a verifier that does not answer within CLAIM_VERIFY_TIMEOUT_MS', async () => {
    const started = Date.now()
    const { verification } = await verifyFailing((request) => ({ ...modelReply()(request), delayMs: 4000 }) as Reply)
    expect(verification.reason).toBe('The verification call did not answer within 1500 ms (CLAIM_VERIFY_TIMEOUT_MS).')
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('an invalid tool reply (a verdict outside the schema); the paid call is on the ledger as discarded', async () => {
    const { answer, verification } = await verifyFailing((request) =>
      fake.toolUse(request, VERIFY_TOOL_NAME, {
        verdicts: sentClaims(request).map((claim) => ({ claimId: claim.id, verdict: 'probably', reason: 'Looks fine.' })),
      }),
    )
    expect(verification.reason).toMatch(/did not match the expected form \(verdicts\.0\.verdict: /)
    const [row] = await ledgerFor(answer.id)
    expect(row).toMatchObject({ purpose: 'verify', outcome: 'discarded' })
  })

  it('a refusal', async () => {
    const { verification } = await verifyFailing((request) => fake.refusal(request))
    expect(verification.reason).toMatch(/declined to check these claims \(stop_reason: refusal\)/)
  })

  it('claims left out and unknown claim ids: those claims are marked not verified, the rest kept', async () => {
    const { answer, verification } = await verifyFailing((request) => {
      const [first] = sentClaims(request)
      return fake.toolUse(request, VERIFY_TOOL_NAME, {
        verdicts: [
          { claimId: first!.id, verdict: 'supported', reason: 'The passage says this.' },
          { claimId: 'ffffffffffffffff', verdict: 'supported', reason: 'Invented.' },
        ],
      })
    })
    const cited = flatClaims(answer).filter((claim) => claim.citations.length > 0)
    expect(cited.length).toBeGreaterThan(1)
    expect(verification.reason).toContain(`no verdict for ${cited.length - 1} of ${cited.length} claims`)
    expect(verification.reason).toMatch(/1 claim id\(s\) it was not asked about/)
    expect(verification.claims.find((claim) => claim.id === cited[0]!.id)).toMatchObject({ verdict: 'supported' })
    for (const claim of cited.slice(1))
      expect(verification.claims.find((item) => item.id === claim.id)).toMatchObject({
        verdict: 'unsupported',
        reason: expect.stringMatching(/^Not verified: the verifier returned no verdict/),
      })
    expect(verification.claims.some((claim) => claim.id === 'ffffffffffffffff')).toBe(false)
  })
})
