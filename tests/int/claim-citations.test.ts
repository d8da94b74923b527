/**
 * Issue 13, "claims end to end": citation nodes in the answer's rich text, saved over REST the way
 * the admin editor saves them, checked on every save (exact quote, existing passage), listed with
 * the answer's citations so every rule that asks "who cites this passage?" sees them, and checked
 * claim by claim.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer } from '@/payload-types'
import { markdownToLexical } from '@/lib/richText'
import { markdownWithCitations } from '@/lib/claims/markers'
import { answerClaims } from '@/lib/claims/answerClaims'
import { proposeClaimCitations } from '@/lib/claims/proposeClaimCitations'
import { inNewTransaction } from '@/lib/transaction'
import { createAnswerInReview, createCancerType, createCompleteDraft, createUser, PASSWORD } from '../helpers/fixtures'
import { errorMessage, RestClient } from '../helpers/rest'
import type { Id } from '@/lib/relationId'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { DRAFTER: 'auto', JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

const STENTS =
  'A stent placed during an endoscopy can relieve a blocked bile duct without a large operation. Surgical bypass may be considered for some people with a blocked bile duct.'
const SURGERY = 'Removing the tumor with surgery is generally not recommended once pancreatic cancer has spread to the liver.'

let payload: Payload
let rest: RestClient
let typeId: Id
let sourceId: Id
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  typeId = (await createCancerType(payload)).id
  sourceId = (
    await payload.create({
      collection: 'guideline-sources',
      data: {
        publisher: 'nccn',
        title: 'Claim guideline',
        version: 'Version 1.2026',
        publicationDate: '2026-01-15',
        url: 'https://www.nccn.org/guidelines',
        cancerTypes: [typeId],
        status: 'current',
        passages: [
          { passageId: 'p-one', heading: 'Stents', text: STENTS },
          { passageId: 'p-two', heading: 'Surgery', text: SURGERY },
        ],
      },
      overrideAccess: true,
    })
  ).id
  editorCookie = await rest.login((await createUser(payload, { roles: ['editor'] })).email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const stent = () => ({ source: sourceId, passageId: 'p-one', quote: 'can relieve a blocked bile duct' })
const surgery = () => ({ source: sourceId, passageId: 'p-two', quote: 'generally not recommended' })
const bodyWith = (markdown: string, citations: { source: Id; passageId: string; quote?: string }[]) =>
  markdownWithCitations(payload.config, markdown, citations)
/** A complete draft whose body cites its one claim (the fixture's default cites a passage this source lacks). */
const draftWith = async (overrides: Partial<Answer> = {}) =>
  createCompleteDraft(
    payload,
    { cancerTypeId: typeId, sourceId },
    {
      summary: 'A stent can relieve a blocked bile duct without a large operation.',
      body: await bodyWith('## Why\n\nA stent can relieve a blocked bile duct. [1]', [stent()]),
      citations: [stent()],
      ...overrides,
    },
  )
const reread = async (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0, overrideAccess: true })
const rows = (answer: Answer) => (answer.citations ?? []).map((row) => [row.passageId, Boolean(row.claimCitation)])

