import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'

/** Longest a transaction may hold the queue before the next one is let through anyway. */
export const BUSY_TIMEOUT_MS = 5_000

async function setBusyTimeout(adapter: BaseDatabaseAdapter) {
  const client = (adapter as unknown as { client?: { execute(sql: string): Promise<unknown> } }).client
  await client?.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
}

export const MAX_TRANSACTION_HOLD_MS = 30_000

/**
 * SQLite has one writer at a time, and libsql opens each transaction on a fresh connection without
 * the busy timeout, so two overlapping transactions (two jobs saving drafts, two editors saving)
 * fail at once with SQLITE_BUSY. This queues transactions in the process instead: each begins when
 * the previous one has committed or rolled back, and every connection involved waits for locks
 * (busy timeout) instead of failing. A transaction that is never finished releases the
 * queue after MAX_TRANSACTION_HOLD_MS, so a leak cannot freeze the app.
 */
export function serializeTransactions(adapterObj: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapterObj,
    init: (args) => {
      const adapter = adapterObj.init(args) as BaseDatabaseAdapter
      const begin = adapter.beginTransaction.bind(adapter)
      const commit = adapter.commitTransaction.bind(adapter)
      const rollback = adapter.rollbackTransaction.bind(adapter)
      const releases = new Map<string, () => void>()
      let tail: Promise<void> = Promise.resolve()

      adapter.beginTransaction = async (options) => {
        const previous = tail
        let release!: () => void
        tail = new Promise<void>((resolve) => {
          let released = false
          const timer = setTimeout(() => {
            adapter.payload?.logger.warn(
              `A database transaction held the write queue for ${MAX_TRANSACTION_HOLD_MS} ms; letting the next one through.`,
            )
            finish()
          }, MAX_TRANSACTION_HOLD_MS)
          timer.unref()
          const finish = () => {
            if (released) return
            released = true
            clearTimeout(timer)
            resolve()
          }
          release = finish
        })
        await previous
        try {
          // libsql gives the current connection to the transaction and opens a new one for whatever
          // comes next, and new connections have no busy timeout (Payload sets it once, at connect).
          // Set it on the connection the transaction takes, and on the fresh one after it.
          await setBusyTimeout(adapter)
          const id = await begin(options)
          await setBusyTimeout(adapter)
          if (id === null || id === undefined) release()
          else releases.set(String(id), release)
          return id
        } catch (error) {
          release()
          throw error
        }
      }
      const settle = (finishTransaction: typeof commit) => async (incoming: Parameters<typeof commit>[0]) => {
        const id = incoming instanceof Promise ? await incoming : incoming
        try {
          await finishTransaction(id)
        } finally {
          releases.get(String(id))?.()
          releases.delete(String(id))
        }
      }
      adapter.commitTransaction = settle(commit)
      adapter.rollbackTransaction = settle(rollback)
      return adapter
    },
  }
}
