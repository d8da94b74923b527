import type { BaseDatabaseAdapter, DatabaseAdapterObj, PayloadRequest } from 'payload'

type Callback = () => void | Promise<void>

/** Work waiting for a transaction to commit, by transaction id. Dropped if it rolls back. */
const pending = new Map<string, Callback[]>()

/**
 * Runs `callback` once the request's transaction has committed, or now when there is none. For side
 * effects outside the database that must not see, or announce, uncommitted data: clearing public
 * caches, revalidating pages. A rollback discards it.
 */
export async function afterCommit(req: PayloadRequest, callback: Callback): Promise<void> {
  const id = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  if (id === undefined || id === null) return void (await callback())
  const key = String(id)
  pending.set(key, [...(pending.get(key) ?? []), callback])
}

/** Wraps a database adapter so that commits run the callbacks registered with afterCommit. */
export function runAfterCommit(adapterObj: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapterObj,
    init: (args) => {
      const adapter = adapterObj.init(args) as BaseDatabaseAdapter
      const commit = adapter.commitTransaction.bind(adapter)
      const rollback = adapter.rollbackTransaction.bind(adapter)
      const take = async (incoming: Parameters<typeof commit>[0]) => {
        const id = String(incoming instanceof Promise ? await incoming : incoming)
        const callbacks = pending.get(id) ?? []
        pending.delete(id)
        return { id, callbacks }
      }
      adapter.commitTransaction = async (incoming) => {
        const id = incoming instanceof Promise ? await incoming : incoming
        await commit(id)
        const { callbacks } = await take(id)
        for (const callback of callbacks) {
          try {
            await callback()
          } catch (error) {
            // The data is committed; a failed side effect is reported, not turned into a failed write.
            adapter.payload?.logger.error({ err: error, msg: 'A post-commit task failed' })
          }
        }
      }
      adapter.rollbackTransaction = async (incoming) => {
        const id = incoming instanceof Promise ? await incoming : incoming
        await take(id)
        await rollback(id)
      }
      return adapter
    },
  }
}
