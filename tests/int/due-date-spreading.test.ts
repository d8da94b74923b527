/**
 * Issue 15: the review due date of a published answer is spread over the last days of its interval
 * with one count per day (from the latest back, stopping at an empty day), not by reading every live
 * answer due in that window: publishing 1,000 answers approved together was quadratic. These tests
 * place live answers' due dates directly and check the day chosen, the window's bounds, and that the
 * reads neither load documents nor grow with the number of answers due.
 */
import { addMonths } from 'date-fns'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Answer, User } from '@/payload-types'
import { DUE_DATE_SPREAD_DAYS, spreadReviewDueDate } from '@/lib/lifecycle/dueDates'
import { resetClock, setClock } from '@/lib/clock'
import type { Id } from '@/lib/relationId'
import { approveAs, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')

const DAY = 86_400_000
// Far from any date another test publishes around.
const END = new Date('2046-06-15T09:30:00.000Z')
let payload: Payload
const live: Answer[] = []

beforeAll(async () => {
  payload = await startPayload()
  // Everything happens a year before the interval's end (credentials are verified on that day too).
  setClock(addMonths(END, -12))
  const type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  const reviewer: User = await createUser(payload, {
    roles: ['reviewer'],
    specialties: [type.id],
    name: 'Dr Spread',
    credentials: 'MD',
    credentialsIntervalMonths: 120,
  })
  const editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Spread' })
  for (let i = 0; i < 3; i += 1) {
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] },
      { lastEditedBy: editor.id },
    )
    await approveAs(payload, reviewer, answer.id)
    live.push((await payload.findByID({ collection: 'answers', id: answer.id, depth: 0, draft: false })) as Answer)
  }
  resetClock()
  expect(live.map((answer) => answer._status)).toEqual(['published', 'published', 'published'])
}, 120_000)
afterAll(async () => stopPayload(payload))

/** Puts the live answers' review due dates where the case needs them (the adapter: no hooks, no new version). */
async function dueAt(...dates: Date[]) {
  for (const [index, answer] of live.entries())
    await payload.db.updateOne({
      collection: 'answers',
      id: answer.id,
      data: { nextReviewDue: (dates[index] ?? new Date('2090-01-01')).toISOString() },
    })
}

const spread = async (except?: Id) => (await spreadReviewDueDate(await createLocalReq({}, payload), END, except)).toISOString()
const daysBefore = (days: number, from = END) => new Date(from.getTime() - days * DAY)

describe('spreading review due dates', () => {
  it('picks the latest of the least-loaded days of the window', async () => {
    await dueAt(END, daysBefore(1), daysBefore(27))
    expect(await spread()).toBe(daysBefore(2).toISOString())
    await dueAt(END, daysBefore(1), daysBefore(2))
    expect(await spread()).toBe(daysBefore(3).toISOString())
  })

  it('counts whole UTC days, and on the last day only what falls due by the interval itself', async () => {
    // Later on the interval's own day: outside the window, so that day is still free.
    await dueAt(new Date(END.getTime() + 3_600_000), daysBefore(1))
    expect(await spread()).toBe(END.toISOString())
    // Earlier on the interval's day, and the first minute of the day before: both days are taken.
    const dayBeforeStart = new Date(Math.floor(END.getTime() / DAY) * DAY - DAY)
    await dueAt(new Date(END.getTime() - 3_600_000), dayBeforeStart)
    expect(await spread()).toBe(daysBefore(2).toISOString())
  })

  it('leaves out the answer being published and answers due outside the window', async () => {
    await dueAt(END, daysBefore(DUE_DATE_SPREAD_DAYS), daysBefore(30))
    expect(await spread(live[0]!.id)).toBe(END.toISOString())
    expect(await spread()).toBe(daysBefore(1).toISOString())
  })

  it('counts per day and reads no document, however many answers fall due in the window', async () => {
    const calls = { count: 0, reads: 0 }
    const spy = (method: 'count' | 'find' | 'findOne' | 'queryDrafts' | 'findVersions') => {
      const original = (payload.db[method] as (args: unknown) => unknown).bind(payload.db)
      return vi.spyOn(payload.db, method).mockImplementation(((args: unknown) => {
        if (method === 'count') calls.count += 1
        else calls.reads += 1
        return original(args)
      }) as never)
    }
    const spies = (['count', 'find', 'findOne', 'queryDrafts', 'findVersions'] as const).map(spy)
    try {
      // Nothing due on the interval's day: one count.
      await dueAt(daysBefore(1), daysBefore(2), daysBefore(3))
      await spread()
      expect(calls).toEqual({ count: 1, reads: 0 })
      // Every one of the last three days taken: counts until the first free day, still no document read.
      calls.count = 0
      await dueAt(END, daysBefore(1), daysBefore(2))
      expect(await spread()).toBe(daysBefore(3).toISOString())
      expect(calls).toEqual({ count: 4, reads: 0 })
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
  })
})
