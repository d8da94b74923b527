/**
 * Issue 12: the workflow has one owner. A question's status and an answer's stage change only by
 * the workflow's transitions (src/lib/workflow/transitions.ts), never by typing them in.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, Question, User } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import { createAnswerInReview, createCancerType, createCompleteDraft, createQuestion, createSource, createUser, PASSWORD } from '../helpers/fixtures'
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
    const response = await rest.post('/questions', { cookie: editorCookie, json: { text: 'Is surgery possible after chemotherapy?', cancerType: typeId, status: 'published' } })
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
