/**
 * Values derived from published content (the catalog of published answers and its search index),
 * kept in this process beside the prepared responses and evicted by the same tags
 * (evictPublicResponses calls evictTaggedValues). A value is built once however many requests ask
 * for it at the same time: they share the build's promise. An evicted value is kept as the
 * starting point of the next build, with the tags that made it stale, so that a build can update
 * it rather than start over (the catalog re-reads only the answers that changed).
 */
import { PUBLIC_TAG } from './cacheTags'

/**
 * A safety net only: a change is evicted by its tags, here and (through the change log) elsewhere;
 * what the log missed is gone at the next full rebuild, at most TTL_MS after the last one. Long,
 * because expiry means a full rebuild (seconds at 10,000 answers, see README "Public search").
 */
const TTL_MS = 10 * 60_000

/** What an update starts from: the value built before, and the tags evicted since that build began. */
export type StaleValue<T> = { value: T; evicted: string[] }

type Entry = { value: Promise<unknown>; tags: string[]; storedAt: number; evicted: string[] | null }
type Store = { entries: Map<string, Entry> }

// One store per process, not per bundled copy of this module (see responseCache.ts).
const STORE_KEY = '__clinicianReviewedCmsPublicValues'
const shared = globalThis as typeof globalThis & { [STORE_KEY]?: Store }
const store: Store = (shared[STORE_KEY] ??= { entries: new Map() })

export async function cachedValue<T>(key: string, tags: string[], build: (stale?: StaleValue<T>) => Promise<T>): Promise<T> {
  const hit = store.entries.get(key)
  const live = hit && Date.now() - hit.storedAt < TTL_MS
  if (live && hit.evicted === null) return hit.value as Promise<T>
  const stale = live ? await staleValue<T>(hit) : undefined
  // Another request may have started the update while this one waited for the stale value.
  const current = store.entries.get(key)
  if (current && current !== hit && current.evicted === null) return current.value as Promise<T>
  // An update keeps the full build's time: the expiry is a full rebuild every TTL_MS, which would
  // never come while changes keep arriving if each update restarted it.
  const entry: Entry = { value: build(stale), tags, storedAt: stale ? hit!.storedAt : Date.now(), evicted: null }
  store.entries.set(key, entry)
  try {
    return (await entry.value) as T
  } catch (error) {
    if (store.entries.get(key) === entry) store.entries.delete(key)
    throw error
  }
}

async function staleValue<T>(entry: Entry): Promise<StaleValue<T> | undefined> {
  try {
    return { value: (await entry.value) as T, evicted: entry.evicted ?? [] }
  } catch {
    return undefined // that build failed (and was logged by its caller): build from scratch
  }
}

/**
 * Marks every value carrying one of `tags` stale, remembering the tags; PUBLIC_TAG drops them all
 * (the next build starts from scratch). A value still being built is marked too: a change that
 * lands during a build may or may not be in it, so the next read updates it again.
 */
export function evictTaggedValues(tags: string[]): void {
  if (tags.includes(PUBLIC_TAG)) return store.entries.clear()
  const stale = new Set(tags)
  for (const entry of store.entries.values())
    if (entry.tags.some((tag) => stale.has(tag))) entry.evicted = [...(entry.evicted ?? []), ...tags]
}
