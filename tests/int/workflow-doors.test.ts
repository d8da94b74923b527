/**
 * The answer workflow's state holds whatever door a save comes through: a bulk edit without
 * draft=true and Payload's locale flags are refused, a review an admin ends tells its reviewer, an
 * answer stays with its question, a restored version's question follows it, and malformed query
 * JSON is a 400.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import { PASSWORD, approveAs, createCancerType, createCompleteDraft, createQuestion, createSource, createUser } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let admin: User, editor: User, reviewer: User
let editorCookie: string, adminCookie: string, reviewerCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Rev' })
  editorCookie = await rest.login(editor.email, PASSWORD)
  adminCookie = await rest.login(admin.email, PASSWORD)
  reviewerCookie = await rest.login(reviewer.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 }) as Promise<Answer>
const questionStatus = async (id: Id) => (await payload.findByID({ collection: 'questions', id, depth: 0 })).status
const versionsOf = async (id: Id) =>
  (await payload.findVersions({ collection: 'answers', where: { parent: { equals: id } }, sort: 'createdAt', pagination: false, depth: 0 }))
    .docs
const EDITED = 'Edited before review: ask your team what fits you.'

/** A draft edited by the editor (a draft save: versions only), then submitted over REST: in review. */
async function submittedAnswer(): Promise<Answer> {
  const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
  const edited = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { keyTakeaway: EDITED } })
  expect(edited.status, edited.text).toBe(200)
  const submitted = await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })
  expect(submitted.status, submitted.text).toBe(200)
  const answer = await latest(draft.id)
  expect(answer.workflowStage).toBe('in_review')
  return answer
}

async function liveAnswer(): Promise<Answer> {
  const answer = await submittedAnswer()
  await approveAs(payload, reviewer, answer.id)
  const live = await payload.findByID({ collection: 'answers', id: answer.id, depth: 0, draft: false })
  expect(live._status).toBe('published')
  return live as Answer
}

describe('a bulk PATCH without draft=true (Payload builds it from the main row, not the newest version)', () => {
  it('is refused with 400: an answer in review keeps its stage, its edits and its question; with draft=true it is saved', async () => {
    const answer = await submittedAnswer()
    // highRisk is outside the review lock (raising it is explicitly allowed while in review).
    const response = await rest.patch(`/answers?where[id][equals]=${answer.id}`, { cookie: editorCookie, json: { highRisk: true } })
    expect(response.status, response.text).toBe(400)
    expect(response.text).toContain('A bulk edit of answers must be saved as drafts (draft=true)')
    const after = await latest(answer.id)
    const events = (await payload.find({ collection: 'workflow-events', where: { answer: { equals: answer.id } }, pagination: false })).docs
    const question = await questionStatus(relationId(answer.question)!)
    expect({
      stage: after.workflowStage,
      keyTakeaway: after.keyTakeaway,
      highRisk: after.highRisk,
      question,
      events: events.length,
    }).toEqual({
      stage: 'in_review',
      keyTakeaway: EDITED,
      highRisk: false,
      question: 'in_review',
      events: 1,
    })
    const asDraft = await rest.patch(`/answers?draft=true&where[id][equals]=${answer.id}`, {
      cookie: editorCookie,
      json: { highRisk: true },
    })
    expect(asDraft.status, asDraft.text).toBe(200)
    expect(await latest(answer.id)).toMatchObject({ workflowStage: 'in_review', keyTakeaway: EDITED, highRisk: true })
  })

  it('a rejected answer becomes submittable again with the very content that was rejected', async () => {
    const answer = await submittedAnswer()
    const rejected = await rest.post('/approvals', {
      cookie: reviewerCookie,
      json: {
        answer: answer.id,
        decision: 'reject',
        comment: 'This is wrong in several places.',
        attestation: true,
        contentHash: answer.contentHash,
      },
    })
    expect(rejected.status, rejected.text).toBe(201)
    expect((await latest(answer.id)).workflowStage).toBe('rejected')
    expect((await rest.patch(`/answers?where[id][equals]=${answer.id}`, { cookie: editorCookie, json: {} })).status).toBe(400)
    const resubmitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(resubmitted.status, resubmitted.text).toBe(409)
  })
})

