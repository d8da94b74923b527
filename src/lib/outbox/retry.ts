/**
 * The pieces every HTTP outbox shares (CDN purges, webhooks): the backoff between attempts, the
 * attempts started after a commit and not awaited by it, and a readable reason for a failed fetch.
 */
import type { Payload } from 'payload'

/** The first retry after the send right after the commit; each later one waits twice as long... */
export const FIRST_RETRY_MS = 10_000
/** ...up to this. There is no last attempt: the outboxes retry until the receiver accepts. */
export const MAX_RETRY_MS = 15 * 60_000

/** When attempt number `attempts + 1` is due, after `attempts` failed ones. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1))
}

/** fetch's "fetch failed" hides the reason (connection refused, DNS) in `cause`. */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error)
  if (error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}

/**
 * Attempts started after a commit and not awaited by it (a slow receiver must not slow the save).
 * `track` logs an attempt that throws before recording its outcome (its row stays pending and its job
 * retries it); `settle` resolves when every tracked attempt has finished (tests, shutdown).
 */
export function inFlightAttempts(what: string) {
  const inFlight = new Set<Promise<unknown>>()
  return {
    track(payload: Payload, attempt: Promise<unknown>): void {
      const settled = attempt.catch((error: unknown) =>
        payload.logger.error({ err: error, msg: `A ${what} attempt failed before it could record its outcome; its job retries it.` }),
      )
      inFlight.add(settled)
      void settled.finally(() => inFlight.delete(settled))
    },
    async settle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight])
    },
  }
}
