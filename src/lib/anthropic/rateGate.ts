import pLimit, { type LimitFunction } from 'p-limit'

/**
 * Shared by every model call in the process: at most `concurrency` calls at once, and when the API
 * says to slow down (a 429's retry-after, or requests-remaining reaching 0 until the reset time) no
 * new call starts before that moment. The SDK still retries the call that got the 429 itself.
 */
export class RateGate {
  private readonly limit: LimitFunction
  private pausedUntil = 0
  observed = { throttledResponses: 0, pauses: 0 }

  constructor(readonly concurrency: number) {
    this.limit = pLimit(concurrency)
  }

  run<T>(call: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
      return call()
    })
  }

  /** Called with every HTTP response the SDK receives, retries included. */
  observe(status: number, headers: Headers): void {
    const now = Date.now()
    let until = 0
    if (status === 429 || status === 529) {
      this.observed.throttledResponses += 1
      const retryAfterMs = Number(headers.get('retry-after-ms'))
      const retryAfter = Number(headers.get('retry-after'))
      if (retryAfterMs > 0) until = now + retryAfterMs
      else if (retryAfter > 0) until = now + retryAfter * 1000
    }
    if (headers.get('anthropic-ratelimit-requests-remaining') === '0') {
      const reset = Date.parse(headers.get('anthropic-ratelimit-requests-reset') ?? '')
      if (reset > now) until = Math.max(until, reset)
    }
    if (until > this.pausedUntil) {
      this.pausedUntil = until
      this.observed.pauses += 1
    }
  }
}
