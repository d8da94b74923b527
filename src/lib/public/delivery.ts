/**
 * How a prepared public response (./responseCache.ts) is sent: ONE function, `deliver`, turns an
 * entry plus the request's Origin, If-None-Match and Accept-Encoding into status, headers and body.
 * The Next route handlers use it through `servePrepared`, the production server's fast path
 * (scripts/server.mjs) through the `serve` function installed on globalThis below: the two cannot
 * send different headers.
 *
 * Caching contract (README "Public delivery"): browsers revalidate every time (`max-age=0,
 * must-revalidate`, a 304 when the ETag matches); a CDN keeps a 200 for CDN_MAX_AGE seconds
 * (`CDN-Cache-Control`, `Surrogate-Control`) and is purged by tag (`Surrogate-Key` for Fastly,
 * `Cache-Tag` for Cloudflare) when an answer changes. Errors are never stored anywhere.
 */
import type { IncomingHttpHeaders } from 'node:http'

import { loadEnv } from '../env'
import { contentSecurityPolicy } from '../security/contentSecurityPolicy'
import { SECURITY_HEADERS } from '../security/securityHeaders'
import { aliasPrepared, lookupPrepared, preparedResponse, prepareResponse, type PreparedResponse } from './responseCache'

const SECURITY_HEADER_LIST = Object.entries(SECURITY_HEADERS)

export const JSON_TYPE = 'application/json; charset=utf-8'
export const HTML_TYPE = 'text/html; charset=utf-8'

/** What a build function returns: the response before serialization. */
export type BuiltResponse = { status: number; body: string | Uint8Array; contentType: string }
/** The request headers that change how an entry is sent. */
export type DeliveryRequest = { origin?: string | null; ifNoneMatch?: string | null; acceptEncoding?: string | null }
export type Delivered = { status: number; headers: Record<string, string>; body: Uint8Array | null }

type Settings = { allowedOrigins: Set<string>; cdnCacheControl: string; surrogateControl: string; publicPolicy: string }
let settings: Settings | undefined
function deliverySettings(): Settings {
  if (settings) return settings
  const env = loadEnv()
  const maxAge = env.publicDelivery.cdnMaxAgeSeconds
  return (settings = {
    allowedOrigins: new Set(env.publicSiteOrigins),
    cdnCacheControl: `public, max-age=${maxAge}`,
    surrogateControl: `max-age=${maxAge}`,
    publicPolicy: contentSecurityPolicy('public'),
  })
}

/** Browsers keep nothing without asking: a withdrawal is never hidden by a browser cache. */
export const BROWSER_CACHE_CONTROL = 'public, max-age=0, must-revalidate'

/** True when If-None-Match names `etag` (a list, weak validators and `*` included, RFC 9110 13.1.2). */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

/** True when Accept-Encoding accepts gzip (explicitly or by `*`) with a non-zero quality. */
export function acceptsGzip(acceptEncoding: string | null | undefined): boolean {
  if (!acceptEncoding) return false
  let star: boolean | undefined
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase())
    const q = params.find((param) => param.startsWith('q='))
    const accepted = q === undefined || Number(q.slice(2)) > 0
    if (name === 'gzip') return accepted
    if (name === '*') star = accepted
  }
  return star ?? false
}

