/**
 * The dashboard's reviewer load forecast (issue 14): per reviewer and week, open reviews by due
 * week and published answers whose next review falls that week (for whoever reviewed them last),
 * overdue ones apart, waiting answers as unassigned; time from the controlled clock.
 */
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { User } from '@/payload-types'
import { resetClock, setClock } from '@/lib/clock'
import { FORECAST_WEEKS, loadReviewerForecast } from '@/lib/dashboard/loadDashboard'
import { approveAs, createAnswerInReview, createCancerType, createCompleteDraft, createSource, createUser } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
})
afterEach(() => resetClock())
afterAll(async () => stopPayload(payload))

describe('reviewer load forecast', () => {
  it('counts open reviews by due week and periodic re-reviews for the last reviewer, per reviewer, for 12 weeks', async () => {
    setClock(new Date('2026-06-03T10:00:00Z')) // a Wednesday: the first week starts Monday 1 June
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const a = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Alpha' })
    const b = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Beta' })
    const lapsed = await createUser(payload, {
      roles: ['reviewer'],
      specialties: [type.id],
      name: 'Dr Lapsed',
      credentialsVerifiedOn: '2020-01-01T00:00:00.000Z',
    })
    const inReview = (reviewers: User[], reviewDueAt: string) =>
      createAnswerInReview(
        payload,
        { cancerTypeId: type.id, sourceId: source.id, reviewers, highRisk: reviewers.length > 1 },
        { reviewDueAt },
      )

    await inReview([a], '2026-06-10T12:00:00.000Z') // week 2
    await inReview([a, b], '2026-06-02T12:00:00.000Z') // week 1, for both
    await inReview([b], '2026-05-20T12:00:00.000Z') // overdue
    await inReview([b], '2026-10-01T12:00:00.000Z') // beyond the 12 weeks: not counted
    await createCompleteDraft(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, questionStatus: 'in_review' },
      { workflowStage: 'awaiting_reviewer', reviewDueAt: '2026-06-20T12:00:00.000Z' },
    )
    // Published, last reviewed by Dr Alpha; its next review is due in the week of 13 July (week 7).
    const published = await inReview([a], '2026-06-05T12:00:00.000Z')
    await approveAs(payload, a, published.id)
    await payload.db.updateOne({
      collection: 'answers',
      where: { id: { equals: published.id } },
      data: { nextReviewDue: '2026-07-15T00:00:00.000Z' },
    })

    // Published, last reviewed by Dr Beta, due in week 5, but already back in review (due after the
    // 12 weeks): it counts once, as open, so neither in week 5 nor in the forecast at all.
    const reopened = await inReview([b], '2026-06-05T12:00:00.000Z')
    await approveAs(payload, b, reopened.id)
    await payload.db.updateOne({
      collection: 'answers',
      where: { id: { equals: reopened.id } },
      data: { nextReviewDue: '2026-07-01T00:00:00.000Z' },
    })
    // A new draft, then sent to review (as routing would leave it).
    await payload.update({ collection: 'answers', id: reopened.id, data: { summary: 'A changed direct answer.' }, draft: true })
    await payload.update({
      collection: 'answers',
      id: reopened.id,
      data: { workflowStage: 'in_review', assignedReviewers: [b.id], reviewDueAt: '2026-12-01T00:00:00.000Z' },
      draft: true,
    })
    expect((await payload.findByID({ collection: 'answers', id: reopened.id, draft: true })).workflowStage).toBe('in_review')

    const forecast = await loadReviewerForecast(payload)
    expect(forecast.weekStarts).toHaveLength(FORECAST_WEEKS)
    expect(forecast.weekStarts.slice(0, 3)).toEqual(['2026-06-01', '2026-06-08', '2026-06-15'])
    const byName = Object.fromEntries(forecast.rows.map((row) => [row.name, row]))
    expect(forecast.rows.map((row) => row.name)).toEqual(['Dr Alpha', 'Dr Beta', 'Dr Lapsed', 'Unassigned'])

    const alpha = byName['Dr Alpha']!
    expect(alpha.total).toBe(3)
    expect(alpha.weeks[0]).toEqual({ open: 1, periodic: 0 })
    expect(alpha.weeks[1]).toEqual({ open: 1, periodic: 0 })
    expect(alpha.weeks[6]).toEqual({ open: 0, periodic: 1 })
    expect(alpha.unavailable).toBe(false)

    const beta = byName['Dr Beta']!
    expect(beta).toMatchObject({ total: 2, overdue: { open: 1, periodic: 0 } })
    expect(beta.weeks[0]).toEqual({ open: 1, periodic: 0 })

    expect(byName['Dr Lapsed']).toMatchObject({ reviewerId: String(lapsed.id), total: 0, unavailable: true })
    const unassigned = byName.Unassigned!
    expect(unassigned).toMatchObject({ reviewerId: null, total: 1 })
    expect(unassigned.weeks[2]).toEqual({ open: 1, periodic: 0 })
  })
})
