import type { Endpoint } from 'payload'

import { requireRole } from '@/access/requireRole'
import { round6 } from '@/lib/anthropic/pricing'
import { MODEL_USAGE } from '@collections/slugs'

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

/** GET /api/model-usage/monthly?months=12: spend per month, newest first. */
export const monthlyModelUsage: Endpoint = {
  path: '/monthly',
  method: 'get',
  handler: async (req) => {
    requireRole(req, ['editor', 'admin'], 'see model spend')
    const monthsParam = Number(req.searchParams.get('months') ?? 12)
    const months = Number.isInteger(monthsParam) && monthsParam >= 1 && monthsParam <= 120 ? monthsParam : 12
    return Response.json({ months: await sumByMonth(req, months) })
  },
}

export async function sumByMonth(req: Parameters<Endpoint['handler']>[0], months: number): Promise<MonthlyUsage[]> {
  const firstMonth = firstMonthOfWindow(new Date(), months)
  const { docs } = await req.payload.find({
    collection: MODEL_USAGE,
    where: { month: { greater_than_equal: firstMonth } },
    select: { month: true, tokensIn: true, tokensOut: true, tokensCacheRead: true, tokensCacheWrite: true, costUsd: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const totals = new Map<string, MonthlyUsage>()
  for (const entry of docs) {
    const row = totals.get(entry.month) ?? {
      month: entry.month,
      calls: 0,
      tokensIn: 0,
      tokensOut: 0,
      tokensCacheRead: 0,
      tokensCacheWrite: 0,
      costUsd: 0,
      unpricedCalls: 0,
    }
    row.calls += 1
    row.tokensIn += entry.tokensIn ?? 0
    row.tokensOut += entry.tokensOut ?? 0
    row.tokensCacheRead += entry.tokensCacheRead ?? 0
    row.tokensCacheWrite += entry.tokensCacheWrite ?? 0
    if (typeof entry.costUsd === 'number') row.costUsd = round6(row.costUsd + entry.costUsd)
    else row.unpricedCalls += 1
    totals.set(entry.month, row)
  }
  return [...totals.values()].sort((a, b) => b.month.localeCompare(a.month))
}

/** The first month (YYYY-MM, UTC) of a window of `months` ending with the month of `now`. */
export function firstMonthOfWindow(now: Date, months: number): string {
  // From the first day of the month: on the 31st, "one month back" must not roll over into this one.
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1)).toISOString().slice(0, 7)
}
