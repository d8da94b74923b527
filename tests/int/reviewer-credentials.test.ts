/**
 * Reviewer credentials (issue 14): a verification date and an admin-set interval; a reviewer whose
 * verification lapsed (or never happened) is not routed answers and cannot decide (403 naming the
 * lapse date); the lifecycle sweep reminds admins before a lapse, once per lapse, and reroutes the
 * lapsed reviewer's open reviews. Time comes from the controlled clock; nothing waits.
 */
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType, GuidelineSource, Notification, User } from '@/payload-types'
import { resetClock, setClock } from '@/lib/clock'
import { remindCredentialLapses } from '@/lib/credentials'
import { relationId, type Id } from '@/lib/relationId'
import {
  PASSWORD,
  createAnswerInReview,
  createCancerType,
  createCompleteDraft,
  createSource,
  createUser,
  unique,
  approvalBody,
} from '../helpers/fixtures'
import { RestClient, errorMessage } from '../helpers/rest'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
delete process.env.CREDENTIALS_VERIFICATION_MONTHS
delete process.env.CREDENTIALS_REMINDER_DAYS
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let admin: User
let adminCookie: string
let editor: User
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
  adminCookie = await rest.login(admin.email, PASSWORD)
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterEach(() => resetClock())
afterAll(async () => stopPayload(payload))

const at = (iso: string) => setClock(new Date(iso))

async function world(): Promise<{ type: CancerType; source: GuidelineSource }> {
  const type = await createCancerType(payload)
  return { type, source: await createSource(payload, type.id) }
}

const reviewerOf = (type: CancerType, data: Partial<User> = {}) =>
  createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: unique('Dr Test'), credentials: 'MD', ...data })

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 })
const assigned = async (id: Id) => ((await latest(id)).assignedReviewers ?? []).map((r) => String(relationId(r)))

const lapseEmails = async (reviewer: User): Promise<Notification[]> =>
  (
    await payload.find({
      collection: 'notifications',
      where: { and: [{ template: { equals: 'credentials_lapse' } }, { subject: { contains: reviewer.name } }] },
      pagination: false,
      depth: 0,
      sort: 'createdAt',
    })
  ).docs