/** Status, headers and body of `entry` for one request. HEAD: the caller drops the body. */
export function deliver(entry: PreparedResponse, request: DeliveryRequest): Delivered {
  const { allowedOrigins, cdnCacheControl, surrogateControl, publicPolicy } = deliverySettings()
  const json = entry.contentType.startsWith('application/json')
  const headers: Record<string, string> = { 'Content-Type': entry.contentType, ETag: entry.etag }
  // Assigned one by one: spread into the literal, they made every headers object a slow dictionary,
  // which cost the fast path about 40 % of its requests per second (a CPU profile: this function's
  // own time up from 75 to 1,246 ms for 10 s of load, garbage collection 459 to 1,207 ms).
  for (const [name, value] of SECURITY_HEADER_LIST) headers[name] = value
  if (entry.status === 200 && !entry.overtaken && !entry.noStore) {
    headers['Cache-Control'] = BROWSER_CACHE_CONTROL
    headers['CDN-Cache-Control'] = cdnCacheControl
    headers['Surrogate-Control'] = surrogateControl
    headers['Surrogate-Key'] = entry.tags.join(' ')
    headers['Cache-Tag'] = entry.tags.join(',')
  } else headers['Cache-Control'] = 'no-store'
  headers.Vary = json ? 'Origin, Accept-Encoding' : 'Accept-Encoding'
  if (json && request.origin && allowedOrigins.has(request.origin)) {
    headers['Access-Control-Allow-Origin'] = request.origin
    headers['Access-Control-Allow-Methods'] = 'GET, OPTIONS'
    headers['Access-Control-Allow-Headers'] = 'If-None-Match'
    headers['Access-Control-Expose-Headers'] = 'ETag, Surrogate-Key, Cache-Tag, Retry-After'
  }
  if (entry.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = publicPolicy
  if (entry.status === 200 && etagMatches(request.ifNoneMatch, entry.etag)) return { status: 304, headers, body: null }
  if (entry.status === 204 || entry.status === 304) return { status: entry.status, headers, body: null }
  const gzip = entry.gzip && acceptsGzip(request.acceptEncoding)
  const body = gzip ? entry.gzip! : entry.body
  if (gzip) headers['Content-Encoding'] = 'gzip'
  headers['Content-Length'] = String(body.byteLength)
  return { status: entry.status, headers, body }
}

/**
 * A route handler's response leaves compression to Next: Next drops a route's own Content-Encoding
 * header (and would gzip the gzip copy again), then compresses the body itself when the client
 * accepts it. So the identity body goes to Next; the fast path sends the stored gzip copy.
 */
const fromRequest = (request: Request): DeliveryRequest => ({
  origin: request.headers.get('origin'),
  ifNoneMatch: request.headers.get('if-none-match'),
  acceptEncoding: null,
})

/** A prepared response sent to a Web Request through Next (not stored: errors, preflights). */
export function sendPrepared(request: Request, entry: PreparedResponse): Response {
  const { status, headers, body } = deliver(entry, fromRequest(request))
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer> | null), { status, headers })
}

/**
 * THE way a public route answers: the entry `key` from the store, or built by `build` (once, then
 * stored if it is a 200), sent with the delivery headers. `key` must depend only on the request's
 * path and query (the fast path finds the entry by them); `tags` say which changes make it stale
 * (./cacheTags.ts; PUBLIC_TAG on all). A `build` that throws rejects: the route answers the error.
 */
export async function servePrepared(request: Request, key: string, tags: string[], build: () => Promise<BuiltResponse>): Promise<Response> {
  const entry = await preparedResponse(key, async () => {
    const built = await build()
    return prepareResponse(built.status, built.body, built.contentType, tags)
  })
  if (entry.status === 200) {
    const url = new URL(request.url)
    aliasPrepared(url.pathname + url.search, key)
  }
  return sendPrepared(request, entry)
}

/**
 * A public response built for this request alone (a search): not stored, and sent `no-store` so
 * that no CDN keeps it either. A `build` that throws rejects, as in `servePrepared`.
 */
export async function serveBuilt(request: Request, tags: string[], build: () => Promise<BuiltResponse>): Promise<Response> {
  const built = await build()
  return sendPrepared(request, { ...prepareResponse(built.status, built.body, built.contentType, tags), noStore: true })
}

/**
 * The fast path's entry point (scripts/server.mjs): a GET/HEAD whose path+query has a prepared
 * entry, delivered without Next; undefined sends the request on to Next.
 */
export function serveFromStore(url: string, headers: IncomingHttpHeaders): Delivered | undefined {
  const entry = lookupPrepared(url)
  if (!entry) return undefined
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value)
  return deliver(entry, {
    origin: one(headers.origin),
    ifNoneMatch: one(headers['if-none-match']),
    acceptEncoding: one(headers['accept-encoding']),
  })
}

/** Where scripts/server.mjs finds `serveFromStore` (it cannot import from Next's bundle). */
export const FAST_PATH_KEY = Symbol.for('clinician-reviewed-cms.publicFastPath')
// Merged, not replaced: Next bundles this module into several routes, and a later copy must keep the
// `admit` that ./admission.ts installed through an earlier one.
const installed = globalThis as Record<symbol, Record<string, unknown> | undefined>
installed[FAST_PATH_KEY] = { ...installed[FAST_PATH_KEY], serve: serveFromStore }

/**
 * What else the production server takes from the bundle, installed beside `serve`: the rate limits
 * and keys (./admission.ts: `admit` for the public API, `admitSearch` for the home page's search),
 * the site's 500 page and the answer to a malformed URL (./pages/fastPathPages.ts).
 */
export function installOnFastPath(
  extras: { admit: unknown; admitSearch: unknown } | { serverErrorPage: string; malformedUrl: (url: string) => Delivered },
): void {
  installed[FAST_PATH_KEY] = { ...installed[FAST_PATH_KEY], ...extras }
}
