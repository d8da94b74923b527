/**
 * Refusals say nothing about what is stored: an anonymous client or a reviewer trying to set an
 * answer's stage, a question's status or another account's privileged fields gets access control's
 * refusal whatever the stored value (the comparison made first was an oracle), and the evidence
 * changes' list of flagged answers (titles, stages) is for editors and admins.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import {
  PASSWORD,
  createAnswerInReview,
  createCancerType,
  createCompleteDraft,
  createQuestion,
  createSource,
  createUser,
} from '../helpers/fixtures'
import { RestClient, type RestResponse } from '../helpers/rest'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { missingId, startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let admin: User, editor: User, reviewerA: User, reviewerB: User, outsider: User
let inReview: Answer, draft: Answer
const cookies = {} as Record<'admin' | 'editor' | 'reviewerA' | 'reviewerB' | 'outsider', string>

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  reviewerA = await createUser(payload, { roles: ['reviewer'], name: 'Dr A', specialties: [type.id], maxOpenReviews: 7 })
  reviewerB = await createUser(payload, { roles: ['reviewer'], name: 'Dr B', specialties: [type.id] })
  outsider = await createUser(payload, { roles: ['reviewer'], name: 'Dr Outsider', specialties: [type.id] })
  for (const [key, person] of Object.entries({ admin, editor, reviewerA, reviewerB, outsider }))
    cookies[key as keyof typeof cookies] = await rest.login(person.email, PASSWORD)
  inReview = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewerA, reviewerB] })
  draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
})
afterAll(async () => stopPayload(payload))

/** What a caller can tell two responses apart by. */
const shape = (response: RestResponse) => ({ status: response.status, text: response.text })

describe('a refused write tells nothing about the document', () => {
  it("anonymous: PATCHing an answer's workflowStage does not reveal whether it exists or which stage it is in", async () => {
    // The public may not read unpublished answers nor any answer's workflow stage (README "Access control").
    expect((await rest.get(`/answers/${inReview.id}?draft=true`)).status).toBe(404)
    const guessRight = await rest.patch(`/answers/${inReview.id}`, { json: { workflowStage: 'in_review' } })
    const guessWrong = await rest.patch(`/answers/${inReview.id}`, { json: { workflowStage: 'approved' } })
    const noSuchAnswer = await rest.patch(`/answers/${missingId()}`, { json: { workflowStage: 'in_review' } })
    expect(guessRight.status).toBe(403)
    // Every refusal should be the same, whatever the stage is and whether the answer exists.
    expect(shape(guessRight)).toEqual(shape(guessWrong))
    expect(shape(guessWrong)).toEqual(shape(noSuchAnswer))
  })

  it("anonymous: PATCHing a question's status does not reveal whether it exists or its status", async () => {
    const question = await createQuestion(payload, type.id, { status: 'archived' })
    expect((await rest.get(`/questions/${question.id}`)).status).toBe(403)
    const guessRight = await rest.patch(`/questions/${question.id}`, { json: { status: 'archived' } })
    const guessWrong = await rest.patch(`/questions/${question.id}`, { json: { status: 'new' } })
    expect(shape(guessRight)).toEqual(shape(guessWrong))
  })

  it('a reviewer cannot learn the stage (or existence) of an answer not assigned to them', async () => {
    // Not assigned: the read is a 404, exactly like an unknown id.
    expect((await rest.get(`/answers/${draft.id}?draft=true`, { cookie: cookies.outsider })).status).toBe(404)
    const guessRight = await rest.patch(`/answers/${draft.id}`, { cookie: cookies.outsider, json: { workflowStage: 'draft' } })
    const guessWrong = await rest.patch(`/answers/${draft.id}`, { cookie: cookies.outsider, json: { workflowStage: 'in_review' } })
    expect(shape(guessRight)).toEqual(shape(guessWrong))
  })

  it("a reviewer (users: R(own)) cannot learn another account's roles, capacity or specialties by PATCHing them", async () => {
    // Reviewers read only their own account.
    expect((await rest.get(`/users/${admin.id}`, { cookie: cookies.reviewerB })).status).toBe(404)
    const isAdmin = await rest.patch(`/users/${admin.id}`, { cookie: cookies.reviewerB, json: { roles: ['admin'] } })
    const isEditor = await rest.patch(`/users/${admin.id}`, { cookie: cookies.reviewerB, json: { roles: ['editor'] } })
    expect(shape(isAdmin)).toEqual(shape(isEditor))
    // The same for a co-reviewer's capacity (maxOpenReviews 7 vs 5).
    const seven = await rest.patch(`/users/${reviewerA.id}`, { cookie: cookies.reviewerB, json: { maxOpenReviews: 7 } })
    const five = await rest.patch(`/users/${reviewerA.id}`, { cookie: cookies.reviewerB, json: { maxOpenReviews: 5 } })
    expect(shape(seven)).toEqual(shape(five))
  })
})

describe('evidence changes (reviewers read them all) and answers (reviewers read only their own)', () => {
  it('an unassigned reviewer does not learn the title and stage of a draft answer from an evidence change', async () => {
    const otherSource = await createSource(payload, type.id)
    const secret = await createCompleteDraft(
      payload,
      { cancerTypeId: type.id, sourceId: otherSource.id },
      { title: 'Unreleased draft: proton therapy for children' },
    )
    // The reviewer may not read this answer: a 404 like an unknown id.
    expect((await rest.get(`/answers/${secret.id}?draft=true`, { cookie: cookies.outsider })).status).toBe(404)
    // An editor corrects the cited passage; the lifecycle job flags the answers citing it.
    const current = (await payload.findByID({ collection: 'guideline-sources', id: otherSource.id, depth: 0 })) as GuidelineSource
    const passages = (current.passages ?? []).map((p) => (p.passageId === 'p-one' ? { ...p, text: 'Corrected guidance for p-one.' } : p))
    expect((await rest.patch(`/guideline-sources/${otherSource.id}`, { cookie: cookies.editor, json: { passages } })).status).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })

    const changes = await rest.get(`/evidence-changes?where[source][equals]=${otherSource.id}`, { cookie: cookies.outsider })
    expect(changes.status).toBe(200)
    expect(changes.body.docs).toHaveLength(1)
    expect(changes.text).not.toContain('Unreleased draft: proton therapy for children')
  })
})
