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
import type { Id } from '@/lib/relationId'
import { PASSWORD, approveAs, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'
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
    reviewers.push(await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: `Dr ${i + 1}`, credentials: 'MD' }))
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
