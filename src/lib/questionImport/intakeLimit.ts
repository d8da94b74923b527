import { RateLimiterMemory } from 'rate-limiter-flexible'

import type { ApiKeyPrincipal } from '@/lib/apiKeys/cache'
import { loadEnv } from '@/lib/env'
import { TooManyRequests } from '@/lib/errors'
import { isLimiterRefusal } from '@/lib/http/limiterRefusal'

const HOUR_SECONDS = 3_600

type State = { perHour: number; limiter?: RateLimiterMemory }
// One counter per process, shared by every route Next bundles this module into.
const STATE_KEY = '__clinicianReviewedCmsIntakeLimit'
const shared = globalThis as typeof globalThis & { [STATE_KEY]?: State }

function state(): State {
  if (shared[STATE_KEY]) return shared[STATE_KEY]
  const perHour = loadEnv().apiKeys.intakePerHour
  return (shared[STATE_KEY] = {
    perHour,
    limiter: perHour > 0 ? new RateLimiterMemory({ keyPrefix: 'intake:key', points: perHour, duration: HOUR_SECONDS }) : undefined,
  })
}

/** For tests: the limit read again from the environment, counters from zero. */
export function resetIntakeLimit(): void {
  delete shared[STATE_KEY]
}

/** Questions this key may still create in the current hour, for a reservation of `count`. */
export type IntakeReservation = { release(unused: number): Promise<void> }

/**
 * Reserves `count` questions of the key's hourly allowance (QUESTION_INTAKE_RATE_LIMIT) before a
 * request is checked, so two requests at once cannot both pass the limit; the request gives back
 * what it did not create (refused items, a failed transaction), so only created questions count.
 * A request that does not fit is refused whole (429 with Retry-After), nothing checked or saved:
 * every question created is backlog work and, once drafted, model spend.
 */
export async function reserveIntake(principal: ApiKeyPrincipal, count: number): Promise<IntakeReservation> {
  const { limiter, perHour } = state()
  if (!limiter || count === 0) return { release: async () => {} }
  const key = String(principal.id)
  try {
    await limiter.consume(key, count)
  } catch (refused) {
    if (!isLimiterRefusal(refused)) throw refused
    // A refused consume still counts its points: give them back, the request created nothing.
    await limiter.reward(key, count)
    const left = Math.max(0, perHour - (refused.consumedPoints - count))
    const retryAfter = Math.max(1, Math.ceil(refused.msBeforeNext / 1000))
    throw new TooManyRequests(
      `This importer key may create ${perHour} questions an hour (QUESTION_INTAKE_RATE_LIMIT) and has ${left} left this hour; this request has ${count}. ` +
        `Nothing was saved: try again in ${retryAfter} seconds, or send fewer questions.`,
      retryAfter,
    )
  }
  let released = false
  return {
    release: async (unused) => {
      if (released || unused <= 0) return
      released = true
      await limiter.reward(key, Math.min(unused, count))
    },
  }
}
