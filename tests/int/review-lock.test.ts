/**
 * Editing an answer in review: it is locked (README "Editing an answer in review: it is locked").
 * What a reviewer approves cannot change under them, for any caller; an editor withdraws the answer
 * from review (the reviewer is emailed over a real SMTP server) and can then edit and resubmit it.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, User } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import { WITHDRAW_REASON_MAX } from '@/lib/workflow/states'
import { PASSWORD, createCancerType, createCompleteDraft, createSource, createUser, unique, approvalBody } from '../helpers/fixtures'
import { countDocuments, expectRefused } from '../helpers/refusals'
import { RestClient, errorMessage } from '../helpers/rest'
import { freePort } from '../helpers/server'
import { CapturingSmtp } from '../helpers/smtp'

const smtp = new CapturingSmtp()
const port = await freePort()
Object.assign(process.env, {
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(port),
  SMTP_SECURE: 'false',
  EMAIL_FROM: 'cms@example.org',
  JOBS_AUTORUN: 'false',
})
delete process.env.ANTHROPIC_API_KEY
const { startPayload, stopPayload, missingId } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let editor: User
let editorCookie: string

beforeAll(async () => {
  await smtp.start(port)
  payload = await startPayload()
  rest = new RestClient(payload)
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => {
  await stopPayload(payload)
  await smtp.stop()
})

const LOCKED =
  /^This answer is in review by Dr Lock \d+ \(since \d{1,2} [A-Z][a-z]{2} \d{4}\)\. Withdraw it from review to edit it; the reviewer is told\.$/

/** A complete draft submitted through routing to one reviewer (named "Dr Lock N"). */
async function inReview() {
  const type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: `Dr Lock ${process.pid}` })
  const answer = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
  const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
  expect(submitted.status, submitted.text).toBe(200)
  expect((await latest(answer.id)).workflowStage).toBe('in_review')
  return { type, source, reviewer, answer }
}

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 }) as Promise<Answer>
const withdraw = (id: Id, json: unknown = {}, cookie = editorCookie) => rest.post(`/answers/${id}/withdraw-review`, { cookie, json })

