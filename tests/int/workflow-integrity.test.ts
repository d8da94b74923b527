/**
 * Issue 12, found by an independent review after the review lock landed: routes around the lock and
 * around the single writer, each reproduced first and now refused or kept in step.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, Question, User } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import { PASSWORD, createCancerType, createCompleteDraft, createQuestion, createSource, createUser, unique } from '../helpers/fixtures'
import { RestClient, errorMessage } from '../helpers/rest'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let editor: User
let admin: User
let editorCookie: string
let adminCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
  editorCookie = await rest.login(editor.email, PASSWORD)
  adminCookie = await rest.login(admin.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 }) as Promise<Answer>
const statusOf = async (id: Id) => ((await payload.findByID({ collection: 'questions', id, depth: 0 })) as Question).status

async function inReview() {
  const type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: unique('Dr Holder') })
  const answer = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
  const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
  expect(submitted.status, submitted.text).toBe(200)
  expect((await latest(answer.id)).workflowStage).toBe('in_review')
  return { type, source, reviewer, answer, questionId: relationId(answer.question)! }
}

describe('deleting answers', () => {
  it('an answer in review cannot be deleted, by an editor or an admin (409 naming the reviewer); nothing changes', async () => {
    const { answer, reviewer, questionId } = await inReview()
    for (const cookie of [editorCookie, adminCookie]) {
      const deleted = await rest.delete(`/answers/${answer.id}`, { cookie })
      expect(deleted.status).toBe(409)
      expect(errorMessage(deleted)).toContain(`in review by ${reviewer.name}`)
      expect(errorMessage(deleted)).toContain('Withdraw it from review before deleting it')
    }
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    expect(await statusOf(questionId)).toBe('in_review')
  })

  it('deleting a draft leaves its question "new" again, so it can be drafted', async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const answer = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    const questionId = relationId(answer.question)!
    expect(await statusOf(questionId)).toBe('drafted')
    expect((await rest.delete(`/answers/${answer.id}`, { cookie: editorCookie })).status).toBe(200)
    expect(await statusOf(questionId)).toBe('new')
  })
})

describe('workflow flags stay with their own write', () => {
  it('server code reusing a req after a routing step is still refused by the lock', async () => {
    const held = await inReview()
    const otherType = await createCancerType(payload)
    const otherSource = await createSource(payload, otherType.id)
    const waiting = await createCompleteDraft(payload, { cancerTypeId: otherType.id, sourceId: otherSource.id, editorId: editor.id })
    expect((await rest.post(`/answers/${waiting.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    expect((await latest(waiting.id)).workflowStage).toBe('awaiting_reviewer')

    const req = await createLocalReq({ user: admin }, payload)
    // A new reviewer for that cancer type routes the waiting answer, with this req.
    await payload.create({
      collection: 'users',
      data: {
        email: `${unique('late')}@example.org`,
        password: PASSWORD,
        name: 'Dr Late',
        roles: ['reviewer'],
        specialties: [otherType.id],
        // Issue 14: only reviewers with verified credentials are routed.
        credentialsVerifiedOn: new Date().toISOString(),
      },
      req,
    })
    expect((await latest(waiting.id)).workflowStage).toBe('in_review')
    expect(req.context).not.toHaveProperty('routing')
    await expect(
      payload.update({
        collection: 'answers',
        id: held.answer.id,
        data: { summary: 'Changed by server code after routing.' },
        draft: true,
        req,
      }),
    ).rejects.toThrow(/in review by/)
    expect((await latest(held.answer.id)).summary).toBe(held.answer.summary)
  })
})

describe('a question and its answer stay in step', () => {
  it('the answer of an archived question cannot be submitted; reopening it follows the answer', async () => {
    const { answer, questionId } = await inReview()
    expect((await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie: editorCookie, json: {} })).status).toBe(200)
    expect((await rest.post('/questions/bulk', { cookie: editorCookie, json: { action: 'archive', ids: [questionId] } })).status).toBe(200)
    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(submitted.status).toBe(409)
    expect(errorMessage(submitted)).toBe('This answer cannot be submitted: its question is archived; reopen the question first.')
    expect((await latest(answer.id)).workflowStage).toBe('draft')
    expect(await statusOf(questionId)).toBe('archived')

    expect((await rest.post('/questions/bulk', { cookie: editorCookie, json: { action: 'reopen', ids: [questionId] } })).status).toBe(200)
    expect(await statusOf(questionId)).toBe('drafted')
    expect((await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    expect(await statusOf(questionId)).toBe('in_review')
  })

  it('an answer written by hand moves its question to "drafted"', async () => {
    const type = await createCancerType(payload)
    const question = await createQuestion(payload, type.id)
    expect(question.status).toBe('new')
    const created = await rest.post('/answers?draft=true', {
      cookie: editorCookie,
      json: { question: question.id, title: 'A hand-written answer to this question', cancerType: type.id, summary: 'Hand written.' },
    })
    expect(created.status, created.text).toBe(201)
    expect(await statusOf(question.id)).toBe('drafted')
  })
})

describe('the passages a reviewer checks claims against', () => {
  it('a cited passage cannot be rewritten while the answer citing it is in review (409 naming answer and reviewer)', async () => {
    const { answer, reviewer, source } = await inReview()
    const current = await payload.findByID({ collection: 'guideline-sources', id: source.id, depth: 0 })
    const rewrite = (passageId: string, text: string) =>
      rest.patch(`/guideline-sources/${source.id}`, {
        cookie: editorCookie,
        json: {
          passages: (current.passages ?? []).map((passage) => ({
            ...passage,
            text: passage.passageId === passageId ? text : passage.text,
          })),
        },
      })
    const refused = await rewrite('p-one', 'Rewritten: this guidance now says the opposite.')
    expect(refused.status).toBe(409)
    expect(errorMessage(refused)).toContain(`Passage p-one is cited by "${answer.title}", which is in review by ${reviewer.name}`)
    const after = await payload.findByID({ collection: 'guideline-sources', id: source.id, depth: 0 })
    expect(after.passages).toEqual(current.passages)
    // p-two, which the answer does not cite, can still be corrected.
    expect((answer.citations ?? []).map((citation) => citation.passageId)).toEqual(['p-one'])
    expect((await rewrite('p-two', 'Paraphrased guidance for p-two, corrected.')).status).toBe(200)
  })
})

describe('custom endpoints take only what they document', () => {
  it('months must be plain digits; nested query keys and a null withdraw body are 400s', async () => {
    for (const query of ['months=0x10', 'months=1e1', 'months[a]=1', 'months=%2012'])
      expect((await rest.get(`/model-usage/monthly?${query}`, { cookie: editorCookie })).status, query).toBe(400)
    expect((await rest.get('/model-usage/monthly?months=3', { cookie: editorCookie })).status).toBe(200)
    const { answer } = await inReview()
    const nullBody = await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie: editorCookie, json: null })
    expect(nullBody.status).toBe(400)
    expect((await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie: editorCookie })).status).toBe(200)
  })

  it('deleting an answered question says what to do, and it is what the backlog offers', async () => {
    const { questionId } = await inReview()
    const deleted = await rest.delete(`/questions/${questionId}`, { cookie: editorCookie })
    expect(deleted.status).toBe(409)
    expect(errorMessage(deleted)).toBe('This question has an answer. Archive it from the backlog instead of deleting it.')
  })
})
