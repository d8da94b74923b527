/**
 * Two lifecycle sweeps at once: the hourly timer and an admin's "run now" (or two workers) may start
 * together. Each reads its candidates before acting, so both can find the same answer due. Every
 * step re-reads its answer (or reviewer) in the transaction that acts on it, so the second sweep
 * finds it already done: one email, one event, one change per answer and state, whichever sweep
 * got there first. SQLite serializes the two sweeps' transactions; MongoDB would make the second
 * of two concurrent writes of one document fail and roll back with its emails.
 */
import { addDays, subDays } from 'date-fns'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { resetClock, setClock } from '@/lib/clock'
import { remindCredentialLapses } from '@/lib/credentials'
import { applyEvidencePolicy } from '@/lib/lifecycle/livePolicy'
import { applyOverduePolicy, expireEvidenceNotices, remindBeforeDue } from '@/lib/lifecycle/periodicReview'
import { remindOverdueReviews } from '@/lib/workflow/reviewReminders'
import { runLifecycle, type LifecycleRun } from '@/lib/lifecycle/runLifecycle'
import { withTransaction } from '@/lib/transaction'
import { findPublicAnswer } from '@/lib/public/queries'
import type { Id } from '@/lib/relationId'
import { approveAs, createAnswerInReview, createCancerType, createSource, createUser, unique } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
delete process.env.CREDENTIALS_VERIFICATION_MONTHS
delete process.env.CREDENTIALS_REMINDER_DAYS
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let editor: User

beforeAll(async () => {
  payload = await startPayload()
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
})
afterAll(async () => stopPayload(payload))
afterEach(() => resetClock())

type World = { type: CancerType; source: GuidelineSource; reviewer: User }

async function world(policy: Partial<CancerType>): Promise<World> {
  const created = await createCancerType(payload)
  const type = (await payload.update({ collection: 'cancer-types', id: created.id, data: policy, overrideAccess: true })) as CancerType
  const source = await createSource(payload, type.id)
  const reviewer = await createUser(payload, {
    roles: ['reviewer'],
    specialties: [type.id],
    name: unique('Dr Sweep'),
    credentials: 'MD',
    credentialsIntervalMonths: 120,
  })
  return { type, source, reviewer }
}

async function publishedAt(w: World, at: Date): Promise<Answer> {
  setClock(at)
  const answer = await createAnswerInReview(
    payload,
    { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [w.reviewer] },
    { lastEditedBy: editor.id },
  )
  await approveAs(payload, w.reviewer, answer.id)
  return live(answer.id)
}

const live = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: false }) as Promise<Answer>
const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true }) as Promise<Answer>
const mails = async (answerId: Id, template: string) =>
  (
    await payload.find({
      collection: 'notifications',
      where: { and: [{ 'related.value': { equals: answerId } }, { template: { equals: template } }] },
      pagination: false,
      depth: 0,
    })
  ).docs.map((mail) => mail.to)
const events = async (answerId: Id, event: string) =>
  (await payload.find({ collection: 'workflow-events', where: { and: [{ answer: { equals: answerId } }, { event: { equals: event } }] } }))
    .totalDocs
const sweepAt = (at: Date) => {
  setClock(at)
  return runLifecycle(payload)
}
/** Two whole sweeps started together at `at`, as the timer and an admin's "run now" might. */
async function twoSweepsAt(at: Date): Promise<[LifecycleRun, LifecycleRun]> {
  setClock(at)
  return Promise.all([runLifecycle(payload), runLifecycle(payload)])
}
/**
 * One step of two sweeps started together at `at`. The steps of two whole sweeps drift apart (each
 * step's transactions differ in number), so each step's race is set up on its own: both read their
 * candidates before either acts.
 */
function stepTwiceAt<T>(step: (payload: Payload, now: Date) => Promise<T>, at: Date): Promise<[T, T]> {
  setClock(at)
  return Promise.all([step(payload, at), step(payload, at)])
}

async function inTransaction<T>(work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  return withTransaction(await createLocalReq({}, payload), work)
}

