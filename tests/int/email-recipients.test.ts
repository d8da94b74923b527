/**
 * Who the outbox writes to: active editors and admins only, the reviewers who still owe a decision,
 * a reviewer who joins a review under way, and the one taken off it.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import type { Id } from '@/lib/relationId'
import { PASSWORD, approvalBody, createCancerType, createCompleteDraft, createSource, createUser } from '../helpers/fixtures'
import { remindOverdueReviews } from '@/lib/workflow/reviewReminders'
import { remindCredentialLapses } from '@/lib/credentials/remindCredentialLapses'
import { RestClient } from '../helpers/rest'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let editor: User
let editorCookie: string
let adminCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  editorCookie = await rest.login(editor.email, PASSWORD)
  const admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
  adminCookie = await rest.login(admin.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

async function world() {
  const type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  return { type, source }
}
const draftAnswer = (
  { type, source }: { type: CancerType; source: GuidelineSource },
  editorId: Id | undefined,
  overrides: Partial<Answer> = {},
) => createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId }, overrides)
const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 })
const outboxFor = async (answerId: Id) =>
  (await payload.find({ collection: 'notifications', where: { 'related.value': { equals: answerId } }, pagination: false, depth: 0 })).docs
const recipients = async (answerId: Id, template: string) =>
  (await outboxFor(answerId))
    .filter((d) => d.template === template)
    .map((d) => d.to)
    .sort()

describe('overdue reminders', () => {
  it('a high-risk answer: the reviewer who already approved is not told their review is overdue', async () => {
    const w = await world()
    const a = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Approver' })
    const b = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Pending' })
    const answer = await draftAnswer(w, editor.id, { highRisk: true })
    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(submitted.status, submitted.text).toBe(200)
    expect((await latest(answer.id)).assignedReviewers?.map(String).sort()).toEqual([String(a.id), String(b.id)].sort())

    const cookieA = await rest.login(a.email, PASSWORD)
    const decided = await rest.post(`/answers/${answer.id}/decision`, { cookie: cookieA, json: await approvalBody(payload, answer.id) })
    expect(decided.status, decided.text).toBe(201)
    expect((await latest(answer.id)).workflowStage).toBe('in_review') // 1 of 2

    const due = new Date((await latest(answer.id)).reviewDueAt!)
    await remindOverdueReviews(payload, new Date(due.getTime() + 3600_000))
    // Only the reviewer who has not decided yet owes a review.
    expect(await recipients(answer.id, 'review_reminder')).toEqual([b.email])
  })

  it('a reviewer an editor assigns in place of an overdue one gets a due date and a reminder of their own', async () => {
    const w = await world()
    const late = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Late' })
    const answer = await draftAnswer(w, editor.id)
    expect((await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    const due = new Date((await latest(answer.id)).reviewDueAt!)
    await remindOverdueReviews(payload, new Date(due.getTime() + 3600_000))
    expect(await recipients(answer.id, 'review_reminder')).toEqual([late.email])

    // The editor follows the advice of the escalation and reassigns the review.
    const fresh = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Fresh' })
    const moved = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { assignedReviewers: [fresh.id] } })
    expect(moved.status, moved.text).toBe(200)
    expect(await recipients(answer.id, 'review_assigned')).toContain(fresh.email)

    // Weeks later the new reviewer has still not reviewed: nobody ever reminds them.
    await remindOverdueReviews(payload, new Date(due.getTime() + 20 * 86_400_000))
    await remindOverdueReviews(payload, new Date(due.getTime() + 30 * 86_400_000))
    expect(await recipients(answer.id, 'review_reminder')).toContain(fresh.email)
  })
})

describe('deactivated accounts', () => {
  it("the answer's editor was deactivated: the email goes to the active editors instead", async () => {
    const w = await world() // no reviewer for this type: the editor is told it waits
    const gone = await createUser(payload, { roles: ['editor'], name: 'Former Editor' })
    const answer = await draftAnswer(w, gone.id)
    const off = await rest.patch(`/users/${gone.id}`, { cookie: adminCookie, json: { active: false } })
    expect(off.status, off.text).toBe(200)

    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(submitted.status, submitted.text).toBe(200)
    expect((await latest(answer.id)).workflowStage).toBe('awaiting_reviewer')
    const to = await recipients(answer.id, 'awaiting_reviewer')
    expect(to).not.toContain(gone.email)
    expect(to).toContain(editor.email)
  })

  it('an email to every editor (no editor on record) leaves out deactivated editors', async () => {
    const w = await world()
    const gone = await createUser(payload, { roles: ['editor'], name: 'Another Former Editor' })
    expect((await rest.patch(`/users/${gone.id}`, { cookie: adminCookie, json: { active: false } })).status).toBe(200)
    const answer = await draftAnswer(w, undefined) // drafted by the model: nobody edited it
    expect((await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    const to = await recipients(answer.id, 'awaiting_reviewer')
    expect(to).toContain(editor.email)
    expect(to).not.toContain(gone.email)
  })
})

describe('deactivated admins', () => {
  it('the credentials-lapse email goes to active admins only', async () => {
    const goneAdmin = await createUser(payload, { roles: ['admin'], name: 'Former Admin' })
    expect((await rest.patch(`/users/${goneAdmin.id}`, { cookie: adminCookie, json: { active: false } })).status).toBe(200)
    const type = await createCancerType(payload)
    const verifiedOn = new Date()
    verifiedOn.setUTCMonth(verifiedOn.getUTCMonth() - 24)
    verifiedOn.setUTCDate(verifiedOn.getUTCDate() + 10) // lapses in about 10 days
    await createUser(payload, {
      roles: ['reviewer'],
      specialties: [type.id],
      name: 'Dr Lapsing',
      credentialsVerifiedOn: verifiedOn.toISOString(),
    })
    const sweep = await remindCredentialLapses(payload, new Date())
    expect(sweep.reminded).toBeGreaterThan(0)
    const to = (
      await payload.find({ collection: 'notifications', where: { template: { equals: 'credentials_lapse' } }, pagination: false, depth: 0 })
    ).docs.map((d) => d.to)
    expect(to.length).toBeGreaterThan(0)
    expect(to).not.toContain(goneAdmin.email)
  })
})

describe('a reviewer who can no longer decide', () => {
  it('declaring a conflict for the cancer type of an assigned review hands it to another reviewer, who is the one reminded', async () => {
    const w = await world()
    const a = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Conflicted' })
    const answer = await draftAnswer(w, editor.id)
    expect((await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    expect((await latest(answer.id)).assignedReviewers?.map(String)).toEqual([String(a.id)])
    const b = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Free' })

    const cookieA = await rest.login(a.email, PASSWORD)
    const declared = await rest.patch(`/users/${a.id}`, {
      cookie: cookieA,
      json: { conflictsOfInterest: [{ statement: 'I advise a company in this field.', cancerTypes: [w.type.id] }] },
    })
    expect(declared.status, declared.text).toBe(200)
    // It is no longer theirs (to them it is an unknown answer) but the free reviewer's, who is asked to review it.
    expect((await latest(answer.id)).assignedReviewers?.map(String)).toEqual([String(b.id)])
    const refused = await rest.post(`/answers/${answer.id}/decision`, { cookie: cookieA, json: await approvalBody(payload, answer.id) })
    expect(refused.status).toBe(404)
    expect(await recipients(answer.id, 'review_assigned')).toEqual([a.email, b.email].sort())

    const due = new Date((await latest(answer.id)).reviewDueAt!)
    await remindOverdueReviews(payload, new Date(due.getTime() + 3600_000))
    expect(await recipients(answer.id, 'review_reminder')).toEqual([b.email])
  })
})

describe('reassignment by an editor', () => {
  it('the reviewer taken off the answer is told no decision is needed from them (as a withdrawal tells them)', async () => {
    const w = await world()
    const first = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Replaced' })
    const answer = await draftAnswer(w, editor.id)
    expect((await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    const second = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Replacement' })
    const moved = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { assignedReviewers: [second.id] } })
    expect(moved.status, moved.text).toBe(200)
    const mails = (await outboxFor(answer.id)).map((d) => `${d.template}:${d.to}`)
    expect(mails).toContain(`review_assigned:${second.email}`)
    // The first reviewer's request is still in their inbox; its link now answers "not assigned to you".
    expect(mails).toContain(`review_withdrawn:${first.email}`)
  })
})
