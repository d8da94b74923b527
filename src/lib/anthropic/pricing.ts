/**
 * USD per million tokens, from Anthropic's published pricing (checked 2026-11). The one place
 * prices live. Cache writes (5-minute TTL) cost 1.25x input, cache reads 0.1x input; the Message
 * Batches API halves everything.
 */
export const PRICES_PER_MTOK: Record<string, { input: number; output: number }> = {
  'claude-sonnet-5': { input: 2, output: 10 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-opus-5': { input: 5, output: 25 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-haiku-4-5-20251001': { input: 1, output: 5 },
}

export const CACHE_WRITE_MULTIPLIER = 1.25
export const CACHE_READ_MULTIPLIER = 0.1
export const BATCH_DISCOUNT = 0.5

export type TokenUsage = { tokensIn: number; tokensOut: number; tokensCacheRead: number; tokensCacheWrite: number }

/** Cost of one call in USD, or null for a model without a known price (never a guess). */
export function costUsd(model: string, usage: TokenUsage, { batch = false } = {}): number | null {
  const price = PRICES_PER_MTOK[model]
  if (!price) return null
  const inputEquivalent = usage.tokensIn + usage.tokensCacheWrite * CACHE_WRITE_MULTIPLIER + usage.tokensCacheRead * CACHE_READ_MULTIPLIER
  const dollars = (inputEquivalent * price.input + usage.tokensOut * price.output) / 1_000_000
  return round6(batch ? dollars * BATCH_DISCOUNT : dollars)
}

export const round6 = (value: number) => Math.round(value * 1e6) / 1e6

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    tokensIn: a.tokensIn + b.tokensIn,
    tokensOut: a.tokensOut + b.tokensOut,
    tokensCacheRead: a.tokensCacheRead + b.tokensCacheRead,
    tokensCacheWrite: a.tokensCacheWrite + b.tokensCacheWrite,
  }
}

export const NO_USAGE: TokenUsage = { tokensIn: 0, tokensOut: 0, tokensCacheRead: 0, tokensCacheWrite: 0 }
