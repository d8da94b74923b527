import { APIError, type PayloadRequest } from 'payload'

import { withTransaction } from '../transaction'
import { WorkflowWriteFailed } from '../workflow/transitions'

export type ItemRefusal = { id: string; status: number; reason: string }
export type BulkOutcome<T> = { done: (T & { id: string })[]; refused: ItemRefusal[] }

/**
 * Runs `work` for each id in its own transaction: an item that fails rolls back only itself and is
 * reported with its reason, and the run goes on, so the editor always learns which items were done.
 * A refusal (a Payload APIError such as a 409 or 404) keeps its status. Anything else is a fault (a
 * hook or a stored value that no longer validates refusing a write mid-step, the database): 500, the
 * refused step as the reason (or "an unexpected error"), and logged; stopping there would leave
 * earlier items done with no report.
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
      if (error instanceof APIError) outcome.refused.push({ id, status: error.status, reason: error.message })
      else {
        req.payload.logger.error({ err: error, msg: `Bulk action: item ${id} failed and was rolled back` })
        // A refused workflow write says which step and why; anything else (a database error carries
        // its SQL) stays in the log.
        const reason = error instanceof WorkflowWriteFailed ? error.message : 'an unexpected error (logged for the administrators)'
        outcome.refused.push({ id, status: 500, reason: `Not changed: ${reason}` })
      }
    }
  }
  return outcome
}
