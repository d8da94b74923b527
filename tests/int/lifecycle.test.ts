/**
 * Issue 14, live answers over time, with a controlled clock and the lifecycle sweep run explicitly:
 * review due dates spread over a window; periodic review routed before the due date with a reminder;
 * escalation and the cancer type's overdue policy (public notice or withdrawal); approvals of an
 * earlier cycle not counting again; the evidence policy (dated notice then withdrawal, or withdrawal
 * at once for a safety correction); the public record (last reviewed, next review due, notice).
 */
import { addDays, addMonths, subDays } from 'date-fns'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { resetClock, setClock } from '@/lib/clock'
import { applyEvidencePolicy } from '@/lib/lifecycle/livePolicy'
import { DUE_DATE_SPREAD_DAYS } from '@/lib/lifecycle/dueDates'
import { runLifecycle } from '@/lib/lifecycle/runLifecycle'
import { withTransaction } from '@/lib/transaction'
import { findPublicAnswer } from '@/lib/public/queries'
import { loadReview } from '@/lib/review/loadReview'
import type { Id } from '@/lib/relationId'
import { PASSWORD, approveAs, createAnswerInReview, createCancerType, createSource, createUser, approvalBody } from '../helpers/fixtures'
import { RestClient, errorMessage } from '../helpers/rest'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')
const { publicApi } = await import('../helpers/publicApi')

let payload: Payload
let rest: RestClient
let editor: User
const DAY = 86_400_000

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
})
afterAll(async () => stopPayload(payload))
afterEach(() => resetClock())

type World = { type: CancerType; source: GuidelineSource; reviewers: User[] }

async function world(policy: Partial<CancerType> = {}, reviewerCount = 1): Promise<World> {
  const created = await createCancerType(payload)
  const type = (await payload.update({ collection: 'cancer-types', id: created.id, data: policy, overrideAccess: true })) as CancerType
  const source = await createSource(payload, type.id)
  const reviewers: User[] = []
  for (let i = 0; i < reviewerCount; i += 1) {
    // Verified for the ten years these tests move the clock over (lapses: reviewer-credentials.test.ts).
    reviewers.push(
      await createUser(payload, {
        roles: ['reviewer'],
        specialties: [type.id],
        name: `Dr ${i + 1}`,
        credentials: 'MD',
        credentialsIntervalMonths: 120,
      }),
    )
  }
  return { type, source, reviewers }
}

/** An answer approved (and so published) at `at` by the world's reviewers. */
async function publishedAt(w: World, at: Date, { highRisk = false } = {}): Promise<Answer> {
  setClock(at)
  const reviewers = highRisk ? w.reviewers.slice(0, 2) : w.reviewers.slice(0, 1)
  const answer = await createAnswerInReview(
    payload,
    { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers, highRisk },
    { lastEditedBy: editor.id },
  )
  for (const reviewer of reviewers) await approveAs(payload, reviewer, answer.id)
  const published = await live(answer.id)
  expect(published._status).toBe('published')
  return published
}

const live = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: false }) as Promise<Answer>
const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true }) as Promise<Answer>
const outboxFor = async (answerId: Id) =>
  (await payload.find({ collection: 'notifications', where: { 'related.value': { equals: answerId } }, pagination: false, depth: 0 })).docs
const templates = async (answerId: Id) => (await outboxFor(answerId)).map((mail) => `${mail.template}:${mail.to}`)
const events = async (answerId: Id) =>
  (await payload.find({ collection: 'workflow-events', where: { answer: { equals: answerId } }, sort: 'createdAt', pagination: false }))
    .docs
/** Runs the sweep at `at`, as the hourly timer would. */
const sweepAt = (at: Date) => {
  setClock(at)
  return runLifecycle(payload)
}
const evidencePolicy = (answerId: Id, change: { changedOn: Date; safetyCorrection: boolean }) =>
  inTransaction((req) => applyEvidencePolicy(req, answerId, change))

async function inTransaction<T>(work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  return withTransaction(await createLocalReq({}, payload), work)
}