describe('an answer in review is locked', () => {
  it('a content edit over REST is a 409 naming the reviewer, and nothing is saved', async () => {
    const { answer } = await inReview()
    const before = await latest(answer.id)
    for (const data of [{ summary: 'An edit under the reviewer.' }, { title: 'A new title while in review?' }, { citations: [] }]) {
      await expectRefused(payload, () => rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: data }), 409, LOCKED)
    }
    const after = await latest(answer.id)
    expect(after.summary).toBe(before.summary)
    expect(after.title).toBe(before.title)
    expect(after.contentHash).toBe(before.contentHash)
    expect(after.workflowStage).toBe('in_review')
  })

  it('the Local API is refused too, with or without overrideAccess, and GraphQL', async () => {
    const { answer } = await inReview()
    const before = await countDocuments(payload)
    await expect(
      payload.update({ collection: 'answers', id: answer.id, data: { keyTakeaway: 'Changed by server code.' }, draft: true }),
    ).rejects.toThrow(LOCKED)
    await expect(
      payload.update({
        collection: 'answers',
        id: answer.id,
        data: { keyTakeaway: 'Changed as the editor.' },
        draft: true,
        user: editor,
        overrideAccess: false,
      }),
    ).rejects.toThrow(LOCKED)
    // An update by `where` is refused the same way.
    await expect(
      payload.update({
        collection: 'answers',
        where: { id: { equals: answer.id } },
        data: { keyTakeaway: 'Changed in bulk.' },
        draft: true,
      }),
    ).rejects.toThrow(LOCKED)
    const graphql = await rest.graphql(
      `mutation { updateAnswer(id: ${JSON.stringify(answer.id)}, draft: true, data: { summary: "Changed over GraphQL." }) { id summary } }`,
      editorCookie,
    )
    expect(graphql.text).toMatch(/in review by Dr Lock/)
    expect(await countDocuments(payload)).toEqual(before)
    expect((await latest(answer.id)).keyTakeaway).toBe('Ask your team what fits you.')
  })

  it('someone who may not edit answers gets the access refusal, not the lock (which would name the reviewer)', async () => {
    const { answer, reviewer } = await inReview()
    const reviewerCookie = await rest.login(reviewer.email, PASSWORD)
    for (const cookie of [undefined, reviewerCookie]) {
      const response = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie, json: { summary: 'Not yours to edit.' } })
      expect([403, 404], response.text).toContain(response.status)
      expect(response.text).not.toContain('Dr Lock')
    }
    expect((await latest(answer.id)).summary).toBe('Usually another treatment comes first.')
  })

  it('restoring an older version while in review is refused (409)', async () => {
    const { answer } = await inReview()
    const { docs } = await payload.findVersions({
      collection: 'answers',
      where: { parent: { equals: answer.id } },
      sort: 'createdAt',
      limit: 1,
    })
    await expectRefused(payload, () => rest.post(`/answers/versions/${docs[0]!.id}?draft=true`, { cookie: editorCookie }), 409, LOCKED)
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
  })

  it('what the reviewer does not approve stays editable: reassigning reviewers, the high-risk flag, the form sent back unchanged', async () => {
    const { type, answer } = await inReview()
    const second = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: unique('Dr Second') })
    const current = await latest(answer.id)
    // As the admin form does: every field sent back, the content unchanged.
    const form = Object.fromEntries(Object.entries(current).filter(([key]) => !['id', 'createdAt', 'updatedAt'].includes(key)))
    const response = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { ...form, assignedReviewers: [...(current.assignedReviewers ?? []).map((r) => relationId(r)), second.id], highRisk: true },
    })
    expect(response.status, response.text).toBe(200)
    const after = await latest(answer.id)
    expect(after.workflowStage).toBe('in_review')
    expect(after.highRisk).toBe(true)
    expect((after.assignedReviewers ?? []).map((r) => String(relationId(r)))).toContain(String(second.id))
    expect(after.contentHash).toBe(current.contentHash)
    const { docs } = await payload.find({ collection: 'notifications', where: { to: { equals: second.email } }, depth: 0 })
    expect(docs.map((doc) => doc.template)).toEqual(['review_assigned'])
  })

  it("editing the linked question's wording while its answer is in review is a 409; other question fields stay editable", async () => {
    const { answer } = await inReview()
    const questionId = relationId(answer.question)!
    const question = await payload.findByID({ collection: 'questions', id: questionId, depth: 0 })
    const refused = await expectRefused(
      payload,
      () => rest.patch(`/questions/${questionId}`, { cookie: editorCookie, json: { text: 'A different question for the same answer?' } }),
      409,
      /^The answer to this question is in review by Dr Lock \d+ \(since .+\), and the question's wording is part of what the reviewer approves\. Withdraw the answer from review to edit the question; the reviewer is told\.$/,
    )
    expect(refused.status).toBe(409)
    await expect(
      payload.update({ collection: 'questions', id: questionId, data: { text: 'Changed by server code, in review?' } }),
    ).rejects.toThrow(/in review by Dr Lock/)
    expect((await payload.findByID({ collection: 'questions', id: questionId, depth: 0 })).text).toBe(question.text)
    // Whitespace is not wording (the hash trims it), and the priority is not part of the page.
    const untouched = await rest.patch(`/questions/${questionId}`, {
      cookie: editorCookie,
      json: { text: ` ${question.text} `, priority: 'high' },
    })
    expect(untouched.status, untouched.text).toBe(200)
  })

  it('an answer waiting for a reviewer is locked too, and withdrawing it emails nobody', async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const answer = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    expect((await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    expect((await latest(answer.id)).workflowStage).toBe('awaiting_reviewer')
    await expectRefused(
      payload,
      () => rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { summary: 'Edited while waiting.' } }),
      409,
      /^This answer is waiting for a reviewer \(since .+\)\. Withdraw it from review to edit it\.$/,
    )
    const response = await withdraw(answer.id)
    expect(response.status, response.text).toBe(200)
    expect(response.body).toEqual({ stage: 'draft', notified: [] })
  })
})

