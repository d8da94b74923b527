/**
 * Rate limits of the public read API (README "API keys for machine clients") and of the home page's
 * search (`admitSearchPage`, the anonymous limit counted on its own): per client address
 * without a key (PUBLIC_API_RATE_LIMIT a minute), per key with a site key
 * (PUBLIC_API_SITE_KEY_RATE_LIMIT a minute). Over a limit: 429 with Retry-After. A key that is not
 * valid: 401; a key of another role: 403.
 *
 * Checked once per request, in one of two places: the production server's fast path
 * (scripts/server.mjs, through `admitFast` on globalThis) or, when the fast path did not check it, the
 * route (`admitRoute`). The fast path marks a request it admitted and hands on to Next with a header
 * holding a random per-process token, which the route recognises (a client cannot guess it; the
 * server drops any copy a client sends). Counters live in this process, like the sign-in throttle's:
 * with several instances behind a balancer each counts its own share.
 */
import crypto from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { Payload } from 'payload'
import { RateLimiterMemory } from 'rate-limiter-flexible'

import { isSiteKey } from '@/access/isSiteKey'
import { assertKeyFormat, lookupKey, noteUse, principalOf, requireServiceRole } from '../apiKeys/authenticate'
import { cachedKey } from '../apiKeys/cache'
import { bearerApiKey, hashApiKey, KEY_FORMAT } from '../apiKeys/keys'
import { clientAddress } from '../auth/clientAddress'
import { addressKey } from '../http/addressKey'
import { isLimiterRefusal } from '../http/limiterRefusal'
import { loadEnv } from '../env'
import { HTML_TYPE, JSON_TYPE, deliver, installOnFastPath, sendPrepared, type Delivered } from './delivery'
import { renderTooManySearchesPage } from './pages/document'
import { prepareResponse } from './responseCache'

/** The header by which the fast path tells the route it has admitted (and counted) a request. */
export const ADMITTED_HEADER = 'x-cms-public-admitted'

type Refusal = { status: number; message: string; retryAfterSeconds?: number }
type Limits = {
  anonymous?: RateLimiterMemory
  site?: RateLimiterMemory
  /** The home page's search: the anonymous limit, counted on its own. */
  search?: RateLimiterMemory
  anonymousPerMinute: number
  sitePerMinute: number
}
type State = { limits: Limits; token: string; payload?: Payload }

function createState(): State {
  const { anonymousPerMinute, sitePerMinute } = loadEnv().apiKeys
  return {
    token: crypto.randomBytes(16).toString('hex'),
    limits: {
      anonymousPerMinute,
      sitePerMinute,
      anonymous:
        anonymousPerMinute > 0
          ? new RateLimiterMemory({ keyPrefix: 'public:address', points: anonymousPerMinute, duration: 60 })
          : undefined,
      site: sitePerMinute > 0 ? new RateLimiterMemory({ keyPrefix: 'public:site-key', points: sitePerMinute, duration: 60 }) : undefined,
      search:
        anonymousPerMinute > 0
          ? new RateLimiterMemory({ keyPrefix: 'public:search', points: anonymousPerMinute, duration: 60 })
          : undefined,
    },
  }
}
// One state per process: Next bundles this module into several routes, and the fast path shares it.
const STATE_KEY = '__clinicianReviewedCmsPublicAdmission'
const shared = globalThis as typeof globalThis & { [STATE_KEY]?: State }
const state = () => (shared[STATE_KEY] ??= createState())

/** For tests: limits read again from the environment, counters from zero. */
export function resetPublicAdmission(): void {
  delete shared[STATE_KEY]
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))

/** Counts one request against `limiter`; the refusal when it is over. */
async function count(limiter: RateLimiterMemory | undefined, key: string, message: (retry: number) => string): Promise<Refusal | null> {
  if (!limiter) return null
  try {
    await limiter.consume(key)
    return null
  } catch (result) {
    if (!isLimiterRefusal(result)) throw result
    const retryAfterSeconds = seconds(result.msBeforeNext)
    return { status: 429, message: message(retryAfterSeconds), retryAfterSeconds }
  }
}

const anonymousRefusal = (perMinute: number) => (retry: number) =>
  `Too many requests from your address: the public API allows ${perMinute} a minute without an API key. Try again in ${retry} seconds, or ask for a site key (README "API keys for machine clients").`
const siteRefusal = (perMinute: number) => (retry: number) =>
  `Too many requests with this API key: a site key may make ${perMinute} a minute. Try again in ${retry} seconds.`

function asRefusal(error: unknown): Refusal {
  const status = (error as { status?: number }).status
  if (status === 401 || status === 403) return { status, message: (error as Error).message }
  throw error
}

/** The route's check (the fast path did not admit this request): may read the key from the database. */
async function checkRequest(address: string, authorization: string | null, loadPayload: () => Promise<Payload>): Promise<Refusal | null> {
  const { limits } = state()
  const key = bearerApiKey(authorization)
  if (!key) return count(limits.anonymous, address, anonymousRefusal(limits.anonymousPerMinute))
  try {
    assertKeyFormat(key)
    const payload = (state().payload ??= await loadPayload())
    const entry = await lookupKey(payload, key)
    const principal = principalOf(entry)
    if (!isSiteKey(principal)) requireServiceRole(principal, 'site', 'read the public API')
    if (entry.state === 'valid') noteUse(payload, entry)
    return count(limits.site, String(principal.id), siteRefusal(limits.sitePerMinute))
  } catch (error) {
    return refusedKey(address, asRefusal(error))
  }
}

