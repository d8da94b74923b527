import type { ServiceRole } from '@/access/roles'
import type { Id } from '@/lib/relationId'

/** Who a valid key belongs to: the service account, never a person. */
export type ApiKeyPrincipal = { id: Id; name: string; role: ServiceRole }

/** A cached lookup by key hash: a key, a revoked key, or no key at all (so bad keys cost no query). */
export type CachedKey =
  | { state: 'valid'; principal: ApiKeyPrincipal; lastUsedAt: number; expires: number }
  | { state: 'revoked'; id: Id; revokedAt: string; expires: number }
  | { state: 'unknown'; expires: number }

/** Enough for every real key; a flood of made-up keys evicts the oldest lookups, not memory. */
const MAX_ENTRIES = 10_000

// One cache per process: Next bundles this module into several routes, and the production server's
// fast path (scripts/server.mjs, through src/lib/public/admission.ts) reads it too.
const CACHE_KEY = '__clinicianReviewedCmsApiKeys'
const shared = globalThis as typeof globalThis & { [CACHE_KEY]?: Map<string, CachedKey> }
const cache = (shared[CACHE_KEY] ??= new Map<string, CachedKey>())

/** The cached lookup of `hash` while it is fresh, else undefined (the caller reads the database). */
export function cachedKey(hash: string, now = Date.now()): CachedKey | undefined {
  const entry = cache.get(hash)
  if (!entry) return undefined
  if (entry.expires <= now) {
    cache.delete(hash)
    return undefined
  }
  return entry
}

export function cacheKey(hash: string, entry: CachedKey): void {
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string)
  cache.set(hash, entry)
}

/** A revocation on this instance applies at once: the key's cached lookup is dropped. */
export function forgetKey(id: Id): void {
  for (const [hash, entry] of cache) {
    if (
      (entry.state === 'valid' && String(entry.principal.id) === String(id)) ||
      (entry.state === 'revoked' && String(entry.id) === String(id))
    )
      cache.delete(hash)
  }
}

/** For tests: every instance starts from an empty cache. */
export function clearKeyCache(): void {
  cache.clear()
}
