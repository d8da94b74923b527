/** The data behind the review screen and the dashboards, read as each person would. */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { User } from '@/payload-types'
import { loadEditorDashboard, loadReviewQueue } from '@/lib/dashboard/loadDashboard'
import { loadReview } from '@/lib/review/loadReview'
import {
  createCancerType,
  createCompleteDraft,
  createQuestion,
  createSource,
  createUser,
  PASSWORD,
  approvalBody,
} from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'
import type { Id } from '@/lib/relationId'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let typeId: Id
let sourceId: Id
let reviewer: User
let other: User
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  typeId = (await createCancerType(payload)).id
  sourceId = (await createSource(payload, typeId)).id
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [typeId], name: 'Dr Assigned' })
  other = await createUser(payload, { roles: ['reviewer'], name: 'Dr Elsewhere' })
  const editor = await createUser(payload, { roles: ['editor'] })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const reqAs = async (user: User) => createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)

async function submittedDraft() {
  const draft = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
  expect((await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })).status).toBe(200)
  return draft
}

describe('review screen data', () => {
  it('the assigned reviewer sees the rendered draft and each citation beside its passage; others see nothing', async () => {
    const draft = await submittedDraft()
    // Over REST too: the assignment made at submission lets the reviewer read the draft, and only them.
    const cookie = await rest.login(reviewer.email, PASSWORD)
    expect((await rest.get(`/answers/${draft.id}?draft=true&depth=0`, { cookie })).body.title).toBe(draft.title)
    expect((await rest.get(`/answers/${draft.id}?draft=true&depth=0`, { cookie: await rest.login(other.email, PASSWORD) })).status).toBe(
      404,
    )
    const review = await loadReview(await reqAs(reviewer), String(draft.id))
    expect(review).not.toBeNull()
    expect(review!.answer.bodyHtml).toContain('<h2>Why</h2>')
    expect(review!.citations).toEqual([
      expect.objectContaining({
        quote: 'Paraphrased guidance',
        passageId: 'p-one',
        version: 'Version 1.2026',
        passage: 'Paraphrased guidance for p-one.',
      }),
    ])
    expect(review!.decisionRefusal).toBeNull()
    const editor = (await payload.find({ collection: 'users', where: { roles: { contains: 'editor' } }, limit: 1 })).docs[0] as User
    expect((await loadReview(await reqAs(editor), String(draft.id)))!.decisionRefusal).toBe('Only assigned reviewers record decisions.')
    expect(review!.diff).toBeNull()
    expect(await loadReview(await reqAs(other), String(draft.id))).toBeNull()
  })

  it('after changes were requested, the diff shows what the editor changed since', async () => {
    const draft = await submittedDraft()
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const sentBack = await rest.post(`/answers/${draft.id}/decision`, {
      cookie,
      json: { decision: 'request_changes', comment: 'Mention stents.' },
    })
    expect(sentBack.status, sentBack.text).toBe(201)
    // Sent back: the screen offers no decision, for the reason the server would give.
    expect((await loadReview(await reqAs(reviewer), String(draft.id)))!.decisionRefusal).toBe(
      'This answer is not awaiting review (its stage is "changes_requested").',
    )
    const edit = await rest.patch(`/answers/${draft.id}?draft=true`, {
      cookie: editorCookie,
      json: { keyTakeaway: 'Ask your team what fits you. A stent can relieve a blockage.' },
    })
    expect(edit.status, edit.text).toBe(200)
    expect((await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })).status).toBe(200)

    const review = await loadReview(await reqAs(reviewer), String(draft.id))
    expect(review!.diff!.against).toMatch(/^the version Dr Assigned sent back for changes on \d{4}-\d{2}-\d{2}$/)
    const added = review!
      .diff!.parts.filter((part) => part.change === 'added')
      .map((part) => part.text)
      .join('')
    expect(added).toContain('stent can relieve a blockage')
    expect(review!.diff!.parts.filter((part) => part.change === 'removed')).toEqual([])
    expect(review!.decisions).toEqual([
      expect.objectContaining({ reviewer: 'Dr Assigned', decision: 'request_changes', comment: 'Mention stents.', onThisVersion: false }),
    ])
  })

  it('a revision of a published answer routed to another reviewer: that reviewer reads the new draft, the first does not', async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const first = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr First' })
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    expect((await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    const firstCookie = await rest.login(first.email, PASSWORD)
    expect(
      (await rest.post(`/answers/${draft.id}/decision`, { cookie: firstCookie, json: await approvalBody(payload, draft.id) })).status,
    ).toBe(201)
    expect((await payload.findByID({ collection: 'answers', id: draft.id, depth: 0 }))._status).toBe('published')

    await payload.update({ collection: 'users', id: first.id, data: { active: false }, overrideAccess: true })
    const second = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Second' })
    const revised = 'A revised takeaway for the second review.'
    expect((await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { keyTakeaway: revised } })).status).toBe(200)
    const submitted = await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })
    expect(submitted.body.reviewers.map((reviewer: { name: string }) => reviewer.name)).toEqual(['Dr Second'])

    const secondCookie = await rest.login(second.email, PASSWORD)
    const read = await rest.get(`/answers/${draft.id}?draft=true&depth=0`, { cookie: secondCookie })
    expect(read.status).toBe(200)
    expect(read.body.keyTakeaway).toBe(revised)
    expect((await loadReview(await reqAs(second), String(draft.id)))!.diff!.against).toMatch(/^the version Dr First approved on /)
    await payload.update({ collection: 'users', id: first.id, data: { active: true }, overrideAccess: true })
    expect((await rest.get(`/answers/${draft.id}?draft=true&depth=0`, { cookie: await rest.login(first.email, PASSWORD) })).status).toBe(
      404,
    )
  })
})