describe('citation nodes saved like the admin editor saves them', () => {
  it("are listed with the answer's citations, marked as claim citations, and follow the body when a node is removed", async () => {
    const draft = await draftWith()
    const body = await bodyWith('## Why\n\nSurgery is generally not recommended once the cancer has spread to the liver. [1]', [surgery()])
    const saved = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { body } })
    expect(saved.status, saved.text).toBe(200)
    expect(rows(await reread(draft.id))).toEqual([
      ['p-one', false],
      ['p-two', true],
    ])

    const uncited = await markdownToLexical(payload.config, '## Why\n\nSurgery is generally not recommended once the cancer has spread.')
    expect((await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { body: uncited } })).status).toBe(200)
    const after = await reread(draft.id)
    expect(rows(after)).toEqual([['p-one', false]])
    expect(after.safetyWarnings).toContainEqual(
      expect.objectContaining({
        code: 'uncited_claim',
        where: 'section "Why"',
        claim: 'Surgery is generally not recommended once the cancer has spread.',
      }),
    )
  })

  it('a node naming a passage that does not exist, or quoting words the passage does not hold, is a 400 naming it; nothing is saved', async () => {
    const draft = await draftWith()
    const before = await reread(draft.id)
    const missing = await bodyWith('## Why\n\nA claim. [1]', [{ source: sourceId, passageId: 'p-invented' }])
    const refused = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { body: missing } })
    expect(refused.status, refused.text).toBe(400)
    expect(errorMessage(refused)).toBe('A citation in the body: passage "p-invented" is not in "Claim guideline" (Version 1.2026).')

    const invented = await bodyWith('## Why\n\nA stent helps. [1]', [
      { source: sourceId, passageId: 'p-one', quote: 'a stent always works' },
    ])
    const refusedQuote = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { body: invented } })
    expect(refusedQuote.status).toBe(400)
    expect(errorMessage(refusedQuote)).toContain('A citation in the body: the quote "a stent always works" is not in passage "p-one"')
    expect((await reread(draft.id)).body).toEqual(before.body)
  })

  it('each body claim is checked against its own passages: a claim citing a passage that does not say it is unsupported', async () => {
    const body = await bodyWith(
      '## Why\n\nA stent can relieve a blocked bile duct without a large operation. [1]\n\nChemotherapy shrinks the tumor in most people. [1]',
      [stent()],
    )
    const draft = await draftWith({ body })
    const flags = (draft.safetyWarnings ?? []).filter((flag) => flag.code === 'unsupported_claim')
    expect(flags.map((flag) => flag.claim)).toEqual(['Chemotherapy shrinks the tumor in most people.'])
  })

  it('a passage cited only by a claim in the body is protected like any cited passage while its answer is in review', async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [typeId] })
    const body = await bodyWith('## Why\n\nSurgery is generally not recommended once the cancer has spread to the liver. [1]', [surgery()])
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: typeId, sourceId, reviewers: [reviewer] },
      { body, citations: [stent()] },
    )
    expect(rows(answer)).toEqual([
      ['p-one', false],
      ['p-two', true],
    ])
    const source = await payload.findByID({ collection: 'guideline-sources', id: sourceId, depth: 0, overrideAccess: true })
    const rewritten = (source.passages ?? []).map((passage) =>
      passage.passageId === 'p-two' ? { ...passage, text: 'Surgery is often recommended.' } : passage,
    )
    const adminCookie = await rest.login((await createUser(payload, { roles: ['admin'] })).email, PASSWORD)
    const refused = await rest.patch(`/guideline-sources/${sourceId}`, { cookie: adminCookie, json: { passages: rewritten } })
    expect(refused.status, refused.text).toBe(409)
    expect(errorMessage(refused)).toContain('Passage p-two is cited by')
  })

  it('the offline drafter cites claim by claim: every bullet carries the node of the passage it comes from', async () => {
    const question = await payload.create({
      collection: 'questions',
      data: {
        text: 'Can a stent or surgery help a blocked bile duct when pancreatic cancer has spread to the liver?',
        cancerType: typeId,
        priority: 'normal',
        origin: 'editorial',
        status: 'new',
        submittedAt: new Date().toISOString(),
      },
      overrideAccess: true,
    })
    const queued = await rest.post('/questions/draft', { cookie: editorCookie, json: { ids: [question.id] } })
    expect(queued.status, queued.text).toBe(202)
    await payload.jobs.run({ queue: 'drafting', limit: 10 })
    const { docs } = await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 })
    const answer = docs[0] as Answer
    const drafted = await payload.findByID({ collection: 'questions', id: question.id, depth: 0, overrideAccess: true })
    expect(answer, `no draft: question ${drafted.status}, ${drafted.draftFailureReason}`).toBeDefined()
    expect(answer.safetyWarnings?.filter((flag) => flag.code === 'uncited_claim')).toEqual([])
    expect((answer.citations ?? []).some((row) => row.claimCitation)).toBe(true)
  })

  it('answers written before claim citations get proposed ones, after the claims the passages support; answers in review are left alone', async () => {
    const oldBody = await markdownToLexical(
      payload.config,
      '## Why\n\nSurgery is generally not recommended once pancreatic cancer has spread to the liver. A stent can relieve a blocked bile duct without a large operation.\n\n- Ask your care team what fits you.',
    )
    const old = await draftWith({ body: oldBody, citations: [stent(), surgery()] })
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [typeId] })
    const locked = await createAnswerInReview(
      payload,
      { cancerTypeId: typeId, sourceId, reviewers: [reviewer] },
      { body: oldBody, citations: [stent()] },
    )

    const report = await inNewTransaction(payload, (req) => proposeClaimCitations(req))
    expect(report.proposed).toBeGreaterThanOrEqual(1)
    expect(report.skippedInReview).toBeGreaterThanOrEqual(1)

    const parts = answerClaims(await reread(old.id))
    const why = parts.find((part) => part.part === 'Why')!
    expect(why.claims.map((claim) => [claim.text, claim.citations.map((cite) => cite.passageId)])).toEqual([
      ['Surgery is generally not recommended once pancreatic cancer has spread to the liver.', ['p-two']],
      ['A stent can relieve a blocked bile duct without a large operation.', ['p-one']],
      ['Ask your care team what fits you.', []],
    ])
    expect((await reread(locked.id)).body).toEqual(locked.body)
    const again = await inNewTransaction(payload, (req) => proposeClaimCitations(req))
    expect(again.proposed).toBe(0)
  })
})
