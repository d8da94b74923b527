/**
 * The reviewer load forecast on a server whose time zone is not UTC (UTC+9).
 * Every date the product shows is a UTC day (formatDay, the forecast's column headings, dueDates.ts).
 */
process.env.TZ = 'Asia/Tokyo'
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')
const { resetClock, setClock } = await import('@/lib/clock')
const { loadReviewerForecast } = await import('@/lib/dashboard/loadDashboard')

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
})
afterEach(() => resetClock())
afterAll(async () => stopPayload(payload))

describe('reviewer load forecast in a non-UTC server time zone', () => {
  it('weeks start on Monday (UTC) and a review due on a UTC Sunday counts in that week', async () => {
    expect(new Date('2026-06-01T00:00:00Z').getTimezoneOffset()).toBe(-540) // the process runs in UTC+9
    setClock(new Date('2026-06-03T10:00:00Z')) // a Wednesday: the first week starts Monday 1 June
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const a = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Tokyo' })
    // Due Sunday 7 June (UTC): the last day of the first week.
    await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, reviewers: [a] },
      { reviewDueAt: '2026-06-07T20:00:00.000Z' },
    )

    const forecast = await loadReviewerForecast(payload)
    expect(forecast.weekStarts.slice(0, 2)).toEqual(['2026-06-01', '2026-06-08'])
    const row = forecast.rows.find((r) => r.name === 'Dr Tokyo')!
    expect(row.weeks[0]).toEqual({ open: 1, periodic: 0 })
  })
})
