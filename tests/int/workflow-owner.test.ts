/**
 * Issue 12: the workflow has one owner. A question's status and an answer's stage change only by
 * the workflow's transitions (src/lib/workflow/transitions.ts), never by typing them in.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, Question, User } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import {
  createAnswerInReview,
  createCancerType,
  createCompleteDraft,
  createQuestion,
  createSource,
  createUser,
  PASSWORD,
} from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let editorCookie: string
let typeId: Id
let sourceId: Id
let reviewer: User

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  const type = await createCancerType(payload)
  typeId = type.id
  sourceId = (await createSource(payload, type.id)).id
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Owner' })
  const editor = await createUser(payload, { roles: ['editor'] })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const question = async (id: Id) => (await payload.findByID({ collection: 'questions', id, depth: 0 })) as Question
const answer = async (id: Id) => (await payload.findByID({ collection: 'answers', id, depth: 0, draft: true })) as Answer
const message = (response: { body: { errors?: { message: string }[] } }) => response.body.errors?.[0]?.message ?? ''

describe("a question's status is derived, not typed in", () => {
  it('PATCH with another status is refused (403, with what to do instead) and changes nothing', async () => {
    const inReview = await createAnswerInReview(payload, { cancerTypeId: typeId, sourceId, reviewers: [reviewer] })
    const questionId = relationId(inReview.question)!
    for (const status of ['new', 'published', 'archived']) {
      const response = await rest.patch(`/questions/${questionId}`, { cookie: editorCookie, json: { status } })
      expect(response.status).toBe(403)
      expect(message(response)).toMatch(/cannot be set by hand.*backlog/)
    }
    expect((await question(questionId)).status).toBe('in_review')
    // With it unchanged (as the admin form sends it), the rest of the edit is saved.
    const edit = await rest.patch(`/questions/${questionId}`, { cookie: editorCookie, json: { status: 'in_review', notes: 'Checked.' } })
    expect(edit.status).toBe(200)
    expect((await question(questionId)).notes).toBe('Checked.')
  })

  it('creating a question with a status other than "new" is refused', async () => {
    const response = await rest.post('/questions', {
      cookie: editorCookie,
      json: { text: 'Is surgery possible after chemotherapy?', cancerType: typeId, status: 'published' },
    })
    expect(response.status).toBe(403)
  })

  it("an answer's stage cannot be set over REST either", async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    const response = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { workflowStage: 'published' } })
    expect(response.status).toBe(403)
    expect((await answer(draft.id)).workflowStage).toBe('draft')
  })

  it('archive and reopen are backlog actions; reopening brings a question with a draft back to "drafted"', async () => {
    const fresh = await createQuestion(payload, typeId)
    const drafted = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    const ids = [fresh.id, relationId(drafted.question)!]
    expect((await rest.post('/questions/bulk', { cookie: editorCookie, json: { action: 'archive', ids } })).body.done).toHaveLength(2)
    expect((await question(fresh.id)).status).toBe('archived')
    const reopened = await rest.post('/questions/bulk', { cookie: editorCookie, json: { action: 'reopen', ids } })
    expect(reopened.body.done).toHaveLength(2)
    expect((await question(fresh.id)).status).toBe('new')
    expect((await question(relationId(drafted.question)!)).status).toBe('drafted')
    const again = await rest.post('/questions/bulk', { cookie: editorCookie, json: { action: 'reopen', ids: [fresh.id] } })
    expect(again.body.refused[0].reason).toMatch(/not archived or a duplicate/)
  })

  it('submitting moves the answer and its question together; drafting over it is refused', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    const submitted = await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })
    expect(submitted.status).toBe(200)
    expect((await answer(draft.id)).workflowStage).toBe('in_review')
    expect((await question(relationId(draft.question)!)).status).toBe('in_review')
    // Drafting over an answer in review is refused (the status can no longer be forced to "new").
    const redraft = await rest.post(`/questions/${relationId(draft.question)}/draft`, { cookie: editorCookie })
    expect(redraft.status).toBe(409)
  })
})

describe("every transition is in the answer's history", () => {
  it('who, when, from, to and why, for submission and a request for changes', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    expect((await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    const reviewerCookie = await rest.login(reviewer.email, PASSWORD)
    const decision = await rest.post(`/answers/${draft.id}/decision`, {
      cookie: reviewerCookie,
      json: { decision: 'request_changes', comment: 'Name the guideline version.' },
    })
    expect(decision.status).toBe(201)
    const { docs } = await payload.find({
      collection: 'workflow-events',
      where: { answer: { equals: draft.id } },
      sort: 'createdAt',
      depth: 0,
    })
    expect(docs.map((e) => [e.event, e.from, e.to])).toEqual([
      ['submit', 'draft', 'in_review'],
      ['request_changes', 'in_review', 'changes_requested'],
    ])
    expect(docs[0]).toMatchObject({ byName: 'Test User', why: 'Routed to Dr Owner.' })
    expect(docs[1]).toMatchObject({ byName: 'Dr Owner', by: reviewer.id, why: 'Dr Owner: Name the guideline version.' })
    const history = await rest.get(`/answers/${draft.id}/history`, { cookie: editorCookie })
    const transitions = history.body.events
      .filter((e: { kind: string }) => e.kind === 'transition')
      .map((e: { summary: string }) => e.summary)
    expect(transitions).toEqual([
      'Dr Owner: In review → Changes requested (request changes): Dr Owner: Name the guideline version.',
      'Test User: Draft → In review (submit): Routed to Dr Owner.',
    ])
    // The record is the workflow's: nobody writes it over REST.
    expect(
      (
        await rest.post('/workflow-events', {
          cookie: editorCookie,
          json: { event: 'publish', from: 'draft', to: 'published', byName: 'x' },
        })
      ).status,
    ).toBe(403)
  })
})

describe('one answer per question', () => {
  it('a second answer for a question is refused with 409, naming the first; nothing is saved', async () => {
    const first = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    const questionId = relationId(first.question)!
    const before = (await payload.count({ collection: 'answers', where: { question: { equals: questionId } } })).totalDocs
    const second = await rest.post('/answers?draft=true', {
      cookie: editorCookie,
      json: { question: questionId, title: 'Another answer to the same question', cancerType: typeId },
    })
    expect(second.status).toBe(409)
    expect(message(second)).toContain(`already has an answer ("${first.title}", id ${first.id})`)
    expect((await payload.count({ collection: 'answers', where: { question: { equals: questionId } } })).totalDocs).toBe(before)
    // Moving another answer onto that question is refused the same way.
    const other = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    const moved = await rest.patch(`/answers/${other.id}?draft=true`, { cookie: editorCookie, json: { question: questionId } })
    expect(moved.status).toBe(409)
  })

  it('the database itself refuses a second answer for a question (a race past the hook cannot make two)', async () => {
    const first = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    const questionId = relationId(first.question)!
    // payload.db writes skip every hook, as two saves racing past keepOneAnswerPerQuestion would.
    await expect(
      payload.db.create({
        collection: 'answers',
        data: { question: questionId, title: 'A racing second answer', cancerType: typeId, workflowStage: 'draft', _status: 'draft' },
      }),
    ).rejects.toThrow()
    expect((await payload.count({ collection: 'answers', where: { question: { equals: questionId } } })).totalDocs).toBe(1)
  })
})
