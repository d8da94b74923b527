import { APIError, type PayloadRequest } from 'payload'

import { withTransaction } from '../transaction'

export type ItemRefusal = { id: string; status: number; reason: string }
export type BulkOutcome<T> = { done: (T & { id: string })[]; refused: ItemRefusal[] }

/**
 * Runs `work` for each id in its own transaction: one refused item (a Payload APIError such as a
 * 409 or 404) rolls back only itself and is reported with its reason; anything else is a fault
 * and stops the run.
 */
export async function eachInOwnTransaction<T extends object>(
  req: PayloadRequest,
  ids: string[],
  work: (tx: PayloadRequest, id: string) => Promise<T>,
): Promise<BulkOutcome<T>> {
  const outcome: BulkOutcome<T> = { done: [], refused: [] }
  for (const id of ids) {
    try {
      outcome.done.push({ ...(await withTransaction(req, (tx) => work(tx, id))), id })
    } catch (error) {
      if (!(error instanceof APIError)) throw error
      outcome.refused.push({ id, status: error.status, reason: error.message })
    }
  }
  return outcome
}