describe("Payload's locale flags (the site has one language)", () => {
  it('?unpublishAllLocales=true, which rewrote the published version record in place, is dropped: the history keeps it', async () => {
    const live = await liveAnswer()
    const before = await versionsOf(live.id)
    const publishedVersion = before.find((version) => version.version._status === 'published')!
    expect(publishedVersion).toBeDefined()
    const saved = await rest.patch(`/answers/${live.id}?draft=true&unpublishAllLocales=true`, {
      cookie: editorCookie,
      json: { summary: 'An unreviewed rewrite of the direct answer.' },
    })
    // Saved as the draft it is, over the newest version; the published record stays.
    expect(saved.status, saved.text).toBe(200)
    expect((await latest(live.id)).summary).toBe('An unreviewed rewrite of the direct answer.')
    const kept = (await versionsOf(live.id)).find((version) => version.id === publishedVersion.id)!
    expect({ status: kept.version._status, summary: kept.version.summary }).toEqual({
      status: 'published',
      summary: publishedVersion.version.summary,
    })
  })
})

describe("the admin's own buttons", () => {
  it("the admin document view's Unpublish (it sends unpublishAllLocales=true) takes a live answer offline", async () => {
    const live = await liveAnswer()
    const offline = await rest.patch(`/answers/${live.id}?depth=0&fallback-locale=null&unpublishAllLocales=true`, {
      cookie: adminCookie,
      json: { _status: 'draft' },
    })
    expect(offline.status, offline.text).toBe(200)
    expect((await payload.findByID({ collection: 'answers', id: live.id, depth: 0, draft: false }))._status).toBe('draft')
  })

  it('a bulk edit that sets a slug is refused (every answer would get the same address)', async () => {
    const [a, b] = [await submittedAnswer(), await submittedAnswer()]
    const bulk = await rest.patch(`/answers?draft=true&where[id][in]=${a.id},${b.id}`, {
      cookie: editorCookie,
      json: { slug: 'one-address' },
    })
    expect(bulk.status, bulk.text).toBe(400)
    expect(bulk.text).toContain("An answer's slug is its own public address: set it on one answer at a time")
    expect([(await latest(a.id)).slug, (await latest(b.id)).slug]).toEqual([a.slug, b.slug])
  })
})

describe('a review an admin ends tells its reviewer', () => {
  it('an admin taking the live answer offline ends the review of its new version: the reviewer is told', async () => {
    const live = await liveAnswer()
    const revised = await rest.patch(`/answers/${live.id}?draft=true`, {
      cookie: editorCookie,
      json: { keyTakeaway: 'A second revision for review.' },
    })
    expect(revised.status, revised.text).toBe(200)
    const submitted = await rest.post(`/answers/${live.id}/submit`, { cookie: editorCookie })
    expect(submitted.status, submitted.text).toBe(200)
    const since = new Date().toISOString()
    const offline = await rest.patch(`/answers/${live.id}`, { cookie: adminCookie, json: { _status: 'draft' } })
    expect(offline.status, offline.text).toBe(200)
    const after = await latest(live.id)
    const mails = (
      await payload.find({ collection: 'notifications', where: { createdAt: { greater_than_equal: since } }, pagination: false })
    ).docs.map((mail) => `${mail.template}:${mail.to}`)
    expect(after.workflowStage).toBe('draft')
    expect(mails).toContain(`review_withdrawn:${reviewer.email}`)
  })

  it('an admin override of an answer in review ends the review: the reviewer is told', async () => {
    const answer = await submittedAnswer()
    const since = new Date().toISOString()
    const override = await rest.post(`/answers/${answer.id}/override-publish`, {
      cookie: adminCookie,
      json: { reason: 'Urgent safety information must go out today.' },
    })
    expect(override.status, override.text).toBe(200)
    const mails = (
      await payload.find({ collection: 'notifications', where: { createdAt: { greater_than_equal: since } }, pagination: false })
    ).docs.map((mail) => `${mail.template}:${mail.to}`)
    expect(mails).toContain(`review_withdrawn:${reviewer.email}`)
  })
})