describe('who may review', () => {
  it('routing skips a reviewer whose verification lapsed or who was never verified', async () => {
    at('2026-06-01T09:00:00Z')
    const w = await world()
    const lapsed = await reviewerOf(w.type, { credentialsVerifiedOn: '2024-05-31T09:00:00.000Z' })
    const never = await reviewerOf(w.type, { credentialsVerifiedOn: null })
    const answer = await createCompleteDraft(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, editorId: editor.id })
    const routed = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(routed.status, routed.text).toBe(200)
    expect((await latest(answer.id)).workflowStage).toBe('awaiting_reviewer')

    // An admin re-verifies one of them: they pick up the answer that was waiting for a reviewer.
    const verified = await rest.patch(`/users/${never.id}`, {
      cookie: adminCookie,
      json: { credentialsVerifiedOn: '2026-05-30T00:00:00.000Z' },
    })
    expect(verified.status, verified.text).toBe(200)
    expect(await assigned(answer.id)).toEqual([String(never.id)])
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    expect(await assigned(answer.id)).not.toContain(String(lapsed.id))
  })

  it('an editor cannot assign a reviewer whose verification lapsed (400 with the reason)', async () => {
    at('2026-06-01T09:00:00Z')
    const w = await world()
    const current = await reviewerOf(w.type)
    const lapsed = await reviewerOf(w.type, { credentialsVerifiedOn: '2024-01-10T00:00:00.000Z' })
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [current] })
    const refused = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { assignedReviewers: [current.id, lapsed.id] },
    })
    expect(refused.status).toBe(400)
    expect(errorMessage(refused)).toBe(
      `${lapsed.name} cannot review this answer: they have credentials whose verification lapsed on 2026-01-10 (last verified on 2024-01-10, every 24 months); an admin must re-verify their credentials first.`,
    )
  })

  it('a lapsed reviewer cannot decide: 403 naming the lapse date, nothing recorded; the admin-set interval counts', async () => {
    // The interval is set while the verification is current; it lapses with time, before the sweep
    // that hands the reviewer's reviews on has run (an admin's save that lapses it hands them on at once).
    at('2025-06-01T09:00:00Z')
    const w = await world()
    const reviewer = await reviewerOf(w.type, { credentialsVerifiedOn: '2025-03-15T00:00:00.000Z' })
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [reviewer] })
    const cookie = await rest.login(reviewer.email, PASSWORD)

    // Only admins set the interval (a reviewer asking is told so, not ignored).
    const own = await rest.patch(`/users/${reviewer.id}`, { cookie, json: { credentialsIntervalMonths: 60 } })
    expect(own.status).toBe(403)
    expect(errorMessage(own)).toBe('Only an admin can change credentialsIntervalMonths.')
    const set = await rest.patch(`/users/${reviewer.id}`, { cookie: adminCookie, json: { credentialsIntervalMonths: 6 } })
    expect(set.status, set.text).toBe(200)
    at('2026-03-01T09:00:00Z')

    // Verified 2025-03-15 every 6 months: lapsed on 2025-09-15, so on 2026-03-01 they cannot decide.
    const decision = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: await approvalBody(payload, answer.id) })
    expect(decision.status).toBe(403)
    expect(errorMessage(decision)).toBe(
      'You cannot review this answer: you have credentials whose verification lapsed on 2025-09-15 (last verified on 2025-03-15, every 6 months); an admin must re-verify your credentials first.',
    )
    // The same refusal through the approvals collection, and nothing was recorded.
    const direct = await rest.post('/approvals', { cookie, json: { answer: answer.id, ...(await approvalBody(payload, answer.id)) } })
    expect(direct.status).toBe(403)
    expect((await payload.count({ collection: 'approvals', where: { answer: { equals: answer.id } } })).totalDocs).toBe(0)
    expect((await latest(answer.id)).workflowStage).toBe('in_review')

    // Re-verified today by an admin: the same decision is accepted.
    await rest.patch(`/users/${reviewer.id}`, { cookie: adminCookie, json: { credentialsVerifiedOn: '2026-03-01T00:00:00.000Z' } })
    const accepted = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: await approvalBody(payload, answer.id) })
    expect(accepted.status, accepted.text).toBe(201)
  })

  it('a reviewer never verified cannot decide either (403 saying so)', async () => {
    const w = await world()
    const reviewer = await reviewerOf(w.type, { credentialsVerifiedOn: null })
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [reviewer] })
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const decision = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: await approvalBody(payload, answer.id) })
    expect(decision.status).toBe(403)
    expect(errorMessage(decision)).toBe(
      'You cannot review this answer: you have no credential verification on record; an admin must verify your credentials first.',
    )
  })
})