describe('review due dates', () => {
  it('answers approved on one day fall due on different days, the latest on the interval, none later', async () => {
    const w = await world({ reviewIntervalMonths: 12 })
    const day = new Date('2031-03-10T09:00:00.000Z')
    const dues: number[] = []
    for (let i = 0; i < 3; i += 1) dues.push(new Date((await publishedAt(w, day)).nextReviewDue!).getTime())
    const end = addMonths(day, 12).getTime()
    expect(dues).toEqual([end, end - DAY, end - 2 * DAY])
    for (const due of dues) expect(due).toBeGreaterThan(end - DUE_DATE_SPREAD_DAYS * DAY)
  })
})

describe('periodic review', () => {
  it('is routed to the last reviewer before the due date, reminds them, and re-approval starts a new cycle', async () => {
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 30 })
    const answer = await publishedAt(w, new Date('2032-01-05T09:00:00.000Z'))
    const due = new Date(answer.nextReviewDue!)
    const [reviewer] = w.reviewers

    await sweepAt(subDays(due, 31))
    expect((await latest(answer.id)).workflowStage).toBe('published')

    // The sweep acts on every answer in the database (those of other tests too): each test checks its own.
    expect((await sweepAt(subDays(due, 29))).periodicReviewsStarted).toBeGreaterThanOrEqual(1)
    const routed = await latest(answer.id)
    expect(routed).toMatchObject({ workflowStage: 'in_review', assignedReviewers: [reviewer.id], reviewDueAt: answer.nextReviewDue })
    expect((await events(answer.id)).at(-1)).toMatchObject({ event: 'review_due', from: 'published', to: 'in_review' })
    expect(await templates(answer.id)).toContain(`review_assigned:${reviewer.email}`)
    // The live version stays online meanwhile, with its record.
    const page = await findPublicAnswer(payload, answer.slug!)
    expect(page).toMatchObject({ lastReviewedAt: answer.lastReviewedAt, nextReviewDue: answer.nextReviewDue, notice: null })
    await sweepAt(subDays(due, 28))
    expect((await templates(answer.id)).filter((t) => t.startsWith('review_assigned'))).toHaveLength(1) // once

    await sweepAt(subDays(due, 8))
    expect((await templates(answer.id)).filter((t) => t.startsWith('review_reminder'))).toEqual([])
    expect((await sweepAt(subDays(due, 6))).remindedBeforeDue).toBeGreaterThanOrEqual(1)
    await sweepAt(subDays(due, 5))
    expect((await templates(answer.id)).filter((t) => t.startsWith('review_reminder'))).toEqual([`review_reminder:${reviewer.email}`])

    // The review screen offers the decision again: last cycle's approval is not "already recorded".
    const screen = await loadReview(await createLocalReq({ user: { ...reviewer, collection: 'users' } }, payload), String(answer.id))
    expect(screen).toMatchObject({ myDecision: null, decisionRefusal: null })

    // The same content approved again, in the new cycle, on the decision endpoint: published with a new review record.
    setClock(subDays(due, 4))
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const decided = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: await approvalBody(payload, answer.id) })
    expect(decided.status, decided.text).toBe(201)
    expect(decided.body.alreadyRecorded).toBe(false)
    const renewed = await live(answer.id)
    expect(renewed).toMatchObject({ _status: 'published', workflowStage: 'published', reviewCycle: 2 })
    expect(renewed.lastReviewedAt).toBe(subDays(due, 4).toISOString())
    expect(new Date(renewed.nextReviewDue!).getTime()).toBeGreaterThan(due.getTime())
    expect((await findPublicAnswer(payload, answer.slug!))?.lastReviewedAt).toBe(renewed.lastReviewedAt)
  })

  it('approvals of the same content from an earlier cycle do not count again', async () => {
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 30 }, 2)
    const answer = await publishedAt(w, new Date('2032-02-07T09:00:00.000Z'), { highRisk: true })
    expect(answer.reviewCycle).toBe(1)
    const due = new Date(answer.nextReviewDue!)
    await sweepAt(subDays(due, 20))
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    const [first, second] = w.reviewers
    setClock(subDays(due, 10))
    // Reviewer 1 approves again: with last cycle's two approvals of the same hash this would publish.
    await approveAs(payload, first, answer.id)
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    expect((await live(answer.id)).nextReviewDue).toBe(answer.nextReviewDue)
    await approveAs(payload, second, answer.id)
    expect(await live(answer.id)).toMatchObject({
      workflowStage: 'published',
      reviewCycle: 2,
      lastReviewedAt: subDays(due, 10).toISOString(),
    })
  })
})

