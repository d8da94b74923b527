import type { Payload } from 'payload'

/**
 * Counts every database adapter call of a Payload instance (every Local API read and write reaches
 * the adapter through one of them), by operation, and the transactions apart. Wraps the adapter's
 * methods in place: install it once, right after getPayload. Shared by the benches.
 */
export type AdapterProfile = {
  /** Adapter operations (find, create, updateOne, ...) and transactions begun since install. */
  counts: { queries: number; transactions: number }
  /** Calls per operation and collection ("find answers") while `profiling` is true. */
  byOperation: Map<string, number>
  /** Milliseconds spent in each operation while `profiling` is true (nested calls count in both). */
  msByOperation: Map<string, number>
  profiling: boolean
  /** "findOne 12 (40 ms), create 8 (30 ms), ..." most frequent first. */
  summary: () => string
}

export function profileAdapter(payload: Payload): AdapterProfile {
  const profile: AdapterProfile = {
    counts: { queries: 0, transactions: 0 },
    byOperation: new Map(),
    msByOperation: new Map(),
    profiling: false,
    summary: () =>
      [...profile.byOperation]
        .sort((a, b) => b[1] - a[1])
        .map(([name, n]) => `${name} ${n} (${Math.round(profile.msByOperation.get(name) ?? 0)} ms)`)
        .join(', '),
  }
  const db = payload.db as unknown as Record<string, unknown>
  for (const name of Object.keys(db).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(db)))) {
    const method = db[name]
    if (typeof method !== 'function' || name === 'constructor' || name.startsWith('_')) continue
    const isTransaction = ['beginTransaction', 'commitTransaction', 'rollbackTransaction'].includes(name)
    const isOperation = /^(find|create|update|delete|count|query|upsert)/.test(name)
    if (!isTransaction && !isOperation) continue
    db[name] = function (this: unknown, ...args: unknown[]) {
      if (isTransaction) {
        if (name === 'beginTransaction') profile.counts.transactions += 1
      } else {
        profile.counts.queries += 1
        if (profile.profiling) {
          // "find answers": the operation and the collection (or global) it reads or writes.
          const arg = args[0] as { collection?: string; slug?: string } | undefined
          const key = [name, arg?.collection ?? arg?.slug].filter(Boolean).join(' ')
          profile.byOperation.set(key, (profile.byOperation.get(key) ?? 0) + 1)
          const started = performance.now()
          const addTime = () => profile.msByOperation.set(key, (profile.msByOperation.get(key) ?? 0) + performance.now() - started)
          const result = (method as (...a: unknown[]) => unknown).apply(payload.db, args)
          if (result instanceof Promise) return result.finally(addTime)
          addTime()
          return result
        }
      }
      return (method as (...a: unknown[]) => unknown).apply(payload.db, args)
    }
  }
  return profile
}
