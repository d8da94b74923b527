/**
 * Spend over ledger entries (collections/ModelUsage), the one sum the dashboard and
 * GET /api/model-usage/monthly both report, so they never disagree by a rounding. Each entry's cost
 * is already rounded to the micro-dollar (anthropic/pricing.ts); summing whole micro-dollars is
 * exact and does not depend on the order of the entries, where adding floats is neither
 * (0.1 + 0.2 is 0.30000000000000004).
 */
export type Spend = { costUsd: number; calls: number; unpricedCalls: number }

export function sumSpend(entries: readonly { costUsd?: number | null }[]): Spend {
  let micros = 0
  let unpricedCalls = 0
  for (const entry of entries) {
    if (typeof entry.costUsd === 'number') micros += Math.round(entry.costUsd * 1e6)
    else unpricedCalls += 1
  }
  return { costUsd: micros / 1e6, calls: entries.length, unpricedCalls }
}