describe('two lifecycle sweeps at once', () => {
  it('route a periodic review once (two whole sweeps)', async () => {
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 30 })
    const answer = await publishedAt(w, new Date('2028-01-05T09:00:00.000Z'))
    await twoSweepsAt(subDays(new Date(answer.nextReviewDue!), 29))
    expect(await latest(answer.id)).toMatchObject({ workflowStage: 'in_review', assignedReviewers: [w.reviewer.id] })
    expect(await events(answer.id, 'review_due')).toBe(1)
    expect(await mails(answer.id, 'review_assigned')).toEqual([w.reviewer.email])
  })

  it('remind the reviewer once before the due date', async () => {
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 30 })
    const answer = await publishedAt(w, new Date('2029-01-05T09:00:00.000Z'))
    const due = new Date(answer.nextReviewDue!)
    await sweepAt(subDays(due, 29))
    const counts = await stepTwiceAt(remindBeforeDue, subDays(due, 6))
    expect(counts.sort()).toEqual([0, 1])
    expect(await mails(answer.id, 'review_reminder')).toEqual([w.reviewer.email])
  })

  it('remind once when overdue, and escalate to the editor once', async () => {
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 30, overduePolicy: 'notice', overdueGraceDays: 60 })
    const answer = await publishedAt(w, new Date('2030-01-05T09:00:00.000Z'))
    const due = new Date(answer.nextReviewDue!)
    await sweepAt(subDays(due, 29))
    // Not reminded before the due date (no sweep then): the overdue reminder and the escalation fall together.
    const counts = await stepTwiceAt(remindOverdueReviews, addDays(due, 4))
    expect(counts.map((run) => run.reminded).sort()).toEqual([0, 1])
    expect(counts.map((run) => run.escalated).sort()).toEqual([0, 1])
    expect(await mails(answer.id, 'review_reminder')).toEqual([w.reviewer.email])
    expect(await mails(answer.id, 'review_escalation')).toEqual([editor.email])
  })

  it('show the overdue notice once, with one email to the editor', async () => {
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 14, overduePolicy: 'notice', overdueGraceDays: 10 })
    const answer = await publishedAt(w, new Date('2031-01-05T09:00:00.000Z'))
    const due = new Date(answer.nextReviewDue!)
    // (Answers of the tests above are overdue too: the counts include them, the emails are this answer's.)
    await stepTwiceAt(applyOverduePolicy, addDays(due, 11))
    expect(await mails(answer.id, 'live_notice')).toEqual([editor.email])
    // Its periodic review never started (no sweep ran in its lead time): routed once, by one of them.
    expect(await events(answer.id, 'review_due')).toBe(1)
    expect(await mails(answer.id, 'review_assigned')).toEqual([w.reviewer.email])
    expect((await findPublicAnswer(payload, answer.slug!))?.notice).toMatchObject({ kind: 'review_overdue' })
  })

  it('withdraw an overdue answer once', async () => {
    const w = await world({ reviewIntervalMonths: 6, reviewLeadDays: 7, overduePolicy: 'withdraw', overdueGraceDays: 3 })
    const answer = await publishedAt(w, new Date('2032-01-05T09:00:00.000Z'))
    const due = new Date(answer.nextReviewDue!)
    await sweepAt(subDays(due, 6))
    const counts = await stepTwiceAt(applyOverduePolicy, addDays(due, 3))
    expect(counts.map((run) => run.withdrawn).sort()).toEqual([0, 1])
    expect((await live(answer.id))._status).toBe('draft')
    expect(await events(answer.id, 'withdraw_live')).toBe(1)
    expect(await mails(answer.id, 'answer_withdrawn')).toEqual([editor.email])
  })

  it('withdraw an answer whose evidence notice ran out once', async () => {
    const w = await world({ evidenceNoticeDays: 10 })
    const answer = await publishedAt(w, new Date('2033-01-05T09:00:00.000Z'))
    const changedOn = new Date('2033-03-02T12:00:00.000Z')
    setClock(changedOn)
    expect(await inTransaction((req) => applyEvidencePolicy(req, answer.id, { changedOn, safetyCorrection: false }))).toBe('noticed')
    expect((await stepTwiceAt(expireEvidenceNotices, addDays(changedOn, 10))).sort()).toEqual([0, 1])
    expect(await findPublicAnswer(payload, answer.slug!)).toBeNull()
    expect(await events(answer.id, 'withdraw_live')).toBe(1)
    expect(await mails(answer.id, 'answer_withdrawn')).toEqual([editor.email])
  })

  it('tell the admins of a reviewer’s coming lapse once', async () => {
    // Verified on a day already past (a verification date in the future is refused).
    setClock(new Date('2033-02-02T09:00:00.000Z'))
    const admin = await createUser(payload, { roles: ['admin'], name: unique('Ada Admin') })
    const type = await createCancerType(payload)
    const reviewer = await createUser(payload, {
      roles: ['reviewer'],
      specialties: [type.id],
      name: unique('Dr Lapsing'),
      credentials: 'MD',
      credentialsVerifiedOn: '2033-02-01T00:00:00.000Z',
      credentialsIntervalMonths: 24,
    })
    // Verified for the ten years the other tests' reviewers are: only this one lapses soon.
    const counts = await stepTwiceAt(remindCredentialLapses, new Date('2035-01-20T09:00:00.000Z'))
    expect(counts.map((run) => run.reminded).sort()).toEqual([0, 1])
    const { docs } = await payload.find({
      collection: 'notifications',
      where: { and: [{ template: { equals: 'credentials_lapse' } }, { subject: { contains: reviewer.name } }] },
      pagination: false,
      depth: 0,
    })
    expect(docs.filter((mail) => mail.to === admin.email)).toHaveLength(1)
  })
})
