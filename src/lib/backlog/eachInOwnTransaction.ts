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
 * earlier items done with no report. After a few unexpected errors in a row the rest is reported
 * as not tried (503) instead (STOP_AFTER_FAULTS).
 */
export async function eachInOwnTransaction<T extends object>(
  req: PayloadRequest,
  ids: string[],
  work: (tx: PayloadRequest, id: string) => Promise<T>,
): Promise<BulkOutcome<T>> {
  const outcome: BulkOutcome<T> = { done: [], refused: [] }
  let faultsInARow = 0
  for (const [index, id] of ids.entries()) {
    if (faultsInARow === STOP_AFTER_FAULTS) {
      stopAfterFaults(req, outcome, ids.slice(index))
      break
    }
    try {
      outcome.done.push({ ...(await withTransaction(req, (tx) => work(tx, id))), id })
      faultsInARow = 0
    } catch (error) {
      if (error instanceof APIError) {
        outcome.refused.push({ id, status: error.status, reason: error.message })
        faultsInARow = 0
      } else {
        req.payload.logger.error({ err: error, msg: `Bulk action: item ${id} failed and was rolled back` })
        // A refused workflow write says which step and why; anything else (a database error carries
        // its SQL) stays in the log.
        const reason = error instanceof WorkflowWriteFailed ? error.message : 'an unexpected error (logged for the administrators)'
        outcome.refused.push({ id, status: 500, reason: `Not changed: ${reason}` })
        faultsInARow = error instanceof WorkflowWriteFailed ? 0 : faultsInARow + 1
      }
    }
  }
  return outcome
}

/**
 * Unexpected errors in a row after which the rest is not tried: with the database down, each of
 * 500 items would wait out its own timeout (5 s of busy wait on SQLite) and the editor would wait
 * for all of them. A refusal or a refused workflow write is about its item and does not count.
 */
const STOP_AFTER_FAULTS = 3

function stopAfterFaults(req: PayloadRequest, outcome: BulkOutcome<object>, rest: string[]) {
  req.payload.logger.error(`Bulk action: stopped after ${STOP_AFTER_FAULTS} unexpected errors in a row; ${rest.length} item(s) not tried.`)
  for (const id of rest)
    outcome.refused.push({
      id,
      status: 503,
      reason: `Not tried: the ${STOP_AFTER_FAULTS} items before it failed with unexpected errors, as when the database cannot be reached. Nothing was changed; try again later.`,
    })
}