describe('overdue reviews', () => {
  it('escalate to the editor, then show a public "Review overdue" notice, cleared by re-approval', async () => {
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 14, overduePolicy: 'notice', overdueGraceDays: 10 })
    const answer = await publishedAt(w, new Date('2033-04-01T09:00:00.000Z'))
    const due = new Date(answer.nextReviewDue!)
    await sweepAt(subDays(due, 13))
    await sweepAt(addDays(due, 2))
    expect(await templates(answer.id)).not.toContain(`review_escalation:${editor.email}`)
    await sweepAt(addDays(due, 4))
    expect(await templates(answer.id)).toContain(`review_escalation:${editor.email}`)
    await sweepAt(addDays(due, 9))
    expect((await findPublicAnswer(payload, answer.slug!))?.notice).toBeNull()

    expect((await sweepAt(addDays(due, 11))).overdueNoticed).toBeGreaterThanOrEqual(1)
    const message = `Review overdue: this answer was due for its clinical review on ${dayOf(due)}. It is being reviewed again.`
    const page = await findPublicAnswer(payload, answer.slug!)
    expect(page?.notice).toEqual({ kind: 'review_overdue', since: answer.nextReviewDue, message })
    // The read API serves it, and the live row kept its record (the notice is written on it alone).
    const api = await publicApi(`/answers/${answer.slug}`)
    expect(api.body).toMatchObject({ notice: { kind: 'review_overdue', message }, nextReviewDue: answer.nextReviewDue })
    expect(await live(answer.id)).toMatchObject({
      _status: 'published',
      reviewCredits: [expect.objectContaining({ name: 'Dr 1' })],
      reviewedBy: [w.reviewers[0].id],
      liveNotice: { kind: 'review_overdue', since: answer.nextReviewDue },
    })
    // Editors see it on the answer in the admin (its newest version).
    expect((await latest(answer.id)).liveNotice).toMatchObject({ kind: 'review_overdue', since: answer.nextReviewDue })
    expect(await templates(answer.id)).toContain(`live_notice:${editor.email}`)
    await sweepAt(addDays(due, 12))
    expect((await templates(answer.id)).filter((t) => t.startsWith('live_notice'))).toHaveLength(1) // once

    setClock(addDays(due, 13))
    await approveAs(payload, w.reviewers[0], answer.id)
    expect((await findPublicAnswer(payload, answer.slug!))?.notice).toBeNull()
    expect((await publicApi(`/answers/${answer.slug}`)).body.notice).toBeNull()
    expect((await latest(answer.id)).liveNotice?.kind ?? null).toBeNull()
  })

  it('withdraw the live answer under the withdrawal policy: a recorded system transition, the editor emailed', async () => {
    const w = await world({ reviewIntervalMonths: 6, reviewLeadDays: 7, overduePolicy: 'withdraw', overdueGraceDays: 3 })
    const answer = await publishedAt(w, new Date('2033-06-01T09:00:00.000Z'))
    const due = new Date(answer.nextReviewDue!)
    await sweepAt(subDays(due, 6))
    await sweepAt(addDays(due, 2))
    expect((await live(answer.id))._status).toBe('published')
    expect((await sweepAt(addDays(due, 3))).overdueWithdrawn).toBeGreaterThanOrEqual(1)
    expect((await live(answer.id))._status).toBe('draft')
    expect(await findPublicAnswer(payload, answer.slug!)).toBeNull()
    expect((await publicApi(`/answers/${answer.slug}`)).status).toBe(404)
    // The review goes on; the withdrawal is in the answer's history with its reason.
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    expect((await events(answer.id)).at(-1)).toMatchObject({
      event: 'withdraw_live',
      from: 'in_review',
      to: 'in_review',
      byName: 'the system',
      why: expect.stringMatching(/^Its review was due on .* and is overdue/),
    })
    expect(await templates(answer.id)).toContain(`answer_withdrawn:${editor.email}`)
    const question = await payload.findByID({ collection: 'questions', id: answer.question as Id, depth: 0 })
    expect(question.status).toBe('in_review')

    setClock(addDays(due, 5))
    await approveAs(payload, w.reviewers[0], answer.id)
    expect(await findPublicAnswer(payload, answer.slug!)).toMatchObject({ notice: null, lastReviewedAt: addDays(due, 5).toISOString() })
  })
})