describe('POST /api/answers/:id/withdraw-review', () => {
  it('refuses reviewers (403), the anonymous (401), unknown ids (404), bad bodies (400), and answers not in review (409)', async () => {
    const { answer, reviewer } = await inReview()
    const reviewerCookie = await rest.login(reviewer.email, PASSWORD)
    await expectRefused(
      payload,
      () => withdraw(answer.id, {}, reviewerCookie),
      403,
      /Only editors and admins can withdraw answers from review/,
    )
    await expectRefused(payload, () => rest.post(`/answers/${answer.id}/withdraw-review`, { json: {} }), 401, /Sign in/)
    await expectRefused(payload, () => withdraw(missingId()), 404, /does not exist/)
    await expectRefused(payload, () => withdraw(answer.id, { reason: 42 }), 400, /reason must be text/)
    await expectRefused(
      payload,
      () => withdraw(answer.id, { reason: 'x'.repeat(WITHDRAW_REASON_MAX + 1) }),
      400,
      /1000 characters or fewer/,
    )
    await expectRefused(payload, () => withdraw(answer.id, { reason: 'ok', stage: 'published' }), 400, /nothing else/)
    await expectRefused(payload, () => withdraw(answer.id, ['a list']), 400, /optional "reason"/)
    await expectRefused(
      payload,
      () => rest.post(`/answers/${answer.id}/withdraw-review`, { cookie: editorCookie, rawBody: '{"reason": ' }),
      400,
      /Invalid JSON/,
    )
    expect((await latest(answer.id)).workflowStage).toBe('in_review')

    const draft = await createCompleteDraft(payload, {
      cancerTypeId: relationId(answer.cancerType)!,
      sourceId: relationId(answer.citations![0]!.source)!,
    })
    await expectRefused(
      payload,
      () => withdraw(draft.id),
      409,
      /^This answer is not in review \(it is draft\), so there is nothing to withdraw\.$/,
    )
  })

  it('withdraws: back to draft with a history record, the question follows, the reviewer is emailed, a late decision is refused, and it can be edited and resubmitted', async () => {
    const { answer, reviewer } = await inReview()
    const reason = 'The dosing paragraph needs rewriting <b>first</b>'
    const response = await withdraw(answer.id, { reason: `  ${reason}  ` })
    expect(response.status, response.text).toBe(200)
    expect(response.body).toEqual({ stage: 'draft', notified: [{ id: reviewer.id, name: reviewer.name }] })

    const after = await latest(answer.id)
    expect(after).toMatchObject({ workflowStage: 'draft', reviewDueAt: null })
    const question = await payload.findByID({ collection: 'questions', id: relationId(answer.question)!, depth: 0 })
    expect(question.status).toBe('drafted')

    const { docs: events } = await payload.find({
      collection: 'workflow-events',
      where: { answer: { equals: answer.id } },
      sort: '-createdAt',
      limit: 1,
      depth: 0,
    })
    expect(events[0]).toMatchObject({
      event: 'withdraw_review',
      from: 'in_review',
      to: 'draft',
      why: `Withdrawn from review: ${reason}`,
      by: editor.id,
      byName: 'Eddie Editor',
    })

    // The email, through the outbox job, over SMTP.
    const { docs: queued } = await payload.find({
      collection: 'notifications',
      where: { and: [{ 'related.value': { equals: answer.id } }, { template: { equals: 'review_withdrawn' } }] },
      depth: 0,
    })
    expect(queued.map((doc) => doc.to)).toEqual([reviewer.email])
    await payload.jobs.run({ queue: 'email', limit: 1000 })
    const mail = smtp.received.find((message) => message.subject === `Review withdrawn: ${answer.title}`)
    expect(mail, 'the withdrawal email reached the SMTP server').toBeTruthy()
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toBe(reviewer.email)
    expect(mail!.text).toContain(`Eddie Editor withdrew "${answer.title}" from review: ${reason}`)
    expect(mail!.text).toContain('No decision is needed from you.')

    // A decision sent after the withdrawal (a stale review screen) is refused, and nothing is recorded.
    const reviewerCookie = await rest.login(reviewer.email, PASSWORD)
    await expectRefused(
      payload,
      async () => rest.post(`/answers/${answer.id}/decision`, { cookie: reviewerCookie, json: await approvalBody(payload, answer.id) }),
      409,
      /not awaiting review/,
    )
    await expectRefused(payload, () => withdraw(answer.id), 409, /not in review/)

    // Now it is the editor's again: edit, then submit through routing.
    const edited = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { summary: 'A clearer short answer.' },
    })
    expect(edited.status, edited.text).toBe(200)
    const resubmitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(resubmitted.status, resubmitted.text).toBe(200)
    expect(await latest(answer.id)).toMatchObject({ workflowStage: 'in_review', summary: 'A clearer short answer.' })
    expect(
      errorMessage(await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { summary: 'Again?' } })),
    ).toMatch(LOCKED)
  })
})