describe('a question and its answer in step', () => {
  it('an answer is not moved to another question (409): both questions keep their statuses', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    const oldQuestion = relationId(draft.question)!
    const newQuestion = await createQuestion(payload, type.id)
    const moved = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { question: newQuestion.id } })
    expect(moved.status, moved.text).toBe(409)
    expect(moved.text).toContain('An answer stays with the question it answers')
    expect({ old: await questionStatus(oldQuestion), other: await questionStatus(newQuestion.id) }).toEqual({
      old: 'drafted',
      other: 'new',
    })
    expect(relationId((await latest(draft.id)).question)).toBe(oldQuestion)
  })

  it('restoring a version of an answer with changes requested makes it a draft, and its question follows ("drafted")', async () => {
    const answer = await submittedAnswer()
    const decided = await rest.post('/approvals', {
      cookie: reviewerCookie,
      json: {
        answer: answer.id,
        decision: 'request_changes',
        comment: 'Please cite the guideline more clearly.',
        attestation: true,
        contentHash: answer.contentHash,
      },
    })
    expect(decided.status, decided.text).toBe(201)
    const [first] = await versionsOf(answer.id)
    const restored = await rest.post(`/answers/versions/${first!.id}?draft=true`, { cookie: editorCookie })
    expect(restored.status, restored.text).toBe(200)
    expect((await latest(answer.id)).workflowStage).toBe('draft')
    expect(await questionStatus(relationId(answer.question)!)).toBe('drafted')
  })
})

describe('bad input on the versions endpoints', () => {
  it('a malformed JSON `where` or `data` in the query string is a 400 naming it, not a 500', async () => {
    const answer = await submittedAnswer()
    const [first] = await versionsOf(answer.id)
    const results: string[] = []
    for (const [method, path, cookie] of [
      ['POST', `/answers/versions/${first!.id}?draft=true&where=%7B`, editorCookie],
      ['GET', '/answers/versions?where=%7B', editorCookie],
      ['GET', `/answers/versions/${first!.id}?where=%7B`, editorCookie],
      ['PATCH', `/answers/${answer.id}?draft=true&data=%7B`, editorCookie],
      ['GET', '/answers?where=%7B', undefined],
    ] as const) {
      const response = await rest.request(method, path, { cookie, ...(method === 'PATCH' ? { json: {} } : {}) })
      results.push(
        `${method} ${path.split('?')[0]} ${response.status} ${(response.body as { errors?: { message: string }[] }).errors?.[0]?.message.split(' is not')[0]}`,
      )
    }
    expect(results).toEqual([
      `POST /answers/versions/${first!.id} 400 The query parameter "where"`,
      'GET /answers/versions 400 The query parameter "where"',
      `GET /answers/versions/${first!.id} 400 The query parameter "where"`,
      `PATCH /answers/${answer.id} 400 The query parameter "data"`,
      'GET /answers 400 The query parameter "where"',
    ])
    // Payload's method override (the admin's relationship fields) moves a form body into the query.
    const overridden = await rest.request('POST', '/answers', {
      cookie: editorCookie,
      headers: { 'x-payload-http-method-override': 'GET', 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: 'where=%7B',
    })
    expect(overridden.status, overridden.text).toBe(400)
    // Past 1,000 parameters Payload's parser keeps the first value, whichever is malformed.
    const many = Array.from({ length: 1000 }, (_, index) => `f${index}=1`).join('&')
    expect((await rest.get(`/answers?where=%7B&${many}&where=x`, { cookie: editorCookie })).status).toBe(400)
    // The bracket form is not JSON, and passes.
    expect((await rest.get(`/answers?where[id][equals]=${answer.id}&draft=true&depth=0`, { cookie: editorCookie })).status).toBe(200)
  })
})