describe('one answer failing', () => {
  it('does not stop the sweep: the other answers get their reminders, the failed one on the next run', async () => {
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 30, overduePolicy: 'notice', overdueGraceDays: 60 })
    const failing = await publishedAt(w, new Date('2033-09-01T09:00:00.000Z'))
    const other = await publishedAt(w, new Date('2033-09-01T09:00:00.000Z'))
    const due = new Date(failing.nextReviewDue!)
    await sweepAt(subDays(due, 29))
    // Fault injection: the reminder email of one answer cannot be written.
    const hooks = payload.collections.notifications.config.hooks.beforeChange
    const refuse: (typeof hooks)[number] = ({ data }) => {
      if (data.template === 'review_reminder' && String(data.related?.value) === String(failing.id)) {
        throw new Error('injected failure writing a reminder')
      }
      return data
    }
    hooks.push(refuse)
    try {
      const run = await sweepAt(addDays(due, 1))
      expect(run.remindedOverdue).toBeGreaterThanOrEqual(1)
    } finally {
      hooks.splice(hooks.indexOf(refuse), 1)
    }
    const reminders = async (id: Id) => (await templates(id)).filter((t) => t.startsWith('review_reminder'))
    expect(await reminders(other.id)).toEqual([`review_reminder:${w.reviewers[0].email}`])
    expect(await reminders(failing.id)).toEqual([])
    expect((await latest(failing.id)).reviewRemindedAt ?? null).toBeNull()

    await sweepAt(addDays(due, 2))
    expect(await reminders(failing.id)).toEqual([`review_reminder:${w.reviewers[0].email}`])
    expect(await reminders(other.id)).toHaveLength(1)
  })
})

