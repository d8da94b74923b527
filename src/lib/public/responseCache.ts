/**
 * Serialized public read responses (body and ETag), kept in this process so that a read of a
 * published answer costs no database query. Any change to published content clears the whole cache
 * (see hooks/refreshPublicReads.ts). Entries also expire after TTL_MS: the bound on staleness when
 * another server instance published the change, or when a read that started before the change
 * finishes after it.
 */
import { PUBLIC_TAG } from './cacheTags'
import { evictTaggedValues } from './taggedValues'

const TTL_MS = 5_000
const MAX_ENTRIES = 2_000

/**
 * `bytes` is the UTF-8 body, encoded once when it is built rather than on every read. `tags`
 * (src/lib/public/cacheTags.ts) say which changes make it stale.
 */
export type CachedResponse = { status: number; bytes: Uint8Array; etag: string; tags: string[] }

type Store = { entries: Map<string, CachedResponse & { storedAt: number }>; generation: number }

// One store per process, not per module copy: Next bundles this module separately into the public
// API's routes and into the routes whose Payload hooks clear it after a publication. Module-level
// state gave each copy its own cache, so a publication cleared a copy the API never read, and the
// API served the old answer until TTL_MS ran out (seen on the production server only).
const STORE_KEY = '__clinicianReviewedCmsPublicResponses'
const shared = globalThis as typeof globalThis & { [STORE_KEY]?: Store }
const store: Store = (shared[STORE_KEY] ??= { entries: new Map(), generation: 0 })
const { entries } = store

export async function cachedResponse(key: string, build: () => Promise<CachedResponse>): Promise<CachedResponse> {
  const hit = entries.get(key)
  if (hit && Date.now() - hit.storedAt < TTL_MS) return hit
  const startedIn = store.generation
  const fresh = await build()
  // A change landed while this was being built: serve it once, but do not keep it.
  if (startedIn === store.generation && fresh.status === 200) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!)
    entries.set(key, { ...fresh, storedAt: Date.now() })
  }
  return fresh
}

/** Drops every response carrying one of `tags` (all of them for PUBLIC_TAG). */
export function evictPublicResponses(tags: string[]): void {
  evictTaggedValues(tags) // the catalog of published answers (helper "pages")
  store.generation++
  if (tags.includes(PUBLIC_TAG)) return entries.clear()
  const stale = new Set(tags)
  for (const [key, entry] of entries) if (entry.tags.some((tag) => stale.has(tag))) entries.delete(key)
}

export const clearPublicResponses = (): void => evictPublicResponses([PUBLIC_TAG])
