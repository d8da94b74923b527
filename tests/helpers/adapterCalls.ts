import type { Payload } from 'payload'

export type AdapterCall = { operation: string; collection: string }

/**
 * Every database adapter call made while `work` runs, in order, by operation and collection. Every
 * Local API read and write reaches the adapter through one of these methods, so the list is what a
 * piece of code asks of the database, on either adapter. The methods are restored afterwards.
 */
export async function adapterCalls(payload: Payload, work: () => Promise<unknown>): Promise<AdapterCall[]> {
  const calls: AdapterCall[] = []
  const db = payload.db as unknown as Record<string, unknown>
  const originals = new Map<string, unknown>()
  for (const name of Object.keys(db).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(db)))) {
    const method = db[name]
    if (typeof method !== 'function' || !/^(find|create|update|delete|count|query|upsert)/.test(name) || originals.has(name)) continue
    originals.set(name, method)
    db[name] = (...args: unknown[]) => {
      const arg = args[0] as { collection?: string; collectionSlug?: string; slug?: string } | undefined
      calls.push({ operation: name, collection: arg?.collection ?? arg?.collectionSlug ?? arg?.slug ?? '' })
      return (method as (...a: unknown[]) => unknown).apply(payload.db, args)
    }
  }
  try {
    await work()
  } finally {
    for (const [name, method] of originals) db[name] = method
  }
  return calls
}
