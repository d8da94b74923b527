/**
 * The lifecycle of live answers against what editors do meanwhile: a withdrawal announces the page
 * that was live (not an editor's draft) and always goes through, a review waiting for a reviewer
 * stays in the forecast, a periodic review is never assigned already overdue, policy days are whole.
 */
import { addDays, subDays } from 'date-fns'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User, WebhookDelivery } from '@/payload-types'
import type { Id } from '@/lib/relationId'
import { PASSWORD, approveAs, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'
import { startWebhookReceiver } from '../helpers/webhookReceiver'

const receiver = await startWebhookReceiver()
Object.assign(process.env, { JOBS_AUTORUN: 'false', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')
const { resetClock, setClock } = await import('@/lib/clock')
const { runLifecycle } = await import('@/lib/lifecycle/runLifecycle')
const { routeForPeriodicReview } = await import('@/lib/lifecycle/periodicReview')
const { loadReviewerForecast } = await import('@/lib/dashboard/loadDashboard')
const { withTransaction } = await import('@/lib/transaction')
const { settleWebhooks, WEBHOOK_EVENTS } = await import('@/lib/webhooks')
const { forgetWebhookSettings } = await import('@/lib/webhooks/settings')
const { publicCatalog } = await import('@/lib/public/catalog')

let payload: Payload
let rest: RestClient
let editor: User
let editorCookie: string

beforeAll(async () => {
  forgetWebhookSettings()
  payload = await startPayload()
  rest = new RestClient(payload)
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  editorCookie = await rest.login(editor.email, PASSWORD)
  await receiver.start()
  await payload.create({
    collection: 'webhook-endpoints',
    // The secret is made by the collection's hook when none is given.
    data: { name: 'Patient portal', url: receiver.url, events: [...WEBHOOK_EVENTS] } as never,
    overrideAccess: true,
  })
})
afterAll(async () => {
  await settleWebhooks()
  await stopPayload(payload)
  await receiver.close()
})
afterEach(() => resetClock())

type World = { type: CancerType; source: GuidelineSource; reviewer: User }

async function world(policy: Partial<CancerType>, at?: Date): Promise<World> {
  if (at) setClock(at)
  const created = await createCancerType(payload)
  const type = (await payload.update({ collection: 'cancer-types', id: created.id, data: policy, overrideAccess: true })) as CancerType
  const source = await createSource(payload, type.id)
  const reviewer = await createUser(payload, {
    roles: ['reviewer'],
    specialties: [type.id],
    name: `Dr ${type.id}`,
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
  const published = await live(answer.id)
  expect(published._status).toBe('published')
  return published
}

const live = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: false }) as Promise<Answer>
const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true }) as Promise<Answer>
const sweepAt = (at: Date) => {
  setClock(at)
  return runLifecycle(payload)
}
async function inTransaction<T>(work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  return withTransaction(await createLocalReq({}, payload), work)
}
const deliveriesFor = async (answerId: Id) =>
  (
    await payload.find({
      collection: 'webhook-deliveries',
      where: { answerKey: { equals: String(answerId) } },
      sort: ['createdAt', 'id'],
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
  ).docs as WebhookDelivery[]

describe('withdrawal by the lifecycle, with an editor’s unapproved draft over the live answer', () => {
  it('announces the withdrawn LIVE answer (its public title and URL), not the unapproved draft', async () => {
    const at = new Date('2037-03-01T09:00:00.000Z')
    const w = await world({ reviewIntervalMonths: 6, reviewLeadDays: 7, overduePolicy: 'withdraw', overdueGraceDays: 3 }, at)
    const answer = await publishedAt(w, at)
    const due = new Date(answer.nextReviewDue!)
    // The editor starts a new version: a new title and address, not reviewed by anyone.
    setClock(subDays(due, 20))
    const edited = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { title: 'Unapproved draft title nobody reviewed yet', slug: 'unapproved-draft-address' },
    })
    expect(edited.status, edited.text).toBe(200)
    expect((await live(answer.id)).slug).toBe(answer.slug)

    await sweepAt(addDays(due, 3))
    expect((await live(answer.id))._status).toBe('draft')

    const withdrawn = (await deliveriesFor(answer.id)).filter((row) => row.event === 'answer.withdrawn')
    expect(withdrawn).toHaveLength(1)
    const body = JSON.parse(withdrawn[0]!.body!) as { answer: { title: string; slug: string; url: string } }
    // What the public site showed, and the address that now answers 404.
    expect(body.answer).toMatchObject({ title: answer.title, slug: answer.slug })
    expect(body.answer.url).toMatch(new RegExp(`/answers/${answer.slug}$`))
  })

  it('the withdrawn answer leaves the catalog (lists, search, sitemap)', async () => {
    const at = new Date('2037-05-01T09:00:00.000Z')
    const w = await world({ reviewIntervalMonths: 6, reviewLeadDays: 7, overduePolicy: 'withdraw', overdueGraceDays: 3 }, at)
    const answer = await publishedAt(w, at)
    const due = new Date(answer.nextReviewDue!)
    expect((await publicCatalog(payload)).answers.map((a) => a.slug)).toContain(answer.slug)
    await sweepAt(addDays(due, 3))
    expect((await live(answer.id))._status).toBe('draft')
    expect((await publicCatalog(payload)).answers.map((a) => a.slug)).not.toContain(answer.slug)
  })
})

describe('reviewer load forecast', () => {
  it('keeps a periodic review that waits for a reviewer in the forecast (as unassigned)', async () => {
    const at = new Date('2038-01-10T09:00:00.000Z')
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 30 }, at)
    const answer = await publishedAt(w, at)
    const due = new Date(answer.nextReviewDue!)
    setClock(subDays(due, 20))
    const total = async () => (await loadReviewerForecast(payload)).rows.reduce((sum, row) => sum + row.total, 0)
    const before = await total()
    // The only reviewer of the type is gone: the periodic review waits for one.
    await payload.update({ collection: 'users', id: w.reviewer.id, data: { active: false }, overrideAccess: true })
    expect(await inTransaction((req) => routeForPeriodicReview(req, answer.id, w.type, answer.nextReviewDue!))).toBe(true)
    expect((await latest(answer.id)).workflowStage).toBe('awaiting_reviewer')
    const forecast = await loadReviewerForecast(payload)
    const unassigned = forecast.rows.find((row) => row.reviewerId === null)
    // The review is still due; someone must do it: the forecast still counts it, as unassigned.
    expect(await total()).toBe(before)
    expect(unassigned?.total).toBe(1)
  })
})