describe('evidence policy (applyEvidencePolicy)', () => {
  it('a change keeps the answer live with a dated notice for the cancer type’s days, then the sweep withdraws it', async () => {
    const w = await world({ evidenceNoticeDays: 10 })
    const answer = await publishedAt(w, new Date('2034-01-10T09:00:00.000Z'))
    const changedOn = new Date('2034-03-02T12:00:00.000Z')
    setClock(changedOn)
    expect(await evidencePolicy(answer.id, { changedOn, safetyCorrection: false })).toBe('noticed')
    const message = 'Sources updated on 2 Mar 2034; under clinical review.'
    expect((await findPublicAnswer(payload, answer.slug!))?.notice).toEqual({
      kind: 'evidence_changed',
      since: changedOn.toISOString(),
      message,
    })
    expect((await publicApi(`/answers/${answer.slug}`)).body.notice).toMatchObject({ kind: 'evidence_changed', message })
    expect(await templates(answer.id)).toContain(`live_notice:${editor.email}`)
    // A second change during the notice keeps its dates.
    expect(await evidencePolicy(answer.id, { changedOn: addDays(changedOn, 2), safetyCorrection: false })).toBe('noticed')
    expect((await live(answer.id)).liveNotice).toMatchObject({
      since: changedOn.toISOString(),
      until: addDays(changedOn, 10).toISOString(),
    })

    await sweepAt(addDays(changedOn, 9))
    expect((await live(answer.id))._status).toBe('published')
    expect((await sweepAt(addDays(changedOn, 10))).evidenceNoticesExpired).toBeGreaterThanOrEqual(1)
    expect(await findPublicAnswer(payload, answer.slug!)).toBeNull()
    expect((await events(answer.id)).at(-1)).toMatchObject({
      event: 'withdraw_live',
      why: expect.stringMatching(/not re-approved within 10 days/),
    })
    expect(await templates(answer.id)).toContain(`answer_withdrawn:${editor.email}`)
  })

  it('a safety correction withdraws at once; an answer that is not live is left alone', async () => {
    const w = await world({ evidenceNoticeDays: 30 })
    const answer = await publishedAt(w, new Date('2034-05-10T09:00:00.000Z'))
    const changedOn = new Date('2034-06-01T08:00:00.000Z')
    setClock(changedOn)
    expect(await evidencePolicy(answer.id, { changedOn, safetyCorrection: true })).toBe('withdrawn')
    expect(await findPublicAnswer(payload, answer.slug!)).toBeNull()
    expect((await publicApi(`/answers/${answer.slug}`)).status).toBe(404)
    expect((await events(answer.id)).at(-1)).toMatchObject({
      event: 'withdraw_live',
      why: 'A source it cites was corrected for safety on 1 Jun 2034: withdrawn until re-approved.',
    })
    expect(await evidencePolicy(answer.id, { changedOn, safetyCorrection: false })).toBe('not_live')
  })

  it('no notice period (0 days) withdraws at once; re-approval during a notice ends it before it expires', async () => {
    const now = await world({ evidenceNoticeDays: 0 })
    const first = await publishedAt(now, new Date('2034-07-01T09:00:00.000Z'))
    expect(await evidencePolicy(first.id, { changedOn: new Date('2034-07-02T09:00:00.000Z'), safetyCorrection: false })).toBe('withdrawn')

    const w = await world({ evidenceNoticeDays: 10, reviewLeadDays: 30 })
    const answer = await publishedAt(w, new Date('2034-08-01T09:00:00.000Z'))
    const changedOn = new Date('2034-08-20T09:00:00.000Z')
    setClock(changedOn)
    expect(await evidencePolicy(answer.id, { changedOn, safetyCorrection: false })).toBe('noticed')
    // Routed for re-review (here as its periodic review would be) and approved within the notice period.
    const { routeForPeriodicReview } = await import('@/lib/lifecycle/periodicReview')
    await inTransaction((req) => routeForPeriodicReview(req, answer.id, w.type, addDays(changedOn, 7).toISOString()))
    setClock(addDays(changedOn, 3))
    await approveAs(payload, w.reviewers[0], answer.id)
    expect((await live(answer.id)).liveNotice?.kind ?? null).toBeNull()
    await sweepAt(addDays(changedOn, 11))
    expect(await findPublicAnswer(payload, answer.slug!)).toMatchObject({ notice: null })
  })
})

describe('policy settings', () => {
  it('admins set a cancer type’s policy over REST; an editor cannot, and bad values are refused', async () => {
    const w = await world()
    expect(w.type).toMatchObject({ evidenceNoticeDays: 14, reviewLeadDays: 30, overduePolicy: 'notice', overdueGraceDays: 14 })
    const admin = await createUser(payload, { roles: ['admin'] })
    const adminCookie = await rest.login(admin.email, PASSWORD)
    const editorCookie = await rest.login(editor.email, PASSWORD)
    const set = await rest.patch(`/cancer-types/${w.type.id}`, {
      cookie: adminCookie,
      json: { overduePolicy: 'withdraw', evidenceNoticeDays: 0 },
    })
    expect(set.status, set.text).toBe(200)
    expect(set.body.doc).toMatchObject({ overduePolicy: 'withdraw', evidenceNoticeDays: 0 })
    const byEditor = await rest.patch(`/cancer-types/${w.type.id}`, { cookie: editorCookie, json: { overduePolicy: 'notice' } })
    expect(byEditor.status).toBe(200)
    expect(byEditor.body.doc.overduePolicy).toBe('withdraw') // field access: not the editor's to set
    const bad = await rest.patch(`/cancer-types/${w.type.id}`, {
      cookie: adminCookie,
      json: { overduePolicy: 'maybe', evidenceNoticeDays: -1 },
    })
    expect(bad.status).toBe(400)
    expect(errorMessage(bad)).toBe('-1 is less than the min allowed Value of 0.')
    const badPolicy = await rest.patch(`/cancer-types/${w.type.id}`, { cookie: adminCookie, json: { overduePolicy: 'maybe' } })
    expect(badPolicy.status).toBe(400)
    expect((await payload.findByID({ collection: 'cancer-types', id: w.type.id })).overduePolicy).toBe('withdraw')
  })
})

const dayOf = (date: Date) => date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
