import type { PayloadRequest } from 'payload'

import type { ModelUsage } from '@/payload-types'
import { MODEL_USAGE } from '@collections/slugs'
import { sumSpend } from './spend'

export type MonthlyUsage = {
  month: string
  calls: number
  tokensIn: number
  tokensOut: number
  tokensCacheRead: number
  tokensCacheWrite: number
  costUsd: number
  unpricedCalls: number
}

type Entry = Pick<ModelUsage, 'month' | 'tokensIn' | 'tokensOut' | 'tokensCacheRead' | 'tokensCacheWrite' | 'costUsd'>

/** Spend and tokens per month over the last `months` months (this one included), newest first. */
export async function loadMonthlyModelUsage(req: PayloadRequest, months: number, now = new Date()): Promise<MonthlyUsage[]> {
  const { docs } = await req.payload.find({
    collection: MODEL_USAGE,
    where: { month: { greater_than_equal: firstMonthOfWindow(now, months) } },
    select: { month: true, tokensIn: true, tokensOut: true, tokensCacheRead: true, tokensCacheWrite: true, costUsd: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const byMonth = new Map<string, Entry[]>()
  for (const entry of docs as Entry[]) byMonth.set(entry.month, [...(byMonth.get(entry.month) ?? []), entry])
  const total = (entries: Entry[], field: 'tokensIn' | 'tokensOut' | 'tokensCacheRead' | 'tokensCacheWrite') =>
    entries.reduce((sum, entry) => sum + (entry[field] ?? 0), 0)
  return [...byMonth.entries()]
    .map(([month, entries]) => {
      const { costUsd, calls, unpricedCalls } = sumSpend(entries)
      return {
        month,
        calls,
        tokensIn: total(entries, 'tokensIn'),
        tokensOut: total(entries, 'tokensOut'),
        tokensCacheRead: total(entries, 'tokensCacheRead'),
        tokensCacheWrite: total(entries, 'tokensCacheWrite'),
        costUsd,
        unpricedCalls,
      }
    })
    .sort((a, b) => b.month.localeCompare(a.month))
}

/** The first month (YYYY-MM, UTC) of a window of `months` ending with the month of `now`. */
export function firstMonthOfWindow(now: Date, months: number): string {
  // From the first day of the month: on the 31st, "one month back" must not roll over into this one.
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1)).toISOString().slice(0, 7)
}