describe('remindCredentialLapses (the lifecycle sweep)', () => {
  it('emails every admin once, 30 days before the lapse; a re-verification is a new lapse with its own reminder', async () => {
    const w = await world()
    const reviewer = await reviewerOf(w.type, { credentialsVerifiedOn: '2025-01-20T00:00:00.000Z' }) // lapses 2027-01-20

    at('2026-12-20T00:00:00Z') // 31 days before: too early
    await remindCredentialLapses(payload)
    expect(await lapseEmails(reviewer)).toHaveLength(0)

    at('2026-12-22T08:00:00Z') // 29 days before
    await remindCredentialLapses(payload)
    const [first, ...more] = await lapseEmails(reviewer)
    expect(more).toHaveLength(0)
    expect(first).toMatchObject({
      to: admin.email,
      status: 'queued',
      subject: `Reviewer credentials lapse on 2027-01-20: ${reviewer.name}`,
    })
    expect(first!.text).toContain(
      `The credential verification of ${reviewer.name}, MD (last verified on 2025-01-20, every 24 months) lapses on 2027-01-20.`,
    )
    expect(first!.text).toContain(`/admin/collections/users/${reviewer.id}`)

    // Later sweeps, before and after the lapse itself: the same lapse is not announced again.
    at('2026-12-23T08:00:00Z')
    await remindCredentialLapses(payload)
    at('2027-01-21T08:00:00Z')
    await remindCredentialLapses(payload)
    expect(await lapseEmails(reviewer)).toHaveLength(1)

    // Re-verified: the next lapse (2029-01-21) gets its own reminder when its time comes.
    await payload.update({ collection: 'users', id: reviewer.id, data: { credentialsVerifiedOn: '2027-01-21T00:00:00.000Z' } })
    await remindCredentialLapses(payload)
    expect(await lapseEmails(reviewer)).toHaveLength(1)
    at('2028-12-25T08:00:00Z')
    await remindCredentialLapses(payload)
    const emails = await lapseEmails(reviewer)
    expect(emails.map((email) => email.subject)).toEqual([
      `Reviewer credentials lapse on 2027-01-20: ${reviewer.name}`,
      `Reviewer credentials lapse on 2029-01-21: ${reviewer.name}`,
    ])
  })

  it('one reviewer failing stops neither the others nor the sweep; the failed one is announced on the next run', async () => {
    const w = await world()
    // Verified on a day already past (a verification date in the future is refused).
    at('2029-03-11T08:00:00Z')
    const failing = await reviewerOf(w.type, { credentialsVerifiedOn: '2029-03-10T00:00:00.000Z' }) // lapses 2031-03-10
    const other = await reviewerOf(w.type, { credentialsVerifiedOn: '2029-03-10T00:00:00.000Z' })
    // Fault injection: the admins' email about one of them cannot be written.
    const hooks = payload.collections.notifications.config.hooks.beforeChange
    const refuse: (typeof hooks)[number] = ({ data }) => {
      if (data.template === 'credentials_lapse' && String(data.subject).includes(failing.name)) throw new Error('injected failure')
      return data
    }
    hooks.push(refuse)
    try {
      at('2031-03-01T08:00:00Z')
      expect((await remindCredentialLapses(payload)).reminded).toBeGreaterThanOrEqual(1)
    } finally {
      hooks.splice(hooks.indexOf(refuse), 1)
    }
    expect(await lapseEmails(other)).toHaveLength(1)
    expect(await lapseEmails(failing)).toHaveLength(0)
    at('2031-03-02T08:00:00Z')
    await remindCredentialLapses(payload)
    expect(await lapseEmails(failing)).toHaveLength(1)
    expect(await lapseEmails(other)).toHaveLength(1)
  })

  it('a lapse nobody was told about is announced once, as lapsed', async () => {
    at('2026-06-01T09:00:00Z')
    const w = await world()
    const reviewer = await reviewerOf(w.type, { credentialsVerifiedOn: '2023-02-01T00:00:00.000Z' })
    await remindCredentialLapses(payload)
    await remindCredentialLapses(payload)
    const emails = await lapseEmails(reviewer)
    expect(emails.map((email) => email.subject)).toEqual([`Reviewer credentials lapsed on 2025-02-01: ${reviewer.name}`])
    expect(emails[0]!.text).toContain('They are no longer routed answers and cannot record review decisions')
  })

  it("reroutes a lapsed reviewer's open reviews to an eligible reviewer, or leaves them waiting with the editor told", async () => {
    at('2026-06-01T09:00:00Z')
    const w = await world()
    const leaving = await reviewerOf(w.type, { credentialsVerifiedOn: '2024-07-01T00:00:00.000Z' }) // lapses 2026-07-01
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [leaving] },
      { lastEditedBy: editor.id },
    )

    // Still current on 2026-06-01: nothing moves.
    await remindCredentialLapses(payload)
    expect(await assigned(answer.id)).toEqual([String(leaving.id)])

    // Lapsed with nobody else to take it: the answer waits for a reviewer and its editor is told.
    at('2026-07-01T09:00:00Z')
    const sweep = await remindCredentialLapses(payload)
    expect(sweep.rerouted).toBeGreaterThanOrEqual(1)
    expect(await latest(answer.id)).toMatchObject({ workflowStage: 'awaiting_reviewer', assignedReviewers: [] })
    const told = await payload.find({
      collection: 'notifications',
      where: { and: [{ 'related.value': { equals: answer.id } }, { template: { equals: 'awaiting_reviewer' } }] },
      depth: 0,
    })
    expect(told.docs.map((email) => email.to)).toEqual([editor.email])

    // A second answer of theirs, with a current colleague available: it goes to the colleague.
    const colleague = await reviewerOf(w.type)
    const second = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [leaving] })
    await remindCredentialLapses(payload)
    expect(await assigned(second.id)).toEqual([String(colleague.id)])
    const request = await payload.find({
      collection: 'notifications',
      where: { and: [{ 'related.value': { equals: second.id } }, { template: { equals: 'review_assigned' } }] },
      depth: 0,
    })
    expect(request.docs.map((email) => email.to)).toEqual([colleague.email])
  })
})
