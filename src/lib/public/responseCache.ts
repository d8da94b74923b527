/**
 * The prepared-response store: every public response (the read API's JSON, the answer page's HTML),
 * serialized once with its gzip variant and ETag, kept in this process so that a read costs no
 * database query and no serialization. Entries carry cache tags (./cacheTags.ts); a change evicts
 * the tags it makes stale: on this instance right after the commit (hooks/refreshPublicReads.ts),
 * on every other instance within PUBLIC_CHANGE_POLL_MS through the change feed (./changeFeed.ts).
 * TTL_MS is only a safety net (a change row lost with a crashed instance, a clock far off).
 *
 * The store is also read by the production server's fast path (scripts/server.mjs, through
 * ./delivery.ts), which runs outside Next's bundle: hence globalThis.
 */
import crypto from 'node:crypto'
import zlib from 'node:zlib'

import { PUBLIC_TAG, RECHECK_TAG } from './cacheTags'
import { evictTaggedValues } from './taggedValues'

const TTL_MS = 10 * 60_000
const MAX_ENTRIES = 5_000
const MAX_ALIASES = 5_000
/**
 * A build older than this is not joined: one that hangs (a database failing over) must not hold its
 * key until the next change; later misses then build again, as they did before builds were shared.
 */
const JOIN_BUILDS_FOR_MS = 10_000
/** Longer request URLs are not remembered as aliases (a junk query string must not pin memory). */
const MAX_ALIAS_URL = 512

/** A response built once: what every read of it sends (headers per request: ./delivery.ts). */
export type PreparedResponse = {
  status: number
  body: Uint8Array
  /**
   * The gzip encoding of `body` (every non-empty body: Next compresses whatever a route returns, at
   * any size, so the fast path does the same and both send the same encoding).
   */
  gzip?: Uint8Array
  /** Strong ETag of `body` (the same for the gzip variant, which `Vary: Accept-Encoding` keeps apart). */
  etag: string
  contentType: string
  tags: string[]
  /**
   * Built from a read that started before a change landed: sent to the request that asked (as any
   * response sent a moment before the change would be), but neither stored here nor by a CDN,
   * since the change's purge may already have gone out (README "Public delivery").
   */
  overtaken?: boolean
  /** Built for one request (a search of the home page, unbounded in number): sent `no-store`, kept nowhere. */
  noStore?: boolean
}

type Entry = { tags: string[]; storedAt: number; response?: PreparedResponse; value?: unknown }
type Store = {
  entries: Map<string, Entry>
  /** Request path+query -> entry key, for URLs whose route names the entry differently (see lookup). */
  aliases: Map<string, string>
  /** Builds under way, by key: concurrent misses for one key share one build (no stampede). */
  building: Map<string, { generation: number; startedAt: number; response: Promise<PreparedResponse> }>
  generation: number
  /** Set while this instance cannot read the change feed (see holdPublicResponses). */
  held?: boolean
}

// One store per process, not per module copy: Next bundles this module separately into each route
// and into the routes whose Payload hooks evict it after a publication, and the fast path in
// scripts/server.mjs is outside the bundle altogether.
const STORE_KEY = '__clinicianReviewedCmsPublicResponses'
const shared = globalThis as typeof globalThis & { [STORE_KEY]?: Store }
const store: Store = (shared[STORE_KEY] ??= { entries: new Map(), aliases: new Map(), building: new Map(), generation: 0 })
// A store created by an older copy of this module (a hot reload) lacks the newer maps.
store.aliases ??= new Map()
store.building ??= new Map()
const { entries, aliases, building } = store

/** Serializes a response once: body bytes, their gzip, ETag. */
export function prepareResponse(
  status: number,
  body: string | Uint8Array,
  contentType: string,
  tags: string[] = [PUBLIC_TAG],
): PreparedResponse {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const etag = `"${crypto.createHash('sha1').update(bytes).digest('base64url')}"`
  const gzip = bytes.byteLength > 0 ? zlib.gzipSync(bytes) : undefined
  return { status, body: bytes, gzip, etag, contentType, tags }
}

function fresh(entry: Entry | undefined): entry is Entry {
  return entry !== undefined && Date.now() - entry.storedAt < TTL_MS
}

