import type { PayloadRequest } from 'payload'

import type { Answer } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import type { Id } from '../relationId'

/** The last days of a review interval over which due dates are spread (the interval is at least a month). */
export const DUE_DATE_SPREAD_DAYS = 28

const DAY_MS = 86_400_000

/**
 * The review due date of an answer published now: the day, among the last DUE_DATE_SPREAD_DAYS days
 * of its interval, on which the fewest live answers fall due (the latest such day on a tie), at the
 * interval's time of day. Never later than the interval, so answers approved together fall due over
 * several weeks instead of on one day. UTC days.
 */
export async function spreadReviewDueDate(req: PayloadRequest, intervalEnd: Date, exceptAnswerId?: Id): Promise<Date> {
  const firstDay = Math.floor(intervalEnd.getTime() / DAY_MS) - (DUE_DATE_SPREAD_DAYS - 1)
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: {
      and: [
        { _status: { equals: 'published' } },
        { nextReviewDue: { greater_than_equal: new Date(firstDay * DAY_MS).toISOString() } },
        { nextReviewDue: { less_than_equal: intervalEnd.toISOString() } },
        ...(exceptAnswerId === undefined ? [] : [{ id: { not_equals: exceptAnswerId } }]),
      ],
    },
    select: { nextReviewDue: true },
    draft: false,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const load = new Array<number>(DUE_DATE_SPREAD_DAYS).fill(0)
  for (const doc of docs as Pick<Answer, 'nextReviewDue'>[]) {
    const index = Math.floor(new Date(doc.nextReviewDue!).getTime() / DAY_MS) - firstDay
    if (index >= 0 && index < DUE_DATE_SPREAD_DAYS) load[index] += 1
  }
  // The latest of the least-loaded days: with nothing due, the interval itself.
  let best = DUE_DATE_SPREAD_DAYS - 1
  for (let index = DUE_DATE_SPREAD_DAYS - 2; index >= 0; index -= 1) if (load[index] < load[best]) best = index
  return new Date(intervalEnd.getTime() - (DUE_DATE_SPREAD_DAYS - 1 - best) * DAY_MS)
}
