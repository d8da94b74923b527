/**
 * The admin at volume (issue 15): the editor's dashboard and the reviewer forecast make a fixed
 * number of database reads whatever the number of answers (no read per answer or per reviewer),
 * and on SQLite the pipeline counts and the forecast's read of the answers in review are answered
 * from the (latest, stage, review due) index of the answer versions, without reading a row. The
 * permission checks of an admin page look up a reviewer's assigned answers and lockable documents
 * once per request, however many `req`s the page builds and operations it checks.
 */
import { createLocalReq, getAccessResults, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { User } from '@/payload-types'
import { forecastAnswers, loadEditorDashboard, loadReviewerForecast } from '@/lib/dashboard/loadDashboard'
import { approveAs, createAnswerInReview, createCancerType, createCompleteDraft, createSource, createUser } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { isMongo, startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let type: Awaited<ReturnType<typeof createCancerType>>
let source: Awaited<ReturnType<typeof createSource>>
beforeAll(async () => {
  payload = await startPayload()
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
})
afterAll(async () => stopPayload(payload))

const READS = ['find', 'findOne', 'queryDrafts', 'findVersions', 'count', 'countVersions'] as const

/** Adapter reads made by `work`, by operation. */
async function readsOf(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const calls: Record<string, number> = {}
  const spies = READS.map((method) => {
    const original = (payload.db[method] as (args: unknown) => unknown).bind(payload.db)
    return vi.spyOn(payload.db, method).mockImplementation(((args: unknown) => {
      calls[method] = (calls[method] ?? 0) + 1
      return original(args)
    }) as never)
  })
  try {
    await work()
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
  return calls
}

const inReviewFor = (reviewers: User[], day: number) =>
  createAnswerInReview(
    payload,
    { cancerTypeId: type.id, sourceId: source.id, reviewers },
    { reviewDueAt: new Date(Date.now() + day * 86_400_000).toISOString() },
  )

describe('admin read budget', () => {
  it('the editor dashboard and the forecast read the same number of times for one answer in review as for six', async () => {
    const first = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr First' })
    await inReviewFor([first], 3)
    const dashboard = () => loadEditorDashboard(payload)
    const forecast = () => loadReviewerForecast(payload)
    await dashboard() // the month's model spend is summed once, then kept while no usage row is added
    const [dashboardFew, forecastFew] = [await readsOf(dashboard), await readsOf(forecast)]

    const more = await Promise.all(
      ['Dr Second', 'Dr Third'].map((name) => createUser(payload, { roles: ['reviewer'], specialties: [type.id], name })),
    )
    for (const [index, reviewer] of [...more, first, ...more].entries()) await inReviewFor([reviewer], index * 9 - 4)
    const [dashboardMany, forecastMany] = [await readsOf(dashboard), await readsOf(forecast)]

    expect(dashboardMany).toEqual(dashboardFew)
    expect(forecastMany).toEqual(forecastFew)
    // 9 question statuses, the month's model usage rows and 6 answer stages counted, then 5 short
    // lists (failed drafts, overdue, flagged, due soon, cancer type names); the forecast: whether any
    // answer changed (the newest answer version and their number), answers in review, live answers
    // due within 12 weeks, active reviewers.
    expect(dashboardMany).toEqual({ count: 10, countVersions: 6, find: 3, queryDrafts: 2 })
    expect(forecastMany).toEqual({ findVersions: 1, countVersions: 1, find: 2, queryDrafts: 1 })
    const rows = (await forecast()).rows
    expect(rows.filter((row) => row.reviewerId !== null).map((row) => row.total)).toEqual([2, 2, 2])
  })

  it('the forecast keeps the answers it read while no answer changes, and reads them again after any change', async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Kept' })
    const answer = await inReviewFor([reviewer], 3)
    const load = async () => (await loadReviewerForecast(payload)).rows.find((row) => row.reviewerId === String(reviewer.id))?.total
    expect(await load()).toBe(1)
    // Nothing changed: only the check that nothing did (the newest version, the number of versions) and the reviewers.
    expect(await readsOf(load)).toEqual({ findVersions: 1, countVersions: 1, find: 1 })
    // A draft save (a new version) that takes the review away from them.
    await payload.update({ collection: 'answers', id: answer.id, data: { assignedReviewers: [] }, draft: true, overrideAccess: true })
    expect(await load()).toBe(0)
    // A deletion removes versions and adds none: the next forecast reads the answers again.
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, questionStatus: 'drafted' })
    expect(await load()).toBe(0)
    await payload.delete({ collection: 'answers', id: draft.id, overrideAccess: true })
    expect(await readsOf(load)).toEqual({ findVersions: 1, countVersions: 1, find: 2, queryDrafts: 1 })
  })

  it('the forecast reads the answers in review, waiting and reopened, and the live ones due', async () => {
    const [alpha, beta] = await Promise.all(
      ['Dr Alpha', 'Dr Beta'].map((name) => createUser(payload, { roles: ['reviewer'], specialties: [type.id], name })),
    )
    const pair = await inReviewFor([alpha!, beta!], 2) // two assigned reviewers, in their order
    const waiting = await inReviewFor([], 10)
    await payload.update({ collection: 'answers', id: waiting.id, data: { workflowStage: 'awaiting_reviewer' }, draft: true })
    // Live, last reviewed by Dr Beta, then a new draft back in review: both reads list it.
    const live = await inReviewFor([beta!], 1)
    await approveAs(payload, beta!, live.id)
    await payload.db.updateOne({
      collection: 'answers',
      where: { id: { equals: live.id } },
      data: { nextReviewDue: '2026-01-01T00:00:00.000Z' },
    })
    await payload.update({ collection: 'answers', id: live.id, data: { summary: 'A changed direct answer.' }, draft: true })
    await payload.update({
      collection: 'answers',
      id: live.id,
      data: { workflowStage: 'in_review', assignedReviewers: [alpha!.id], reviewDueAt: '2027-06-01T00:00:00.000Z' },
      draft: true,
    })
    const end = new Date('2027-01-01T00:00:00.000Z')
    const local = await forecastAnswers(payload, end)
    expect(local.open.find((answer) => answer.id === String(pair.id))).toMatchObject({ reviewers: [String(alpha!.id), String(beta!.id)] })
    expect(local.periodic.map((answer) => answer.id)).toContain(String(live.id))
    expect(local.open.find((answer) => answer.id === String(live.id))).toMatchObject({ stage: 'in_review', reviewers: [String(alpha!.id)] })
    expect(local.open.find((answer) => answer.id === String(waiting.id))).toMatchObject({ stage: 'awaiting_reviewer', reviewers: [] })
  })

  it.skipIf(isMongo())('counts stages and reads the answers in review from the answer-versions index alone (SQLite)', async () => {
    const { drizzle } = payload.db as unknown as { drizzle: { all: (query: string) => Promise<{ detail: string }[]> } }
    const plan = async (query: string) => (await drizzle.all(`EXPLAIN QUERY PLAN ${query}`)).map((step) => step.detail).join('\n')
    // The statements Payload's SQLite adapter sends for a stage count and the forecast's read.
    expect(await plan(`select count(*) from _answers_v where latest = 1 and version_workflow_stage = 'in_review'`)).toContain(
      'COVERING INDEX _answers_v_latest_stage_due_idx',
    )
    expect(
      await plan(
        `select id, parent_id, version_workflow_stage, version_review_due_at from _answers_v
         where latest = 1 and version_workflow_stage in ('awaiting_reviewer', 'in_review')
         order by version_review_due_at asc, created_at desc`,
      ),
    ).toContain('COVERING INDEX _answers_v_latest_stage_due_idx')
  })

  it("a page's permission checks look a reviewer's assignments and lockable documents up once per request, not per req or operation", async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Once' })
    const first = await inReviewFor([reviewer], 2)
    const asReviewer = (headers: Headers) =>
      createLocalReq({ user: { ...reviewer, collection: 'users' } as never, req: { headers } as never }, payload)
    // Payload's admin builds a req for the root layout and one for the page (same request headers),
    // and each computes every collection's permissions, several operations at a time.
    const page = new Headers()
    const reads = await readsOf(async () => {
      for (const req of [await asReviewer(page), await asReviewer(page)]) {
        const permissions = await getAccessResults({ req })
        expect(permissions.collections?.answers?.read).toMatchObject({ permission: true })
      }
    })
    // Once: the answers assigned to them (readAnswers); the users they may update, for the edit locks.
    expect(reads).toEqual({ queryDrafts: 1, find: 1 })

    // The next request looks up again: an answer assigned since is readable, one taken away is not.
    const second = await inReviewFor([reviewer], 4)
    await payload.update({ collection: 'answers', id: first.id, data: { assignedReviewers: [] }, draft: true, overrideAccess: true })
    const next = await asReviewer(new Headers())
    const readable = async (id: string | number) =>
      (
        await payload.find({
          collection: 'answers',
          where: { id: { equals: id } },
          draft: true,
          depth: 0,
          overrideAccess: false,
          req: next,
        })
      ).totalDocs
    expect([await readable(first.id), await readable(second.id)]).toEqual([0, 1])
  })
})