/**
 * A refused key (unknown, revoked, wrong role) costs its address like a request without one, and
 * over the address's limit the answer is 429: fresh random keys are no way around the limit, and each
 * unknown one is a database lookup.
 */
async function refusedKey(address: string, refusal: Refusal): Promise<Refusal> {
  const { limits } = state()
  return (await count(limits.anonymous, address, anonymousRefusal(limits.anonymousPerMinute))) ?? refusal
}

const refusalBody = (refusal: Refusal) => JSON.stringify({ errors: [{ message: refusal.message }] })

/** The public route's admission: null to go on, or the refusal to send (429 with Retry-After, 401, 403). */
export async function admitRoute(request: Request, loadPayload: () => Promise<Payload>): Promise<Response | null> {
  if (request.headers.get(ADMITTED_HEADER) === state().token) return null
  const refusal = await checkRequest(addressKey(clientAddress(request)), request.headers.get('authorization'), loadPayload)
  if (!refusal) return null
  const response = sendPrepared(request, prepareResponse(refusal.status, refusalBody(refusal), JSON_TYPE))
  if (refusal.retryAfterSeconds) response.headers.set('Retry-After', String(refusal.retryAfterSeconds))
  return response
}

/** What the fast path does with a request: send a refusal, serve it (marked admitted), or leave it to Next. */
export type FastVerdict = { refused: Delivered } | { admitted: true; header: string; token: string } | { defer: true }

/**
 * The fast path's admission (scripts/server.mjs): no database, ever. A key not in this process's
 * cache (or malformed) is left to the route, which looks it up and caches it for the next request.
 */
export async function admitFast(peer: string, headers: IncomingHttpHeaders): Promise<FastVerdict> {
  const { limits, token, payload } = state()
  const address = addressKey(peer)
  const authorization = Array.isArray(headers.authorization) ? headers.authorization[0] : headers.authorization
  const key = bearerApiKey(authorization)
  let refusal: Refusal | null
  if (!key) refusal = await count(limits.anonymous, address, anonymousRefusal(limits.anonymousPerMinute))
  else {
    const entry = KEY_FORMAT.test(key) ? cachedKey(hashApiKey(key)) : undefined
    if (!entry) return { defer: true }
    try {
      const principal = principalOf(entry)
      if (!isSiteKey(principal)) requireServiceRole(principal, 'site', 'read the public API')
      if (entry.state === 'valid' && payload) noteUse(payload, entry)
      refusal = await count(limits.site, String(principal.id), siteRefusal(limits.sitePerMinute))
    } catch (error) {
      refusal = await refusedKey(address, asRefusal(error))
    }
  }
  if (!refusal) return { admitted: true, header: ADMITTED_HEADER, token }
  const origin = Array.isArray(headers.origin) ? headers.origin[0] : headers.origin
  const delivered = deliver(prepareResponse(refusal.status, refusalBody(refusal), JSON_TYPE), { origin })
  if (refusal.retryAfterSeconds) delivered.headers['Retry-After'] = String(refusal.retryAfterSeconds)
  return { refused: delivered }
}

/**
 * An anonymous read through Payload's own REST API (hooks/rejectMalformedFilters.ts): counted against
 * the same per-address limit as the public API without a key, so that switching API is no way around
 * it. The refusal's message and Retry-After, or null to go on.
 */
export async function admitAnonymousRead(address: string): Promise<{ message: string; retryAfterSeconds: number } | null> {
  const { limits } = state()
  const refusal = await count(
    limits.anonymous,
    addressKey(address),
    (retry) =>
      `Too many requests from your address: reads without signing in are limited to ${limits.anonymousPerMinute} a minute, shared with the public API (/api/public/v1). Try again in ${retry} seconds.`,
  )
  return refusal ? { message: refusal.message, retryAfterSeconds: refusal.retryAfterSeconds ?? 60 } : null
}

/** A search over the limit: the site's HTML page saying so (429, Retry-After, no-store, the public CSP). */
async function searchRefusal(address: string): Promise<Delivered | null> {
  const { limits } = state()
  const refusal = await count(limits.search, addressKey(address), (retry) => String(retry))
  if (!refusal) return null
  const retryAfter = refusal.retryAfterSeconds ?? 60
  const delivered = deliver(prepareResponse(429, renderTooManySearchesPage(retryAfter), HTML_TYPE), {})
  delivered.headers['Retry-After'] = String(retryAfter)
  return delivered
}

/**
 * The home page's search (`/?q=`) on the production server's fast path: each one runs a search over
 * every published answer, so it is limited per address like the public API without a key
 * (PUBLIC_API_RATE_LIMIT a minute), in a count of its own (a page's searches do not use up a
 * client's API calls). Admitted, it goes on to the route marked as counted (`admitSearchRoute`).
 */
export async function admitSearchPage(address: string): Promise<FastVerdict> {
  const refused = await searchRefusal(address)
  return refused ? { refused } : { admitted: true, header: ADMITTED_HEADER, token: state().token }
}

/** The home route's own check of a search the fast path did not count (under plain `next start`): null to go on. */
export async function admitSearchRoute(request: Request): Promise<Response | null> {
  if (request.headers.get(ADMITTED_HEADER) === state().token) return null
  const refused = await searchRefusal(clientAddress(request))
  if (!refused) return null
  return new Response(request.method === 'HEAD' ? null : (refused.body as Uint8Array<ArrayBuffer>), {
    status: refused.status,
    headers: refused.headers,
  })
}

installOnFastPath({ admit: admitFast, admitSearch: admitSearchPage })
