import crypto from 'node:crypto'
import { promisify } from 'node:util'
import type { PayloadRequest } from 'payload'
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible'

import { TooManyRequests } from '../errors'

/**
 * Sign-in throttling that an attacker cannot turn against the account they target. Payload's own
 * lock-out (5 failures lock the account for everyone) is off; instead failures are counted
 *   - per (email, client address): 5 in 15 minutes, then that address waits for that email only;
 *   - per client address: 50 in an hour, whatever the emails (password spraying);
 *   - per email, from every address together: past 20 in 15 minutes each further attempt is slowed
 *     by SLOWDOWN_MS, never refused, so a distributed attack is slowed and the owner still gets in.
 * Keys are the email as typed (lower-cased), whether or not an account has it, so neither the
 * answers nor their timing say which emails exist. Every attempt counts when it starts; a successful
 * one is given back and clears its (email, address) count. Counters live in this process: with several app instances each keeps its own.
 */
export const SIGN_IN_LIMITS = {
  perAccountAndAddress: { points: 5, duration: 15 * 60 },
  perAddress: { points: 50, duration: 60 * 60 },
  perAccountSlowdownAfter: { points: 20, duration: 15 * 60 },
  slowdownMs: 1_000,
  passwordResetsPerAddress: { points: 10, duration: 60 * 60 },
  passwordResetsPerEmail: { points: 3, duration: 60 * 60 },
} as const

function createLimiters() {
  return {
    accountAndAddress: new RateLimiterMemory({ keyPrefix: 'sign-in:account+address', ...SIGN_IN_LIMITS.perAccountAndAddress }),
    address: new RateLimiterMemory({ keyPrefix: 'sign-in:address', ...SIGN_IN_LIMITS.perAddress }),
    account: new RateLimiterMemory({ keyPrefix: 'sign-in:account', ...SIGN_IN_LIMITS.perAccountSlowdownAfter }),
    resetsByAddress: new RateLimiterMemory({ keyPrefix: 'reset:address', ...SIGN_IN_LIMITS.passwordResetsPerAddress }),
    resetsByEmail: new RateLimiterMemory({ keyPrefix: 'reset:email', ...SIGN_IN_LIMITS.passwordResetsPerEmail }),
  }
}
// One set per process: Next bundles this module into several routes, and every copy must count together.
const shared = globalThis as typeof globalThis & { __cmsSignInLimiters?: ReturnType<typeof createLimiters> }
const { accountAndAddress, address, account, resetsByAddress, resetsByEmail } = (shared.__cmsSignInLimiters ??= createLimiters())

const pairKey = (email: string, client: string) => `${email}|${client}`
const minutes = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 60_000))
const seconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const normalizeEmail = (email: unknown) => (typeof email === 'string' ? email.trim().toLowerCase() : '')

/**
 * Counts a sign-in attempt before it is checked (so parallel attempts cannot all slip under a limit)
 * and refuses it (429) when this address is over a limit; slows it down when the email is targeted
 * from many addresses. Every transport (REST, GraphQL, the admin) goes through here.
 */
export async function beginSignIn(email: string, client: string): Promise<void> {
  const byAddress = await address.penalty(client)
  if (byAddress.consumedPoints > SIGN_IN_LIMITS.perAddress.points) {
    throw new TooManyRequests(`Too many failed sign-ins from your network. Try again in ${minutes(byAddress)} minutes.`, seconds(byAddress))
  }
  const byPair = await accountAndAddress.penalty(pairKey(email, client))
  if (byPair.consumedPoints > SIGN_IN_LIMITS.perAccountAndAddress.points) {
    throw new TooManyRequests(
      `Too many failed sign-ins for this email from your network. Try again in ${minutes(byPair)} minutes, or reset your password.`,
      seconds(byPair),
    )
  }
  const byAccount = await account.penalty(email)
  if (byAccount.consumedPoints > SIGN_IN_LIMITS.perAccountSlowdownAfter.points) await sleep(SIGN_IN_LIMITS.slowdownMs)
}

/** A successful sign-in does not count: its attempt is given back, and its pair starts from zero. */
export async function signInSucceeded(email: string, client: string): Promise<void> {
  await Promise.all([accountAndAddress.delete(pairKey(email, client)), address.reward(client, 1), account.reward(email, 1)])
}

/**
 * Before a password-reset request: 429 when this address asked too often; false (send nothing, say
 * the same) when this email was asked for too often, so nobody can flood an inbox.
 */
export async function allowPasswordReset(email: string, client: string): Promise<boolean> {
  const byAddress = await resetsByAddress.penalty(client)
  if (byAddress.consumedPoints > SIGN_IN_LIMITS.passwordResetsPerAddress.points) {
    throw new TooManyRequests(
      `Too many password reset requests from your network. Try again in ${minutes(byAddress)} minutes.`,
      seconds(byAddress),
    )
  }
  const byEmail = await resetsByEmail.penalty(email)
  return byEmail.consumedPoints <= SIGN_IN_LIMITS.passwordResetsPerEmail.points
}

const pbkdf2 = promisify(crypto.pbkdf2)
const DUMMY_SALT = crypto.randomBytes(32).toString('hex')

/**
 * The work of checking a password against Payload's current hash format (PBKDF2-SHA256, 600,000
 * iterations, 32 bytes), done for an email no account has, so that a wrong email takes as long as a
 * wrong password.
 */
export async function hashLikeAPasswordCheck(password: unknown): Promise<void> {
  await pbkdf2(typeof password === 'string' ? password : '', DUMMY_SALT, 600_000, 32, 'sha256')
}

/**
 * Runs a throttle check for a request: a 429 it throws carries `Retry-After` (RFC 6585), which
 * Payload adds to its error response from `req.responseHeaders`.
 */
export async function withRetryAfter<T>(req: PayloadRequest, check: () => Promise<T>): Promise<T> {
  try {
    return await check()
  } catch (error) {
    const retryAfter = (error as Partial<TooManyRequests>).retryAfterSeconds
    if (error instanceof Error && error.name === 'TooManyRequests' && typeof retryAfter === 'number') {
      req.responseHeaders = new Headers(req.responseHeaders)
      req.responseHeaders.set('Retry-After', String(retryAfter))
    }
    throw error
  }
}