/**
 * A stored entry that is read moves to the back of the eviction order: a flood of one-off keys
 * (searches, odd page numbers) then pushes out other one-off entries, not the pages patients read.
 */
function touch(key: string, entry: Entry): void {
  entries.delete(key)
  entries.set(key, entry)
}

function keep(key: string, entry: Entry) {
  if (entries.size >= MAX_ENTRIES && !entries.has(key)) entries.delete(entries.keys().next().value!)
  entries.set(key, entry)
}

/**
 * The stored response for `key`, or `build`'s (stored when it is a 200 and no change landed while it
 * was being built: a read that started before a change must not keep the old data). Requests that
 * miss while the same key is being built wait for that build instead of starting their own (after a
 * hot answer's eviction, hundreds of requests would otherwise each query and render it), unless a
 * change landed since it started.
 */
export async function preparedResponse(key: string, build: () => Promise<PreparedResponse>): Promise<PreparedResponse> {
  const hit = entries.get(key)
  if (fresh(hit) && hit.response && !store.held) {
    touch(key, hit)
    return hit.response
  }
  const running = building.get(key)
  if (running && running.generation === store.generation && Date.now() - running.startedAt < JOIN_BUILDS_FOR_MS) return running.response
  const startedIn = store.generation
  const flight = {
    generation: startedIn,
    startedAt: Date.now(),
    response: build().then((response) => {
      if (startedIn !== store.generation || store.held) return { ...response, overtaken: true }
      if (response.status === 200) keep(key, { tags: response.tags, storedAt: Date.now(), response })
      return response
    }),
  }
  building.set(key, flight)
  try {
    return await flight.response
  } finally {
    if (building.get(key) === flight) building.delete(key)
  }
}

/**
 * Records that the request path+query `url` is answered by the entry `key` (a route names its entry
 * from the parsed request, e.g. `?limit=20&page=1` and `?page=1&limit=20` share one). The route's key
 * must be a function of the path and query only: then an alias is never wrong, at worst stale (its
 * entry evicted), which is a miss.
 */
export function aliasPrepared(url: string, key: string): void {
  if (url === key || url.length > MAX_ALIAS_URL || aliases.get(url) === key) return
  if (aliases.size >= MAX_ALIASES) aliases.delete(aliases.keys().next().value!)
  aliases.set(url, key)
}

/**
 * The stored response for a request's path+query, if there is one (the fast path's lookup). An alias
 * and an entry that are used move to the back of their eviction orders, so a flood of one-off query
 * strings pushes out other one-off aliases and entries, not the URLs patients use.
 */
export function lookupPrepared(url: string): PreparedResponse | undefined {
  let key: string | undefined = url
  let entry = entries.get(url)
  if (!entry) {
    key = aliases.get(url)
    if (key !== undefined) {
      entry = entries.get(key)
      if (fresh(entry)) {
        aliases.delete(url)
        aliases.set(url, key)
      }
    }
  }
  if (!fresh(entry) || key === undefined) return undefined
  touch(key, entry)
  return entry.response
}

/** Drops every entry carrying one of `tags` (all of them for PUBLIC_TAG). */
export function evictPublicResponses(tags: string[]): void {
  evictTaggedValues(tags) // the catalog of published answers (helper "pages")
  store.generation++
  if (tags.includes(PUBLIC_TAG)) return entries.clear()
  const stale = new Set(tags)
  for (const [key, entry] of entries) if (entry.tags.some((tag) => stale.has(tag))) entries.delete(key)
}

export const clearPublicResponses = (): void => evictPublicResponses([PUBLIC_TAG])

/**
 * Fails closed while this instance cannot read the change feed, where another instance's withdrawal
 * would go unseen: the prepared responses are dropped and, until a poll succeeds again, responses
 * are built for each request and sent no-store (never kept here or by a CDN); the catalog behind
 * lists, search and counts is checked against the database on its next read after each failed poll
 * (RECHECK_TAG, src/lib/public/catalog.ts). When the feed is back nothing more is dropped: nothing
 * was stored meanwhile, and the first good poll replays every change since the last one.
 */
export function holdPublicResponses(held: boolean): void {
  if (held) {
    if (!store.held) {
      store.generation++
      entries.clear()
    }
    evictTaggedValues([RECHECK_TAG])
  }
  store.held = held
}

export const publicResponsesHeld = (): boolean => Boolean(store.held)
