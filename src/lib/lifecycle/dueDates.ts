import type { PayloadRequest } from 'payload'

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
 *
 * One indexed count per day, from the latest day back, stopping at a day with none due: the cost
 * does not grow with the number of live answers (reading every answer due in the window made
 * publishing 1,000 answers approved together quadratic, see `npm run bench:publish`). The counts go
 * to the adapter (in the caller's transaction): a read-only count that no access rule or hook
 * concerns, where the Local API's count costs ten times more per call (~1 ms) than the query.
 */
export async function spreadReviewDueDate(req: PayloadRequest, intervalEnd: Date, exceptAnswerId?: Id): Promise<Date> {
  const firstDay = Math.floor(intervalEnd.getTime() / DAY_MS) - (DUE_DATE_SPREAD_DAYS - 1)
  const dueOn = async (index: number) => {
    const dayStart = (firstDay + index) * DAY_MS
    const last = index === DUE_DATE_SPREAD_DAYS - 1
    const { totalDocs } = await req.payload.db.count({
      collection: ANSWERS,
      where: {
        and: [
          { _status: { equals: 'published' } },
          { nextReviewDue: { greater_than_equal: new Date(dayStart).toISOString() } },
          // The last day ends at the interval itself (nothing later counts), the others at midnight.
          last
            ? { nextReviewDue: { less_than_equal: intervalEnd.toISOString() } }
            : { nextReviewDue: { less_than: new Date(dayStart + DAY_MS).toISOString() } },
          ...(exceptAnswerId === undefined ? [] : [{ id: { not_equals: exceptAnswerId } }]),
        ],
      },
      req,
    })
    return totalDocs
  }
  // The latest of the least-loaded days: with nothing due, the interval itself.
  let best = DUE_DATE_SPREAD_DAYS - 1
  let bestLoad = await dueOn(best)
  for (let index = DUE_DATE_SPREAD_DAYS - 2; index >= 0 && bestLoad > 0; index -= 1) {
    const load = await dueOn(index)
    if (load < bestLoad) [best, bestLoad] = [index, load]
  }
  return new Date(intervalEnd.getTime() - (DUE_DATE_SPREAD_DAYS - 1 - best) * DAY_MS)
}
