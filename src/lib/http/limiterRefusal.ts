import type { RateLimiterRes } from 'rate-limiter-flexible'

/**
 * A rate limiter's refusal, recognised by its shape. Next bundles rate-limiter-flexible into each
 * route that imports it, while the project keeps its limiters on globalThis (one count per process):
 * a limiter made by one route's copy rejects with that copy's RateLimiterRes, which is not an
 * instance of another copy's class, so `instanceof` turned a 429 into a 500 in production.
 */
export function isLimiterRefusal(result: unknown): result is Pick<RateLimiterRes, 'msBeforeNext' | 'consumedPoints'> {
  return (
    typeof result === 'object' &&
    result !== null &&
    typeof (result as RateLimiterRes).msBeforeNext === 'number' &&
    typeof (result as RateLimiterRes).consumedPoints === 'number'
  )
}
