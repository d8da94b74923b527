/**
 * Who may still review an answer, and what the review screen shows them: a reviewer who becomes
 * ineligible (a conflict, a specialty removed, credentials lapsed) no longer vouches for an answer,
 * a claim mark lapses with the passage it was checked against, the patient view is the public one,
 * and a reviewer outside an answer's review cannot tell that it exists.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { markdownWithCitations } from '@/lib/claims/markers'
import { resetClock, setClock } from '@/lib/clock'
import { loadReview } from '@/lib/review/loadReview'
import { loadReviewQueue } from '@/lib/dashboard/loadDashboard'
import { relationId, type Id } from '@/lib/relationId'
import {
  PASSWORD,
  approvalBody,
  approveAs,
  createAnswerInReview,
  createCancerType,
  createSource,
  createUser,
  unique,
} from '../helpers/fixtures'
import { missingId } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.CREDENTIALS_VERIFICATION_MONTHS
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let admin: User, editor: User
let adminCookie: string, editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  adminCookie = await rest.login(admin.email, PASSWORD)
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterEach(() => resetClock())
afterAll(async () => stopPayload(payload))

async function world(): Promise<{ type: CancerType; source: GuidelineSource }> {
  const type = await createCancerType(payload)
  return { type, source: await createSource(payload, type.id) }
}
const reviewerOf = (type: CancerType, data: Partial<User> = {}) =>
  createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: unique('Dr'), credentials: 'MD', ...data })
const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 }) as Promise<Answer>
const reqAs = (user: User) => createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)

describe('a reviewer who is no longer eligible for an answer no longer vouches for it', () => {
  // Who the published version credits as its reviewers.
  const credited = async (id: Id) => ((await latest(id)).reviewedBy ?? []).map((reviewer) => String(relationId(reviewer))).sort()

  it('declaring a conflict hands their reviews of that cancer type to another reviewer, and their approval no longer counts', async () => {
    const w = await world()
    const [r1, r2, r3] = [await reviewerOf(w.type), await reviewerOf(w.type), await reviewerOf(w.type)]
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: w.type.id,
      sourceId: w.source.id,
      reviewers: [r1, r2],
      highRisk: true,
    })
    await approveAs(payload, r1, answer.id)
    // r1 declares a conflict for this cancer type on their own profile (allowed to them).
    const cookie1 = await rest.login(r1.email, PASSWORD)
    const declared = await rest.patch(`/users/${r1.id}`, {
      cookie: cookie1,
      json: { conflictsOfInterest: [{ statement: 'Consulting for the maker of the drug discussed.', cancerTypes: [w.type.id] }] },
    })
    expect(declared.status, declared.text).toBe(200)
    const rerouted = await latest(answer.id)
    expect(rerouted.workflowStage).toBe('in_review')
    expect((rerouted.assignedReviewers ?? []).map((r) => String(relationId(r))).sort()).toEqual([String(r2.id), String(r3.id)].sort())
    // The reviewer who joins gets a review request and a week of their own.
    const { docs: requests } = await payload.find({
      collection: 'notifications',
      where: {
        and: [{ 'related.value': { equals: answer.id } }, { template: { equals: 'review_assigned' } }, { to: { equals: r3.email } }],
      },
      depth: 0,
    })
    expect(requests).toHaveLength(1)
    expect(new Date(rerouted.reviewDueAt!).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000)
    // r1 can no longer act on it: to them it is an unknown answer.
    const late = await rest.post(`/answers/${answer.id}/decision`, { cookie: cookie1, json: await approvalBody(payload, answer.id) })
    expect(late.status, late.text).toBe(404)

    const cookie2 = await rest.login(r2.email, PASSWORD)
    const second = await rest.post(`/answers/${answer.id}/decision`, { cookie: cookie2, json: await approvalBody(payload, answer.id) })
    expect(second.status, second.text).toBe(201)
    // Two approvals are needed from reviewers still eligible: r1's no longer counts.
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    const cookie3 = await rest.login(r3.email, PASSWORD)
    const third = await rest.post(`/answers/${answer.id}/decision`, { cookie: cookie3, json: await approvalBody(payload, answer.id) })
    expect(third.status, third.text).toBe(201)
    expect((await latest(answer.id)).workflowStage).toBe('published')
    expect(await credited(answer.id)).toEqual([String(r2.id), String(r3.id)].sort())
  })

  it("an admin removing the cancer type from a reviewer's specialties hands over their reviews of it, and their approval no longer counts", async () => {
    const w = await world()
    const other = await createCancerType(payload)
    const [r1, r2] = [await reviewerOf(w.type), await reviewerOf(w.type)]
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: w.type.id,
      sourceId: w.source.id,
      reviewers: [r1, r2],
      highRisk: true,
    })
    await approveAs(payload, r1, answer.id)
    const changed = await rest.patch(`/users/${r1.id}`, { cookie: adminCookie, json: { specialties: [other.id] } })
    expect(changed.status, changed.text).toBe(200)
    // Nobody else can review it: it waits for a reviewer, with r2 still on it, and nothing is published.
    const waiting = await latest(answer.id)
    expect(waiting.workflowStage).toBe('awaiting_reviewer')
    expect((waiting.assignedReviewers ?? []).map((r) => String(relationId(r)))).toEqual([String(r2.id)])
    // A reviewer who gains the specialty picks it up; the two new approvals publish it.
    const r3 = await reviewerOf(other)
    expect((await rest.patch(`/users/${r3.id}`, { cookie: adminCookie, json: { specialties: [other.id, w.type.id] } })).status).toBe(200)
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    await approveAs(payload, r2, answer.id)
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    await approveAs(payload, r3, answer.id)
    expect((await latest(answer.id)).workflowStage).toBe('published')
    expect(await credited(answer.id)).toEqual([String(r2.id), String(r3.id)].sort())
  })

  it("an approval given before the approver's credentials lapsed does not count after the lapse", async () => {
    setClock(new Date('2026-03-01T09:00:00Z'))
    const w = await world()
    // Verified 2024-03-10, default interval 24 months: lapses 2026-03-10.
    const r1 = await reviewerOf(w.type, { credentialsVerifiedOn: '2024-03-10T00:00:00.000Z' })
    const r2 = await reviewerOf(w.type, { credentialsVerifiedOn: '2026-02-01T00:00:00.000Z' })
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: w.type.id,
      sourceId: w.source.id,
      reviewers: [r1, r2],
      highRisk: true,
    })
    await approveAs(payload, r1, answer.id)
    setClock(new Date('2026-03-20T09:00:00Z'))
    const cookie2 = await rest.login(r2.email, PASSWORD)
    const second = await rest.post(`/answers/${answer.id}/decision`, { cookie: cookie2, json: await approvalBody(payload, answer.id) })
    expect(second.status, second.text).toBe(201)
    // The sweep that hands over a lapsed reviewer's reviews has not run yet: the rule itself refuses to count r1.
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
  })
})

describe('review screen', () => {
  it('a claim mark made against the old passage text is not shown as verified after that passage changed', async () => {
    const w = await world()
    const reviewer = await reviewerOf(w.type)
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [reviewer] },
      {
        body: await markdownWithCitations(payload.config, '## Why\n\n- Surgery is rarely offered. [1]', [
          { source: w.source.id, passageId: 'p-one', quote: 'Paraphrased guidance' },
        ]),
      },
    )
    // The reviewer checks the claim against the passage as it reads now, then approves: published.
    const before = await loadReview(await reqAs(reviewer), String(answer.id))
    const claim = before!.claims.find((c) => c.text === 'Surgery is rarely offered.')!
    const marked = await rest.post(`/answers/${answer.id}/claims/${claim.id}/verify`, { cookie, json: { verified: true } })
    expect(marked.status, marked.text).toBe(200)
    expect((await rest.post(`/answers/${answer.id}/decision`, { cookie, json: await approvalBody(payload, answer.id) })).status).toBe(201)
    expect((await latest(answer.id)).workflowStage).toBe('published')

    // The passage is corrected: the answer goes back to review with the claim flagged.
    const current = (await payload.findByID({ collection: 'guideline-sources', id: w.source.id, depth: 0 })) as GuidelineSource
    const passages = (current.passages ?? []).map((p) => (p.passageId === 'p-one' ? { ...p, text: 'Surgery is never offered.' } : p))
    expect((await rest.patch(`/guideline-sources/${w.source.id}`, { cookie: editorCookie, json: { passages } })).status).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })
    expect((await latest(answer.id)).workflowStage).toBe('in_review')

    const review = await loadReview(await reqAs(reviewer), String(answer.id))
    const again = review!.claims.find((c) => c.text === 'Surgery is rarely offered.')!
    expect(again.evidenceChanged).toBe(true)
    // The mark said "checked against its passages"; that passage now says something else.
    expect({ verified: again.verified, claimsVerified: review!.claimsVerified }).toEqual({ verified: false, claimsVerified: 0 })
    // Checked again against the new text, it counts again.
    expect((await rest.post(`/answers/${answer.id}/claims/${again.id}/verify`, { cookie, json: { verified: true } })).status).toBe(200)
    expect((await loadReview(await reqAs(reviewer), String(answer.id)))!.claimsVerified).toBe(1)
  })

  it('the patient view on the review screen is the public page: reference numbers, references, public address', async () => {
    const w = await world()
    const reviewer = await reviewerOf(w.type)
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [reviewer] })
    const review = await loadReview(await reqAs(reviewer), String(answer.id))
    // The body's citation nodes are numbered as on the public page, and the numbered references are listed.
    expect(review!.answer.bodyHtml).toContain('href="#ref-1"')
    expect(review!.answer.references.map((reference) => reference.n)).toEqual([1])
    expect(review!.answer.references[0]).toMatchObject({ title: w.source.title, passageId: 'p-one' })
    // The public address is approved with the rest (it is in the hash), so the reviewer sees it.
    expect(review!.answer.slug).toBe(answer.slug)
  })
})

describe('credentials', () => {
  it('a credential verification date in the future is refused (it would keep a lapsed reviewer current for years)', async () => {
    const w = await world()
    const reviewer = await reviewerOf(w.type)
    const res = await rest.patch(`/users/${reviewer.id}`, {
      cookie: adminCookie,
      json: { credentialsVerifiedOn: '2099-01-01T00:00:00.000Z' },
    })
    expect(res.status, res.text).toBe(400)
    expect(res.text).toContain('The date credentials were verified cannot be in the future')
    // Today is a date an admin verifies on.
    const today = await rest.patch(`/users/${reviewer.id}`, {
      cookie: adminCookie,
      json: { credentialsVerifiedOn: new Date().toISOString() },
    })
    expect(today.status, today.text).toBe(200)
  })
})

describe('reviewer queue and endpoints', () => {
  it('"Awaiting your review" lists only answers the reviewer can decide on', async () => {
    const w = await world()
    const only = await reviewerOf(w.type)
    const leaving = await reviewerOf(w.type)
    const draft = await createAnswerInReview(payload, {
      cancerTypeId: w.type.id,
      sourceId: w.source.id,
      reviewers: [only, leaving],
      highRisk: true,
    })
    // The second reviewer is deactivated and nobody else is eligible: the answer waits for a reviewer.
    const off = await rest.patch(`/users/${leaving.id}`, { cookie: adminCookie, json: { active: false } })
    expect(off.status, off.text).toBe(200)
    const answer = await latest(draft.id)
    expect(answer.workflowStage).toBe('awaiting_reviewer')
    expect((answer.assignedReviewers ?? []).map((r) => String(relationId(r)))).toEqual([String(only.id)])
    const queue = await loadReviewQueue(payload, only)
    const review = await loadReview(await reqAs(only), String(draft.id))
    // Waiting for a second reviewer, it is not awaiting this reviewer's decision (the screen refuses one).
    const listed = queue.lines.some((line) => line.id === String(draft.id))
    expect({ listed, refusal: review!.decisionRefusal }).toEqual({ listed: false, refusal: expect.anything() })
  })

  it('an unassigned reviewer cannot tell an existing answer from a missing one through the decision and verify endpoints', async () => {
    const w = await world()
    const [assigned, outsider] = [await reviewerOf(w.type), await reviewerOf(w.type)]
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [assigned] })
    const cookie = await rest.login(outsider.email, PASSWORD)
    const body = { decision: 'reject', comment: 'probe' }
    const existing = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: body })
    const missing = await rest.post(`/answers/${missingId()}/decision`, { cookie, json: body })
    const verifyExisting = await rest.post(`/answers/${answer.id}/claims/0123456789abcdef/verify`, { cookie, json: { verified: true } })
    const verifyMissing = await rest.post(`/answers/${missingId()}/claims/0123456789abcdef/verify`, { cookie, json: { verified: true } })
    const approvalExisting = await rest.post('/approvals', { cookie, json: { answer: answer.id, ...body } })
    const approvalMissing = await rest.post('/approvals', { cookie, json: { answer: missingId(), ...body } })
    // As GET /api/answers/:id and /admin/review/:id: the same refusal for both.
    expect([existing.status, verifyExisting.status, approvalExisting.status]).toEqual([404, 404, 400])
    expect([missing.status, verifyMissing.status, approvalMissing.status]).toEqual([404, 404, 400])
    expect(existing.text.replace(String(answer.id), 'N')).toBe(missing.text.replace(String(missingId()), 'N'))
    expect(approvalExisting.text.replace(String(answer.id), 'N')).toBe(approvalMissing.text.replace(String(missingId()), 'N'))
  })
})
