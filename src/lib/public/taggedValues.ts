/**
 * Values derived from published content (the catalog of published answers and its search index),
 * kept in this process beside the prepared responses and evicted by the same tags
 * (evictPublicResponses calls evictTaggedValues). A value is built once however many requests ask
 * for it at the same time: they share the build's promise.
 */
import { PUBLIC_TAG } from './cacheTags'

/** A safety net only: a change is evicted by its tags, here and (through the change log) elsewhere. */
const TTL_MS = 60_000

type Entry = { value: Promise<unknown>; tags: string[]; storedAt: number }
type Store = { entries: Map<string, Entry>; generation: number }

// One store per process, not per bundled copy of this module (see responseCache.ts).
const STORE_KEY = '__clinicianReviewedCmsPublicValues'
const shared = globalThis as typeof globalThis & { [STORE_KEY]?: Store }
const store: Store = (shared[STORE_KEY] ??= { entries: new Map(), generation: 0 })

export async function cachedValue<T>(key: string, tags: string[], build: () => Promise<T>): Promise<T> {
  const hit = store.entries.get(key)
  if (hit && Date.now() - hit.storedAt < TTL_MS) return hit.value as Promise<T>
  const startedIn = store.generation
  const value = build()
  const entry: Entry = { value, tags, storedAt: Date.now() }
  store.entries.set(key, entry)
  try {
    const built = await value
    // A change landed while this was being built: its callers get it, later ones a fresh build.
    if (startedIn !== store.generation && store.entries.get(key) === entry) store.entries.delete(key)
    return built
  } catch (error) {
    if (store.entries.get(key) === entry) store.entries.delete(key)
    throw error
  }
}

/** Drops every value carrying one of `tags` (all of them for PUBLIC_TAG). */
export function evictTaggedValues(tags: string[]): void {
  store.generation++
  if (tags.includes(PUBLIC_TAG)) return store.entries.clear()
  const stale = new Set(tags)
  for (const [key, entry] of store.entries) if (entry.tags.some((tag) => stale.has(tag))) store.entries.delete(key)
}
