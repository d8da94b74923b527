import crypto from 'node:crypto'
import { promisify } from 'node:util'
import { RateLimiterMemory } from 'rate-limiter-flexible'

import { TooManyRequests } from '../errors'
import { isLimiterRefusal } from '../http/limiterRefusal'

const pbkdf2 = promisify(crypto.pbkdf2)

/**
 * Payload's two stored hash formats (payload/dist/auth/strategies/local/generatePasswordSaltHash.js):
 * the current one is prefixed and made with 600,000 iterations into 32 bytes; a password set under an
 * older Payload keeps the legacy 25,000 iterations into 512 bytes until its owner next signs in.
 * Payload does not export its check, and signing in again to test the password would open a session.
 */
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'

export async function passwordMatches(stored: { hash?: unknown; salt?: unknown }, password: string): Promise<boolean> {
  const { hash, salt } = stored
  if (typeof hash !== 'string' || typeof salt !== 'string' || hash === '' || salt === '') return false
  const current = hash.startsWith(CURRENT_PREFIX)
  const expected = Buffer.from(current ? hash.slice(CURRENT_PREFIX.length) : hash, 'hex')
  const actual = await pbkdf2(password, salt, current ? 600_000 : 25_000, current ? 32 : 512, 'sha256')
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected)
}

/** A stolen session must not become a way to guess the password: 5 wrong tries per account in 15 minutes. */
export const CURRENT_PASSWORD_LIMIT = { points: 5, duration: 15 * 60 } as const

const shared = globalThis as typeof globalThis & { __cmsCurrentPasswordLimiter?: RateLimiterMemory }
const wrongTries = (shared.__cmsCurrentPasswordLimiter ??= new RateLimiterMemory({
  keyPrefix: 'current-password',
  ...CURRENT_PASSWORD_LIMIT,
}))

/**
 * Counts a check of the current password before it is made (so that guesses sent at the same moment
 * cannot all pass the limit while the first are still being hashed), refusing it (429) once the
 * account is over the limit. A right password gives its point back (currentPasswordWasRight).
 */
export async function beginCurrentPasswordCheck(accountId: string): Promise<void> {
  try {
    await wrongTries.consume(accountId)
  } catch (refused) {
    if (!isLimiterRefusal(refused)) throw refused
    const minutes = Math.max(1, Math.ceil(refused.msBeforeNext / 60_000))
    throw new TooManyRequests(
      `Too many wrong current passwords for this account. Try again in ${minutes} minutes, or sign out and reset your password.`,
      Math.max(1, Math.ceil(refused.msBeforeNext / 1000)),
    )
  }
}

export async function currentPasswordWasRight(accountId: string): Promise<void> {
  await wrongTries.reward(accountId, 1)
}