describe('dashboards', () => {
  it('the reviewer queue lists only assigned answers in review, the review due soonest first', async () => {
    const first = await submittedDraft()
    const second = await submittedDraft()
    await payload.update({
      collection: 'answers',
      id: second.id,
      data: { reviewDueAt: '2020-01-01T00:00:00.000Z' },
      draft: true,
      overrideAccess: true,
      context: {},
    })
    const queue = await loadReviewQueue(payload, reviewer)
    const ids = queue.lines.map((line) => line.id)
    expect(ids).toContain(String(first.id))
    expect(ids).toContain(String(second.id))
    expect(ids.indexOf(String(second.id))).toBeLessThan(ids.indexOf(String(first.id)))
    // Past what the dashboard shows, the heading still counts every review waiting.
    const firstOnly = await loadReviewQueue(payload, reviewer, { shown: 1 })
    expect(firstOnly.lines.map((line) => line.id)).toEqual([ids[0]])
    expect(firstOnly.total).toBe(ids.length)
    expect(await loadReviewQueue(payload, other)).toEqual({ lines: [], total: 0 })
  })

  it('the editor dashboard counts stages and lists failed drafts and overdue reviews', async () => {
    const failed = await createQuestion(payload, typeId, { status: 'draft_failed' })
    await payload.update({
      collection: 'questions',
      id: failed.id,
      data: { draftFailureReason: 'The model did not answer in time.' },
      overrideAccess: true,
      context: {},
    })
    const dashboard = await loadEditorDashboard(payload)
    expect(dashboard.questionsByStatus.draft_failed).toBeGreaterThanOrEqual(1)
    expect(dashboard.answersByStage.in_review).toBeGreaterThanOrEqual(3)
    expect(dashboard.failed).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: String(failed.id), reason: 'The model did not answer in time.' })]),
    )
    expect(dashboard.overdue.answers.map((line) => line.due)).toContain('2020-01-01T00:00:00.000Z')
    expect(dashboard.spend).toEqual({ month: new Date().toISOString().slice(0, 7), calls: 0, costUsd: 0 })
  })
})
