import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

/**
 * Runs `work` so that every write it makes with `req` commits together or not at all. Joins the
 * request's transaction when there is one already (hooks, nested operations).
 */
export async function withTransaction<T>(req: PayloadRequest, work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  const startedHere = await initTransaction(req)
  try {
    const result = await work(req)
    if (startedHere) await commitTransaction(req)
    return result
  } catch (error) {
    if (startedHere) await killTransaction(req)
    throw error
  }
}

/** Server-side work (seed, jobs) with no incoming request: a fresh local request, one transaction. */
export async function inNewTransaction<T>(payload: Payload, work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  return withTransaction(await createLocalReq({}, payload), work)
}