const templatesFor = async (answerId: Id) =>
  (
    await payload.find({ collection: 'notifications', where: { 'related.value': { equals: answerId } }, pagination: false, depth: 0 })
  ).docs.map((mail) => mail.template)

describe('periodic review routed at (or after) its due date', () => {
  it('a cancer type with no lead time (reviewLeadDays 0, allowed): the reviewer gets a review that is not already overdue', async () => {
    const at = new Date('2039-02-01T09:00:00.000Z')
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 0, overduePolicy: 'notice', overdueGraceDays: 14 }, at)
    const answer = await publishedAt(w, at)
    const due = new Date(answer.nextReviewDue!)
    // The hourly sweep, 10 minutes after the due date: the review starts now.
    await sweepAt(new Date(due.getTime() + 10 * 60_000))
    const routed = await latest(answer.id)
    expect(routed.workflowStage).toBe('in_review')
    expect(await templatesFor(answer.id)).toContain('review_assigned')
    // The reviewer has time for it: its due date is not in the past, and no overdue reminder comes with the request.
    expect(new Date(routed.reviewDueAt!).getTime()).toBeGreaterThan(due.getTime() + 10 * 60_000)
    expect(await templatesFor(answer.id)).not.toContain('review_reminder')
  })

  it('a sweep that runs late assigns the review with a week to do it: no reminder or escalation comes with the request', async () => {
    const at = new Date('2039-06-01T09:00:00.000Z')
    const w = await world({ reviewIntervalMonths: 12, reviewLeadDays: 30, overduePolicy: 'notice', overdueGraceDays: 60 }, at)
    const answer = await publishedAt(w, at)
    const due = new Date(answer.nextReviewDue!)
    // The first sweep since the lead time began runs 5 days after the due date (server down, a deploy).
    await sweepAt(addDays(due, 5))
    const mails = await templatesFor(answer.id)
    expect(mails).toContain('review_assigned')
    // The reviewer just got the request: it cannot already be "overdue", nor escalated to the editor.
    expect(mails).not.toContain('review_reminder')
    expect(mails).not.toContain('review_escalation')
  })
})

describe('policy days are whole days', () => {
  it('a fractional evidenceNoticeDays (0.5) is a 400 (date arithmetic read it as 0: withdrawal at once); whole days are saved', async () => {
    const at = new Date('2040-02-01T09:00:00.000Z')
    const w = await world({}, at)
    const admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
    const cookie = await rest.login(admin.email, PASSWORD)
    const half = await rest.patch(`/cancer-types/${w.type.id}`, { cookie, json: { evidenceNoticeDays: 0.5 } })
    expect(half.status, half.text).toBe(400)
    expect(half.text).toContain('Enter a whole number (0.5 is not).')
    const whole = await rest.patch(`/cancer-types/${w.type.id}`, { cookie, json: { evidenceNoticeDays: 3 } })
    expect(whole.status, whole.text).toBe(200)
  })
})

describe('withdrawal of a live answer whose editor drafts another answer’s address', () => {
  it('the draft cannot take another answer’s address (400); a safety correction then takes the live answer offline', async () => {
    const at = new Date('2041-02-01T09:00:00.000Z')
    const w = await world({ evidenceNoticeDays: 14 }, at)
    const other = await publishedAt(w, at)
    const answer = await publishedAt(w, at)
    const edited = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { slug: other.slug } })
    expect(edited.status, edited.text).toBe(400)
    expect((edited.body as { errors: { data: { errors: { message: string }[] } }[] }).errors[0]!.data.errors[0]!.message).toBe(
      `The address "${other.slug}" is already used by another document: choose another.`,
    )
    // Nor the address another answer's unpublished draft holds.
    const drafted = await rest.patch(`/answers/${other.id}?draft=true`, { cookie: editorCookie, json: { slug: `${other.slug}-new` } })
    expect(drafted.status, drafted.text).toBe(200)
    const taken = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { slug: `${other.slug}-new` } })
    expect(taken.status, taken.text).toBe(400)
    // Its own address, sent back unchanged, is not "taken".
    expect((await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { slug: answer.slug } })).status).toBe(200)
    const changedOn = new Date('2041-03-01T09:00:00.000Z')
    setClock(changedOn)
    const { applyEvidencePolicy } = await import('@/lib/lifecycle/livePolicy')
    expect(await inTransaction((req) => applyEvidencePolicy(req, answer.id, { changedOn, safetyCorrection: true }))).toBe('withdrawn')
    expect((await live(answer.id))._status).toBe('draft')
  })
})
