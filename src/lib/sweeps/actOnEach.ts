import type { Payload, PayloadRequest } from 'payload'

import type { Id } from '../relationId'
import { inNewTransaction } from '../transaction'

export type SweepStep<Candidate extends { id: Id }, Row, Done> = {
  /** Named in the log when one candidate fails. */
  label: string
  /**
   * The candidate read again in the step's transaction, or null when it is no longer due: another
   * sweep (the hourly timer and an admin's "run now", or two workers) or a person may have acted on
   * it since the candidates were read, and each is acted on once per state.
   */
  reread: (req: PayloadRequest, candidate: Candidate) => Promise<Row | null>
  /** Acts on the row read again; null when there was nothing to do after all. */
  work: (req: PayloadRequest, row: Row) => Promise<Done | null>
}

/**
 * The lifecycle sweep's way to act on what it found: each candidate in its own transaction, on the
 * row read again there. One that fails is logged and rolled back alone, and the sweep goes on (it is
 * tried again on the next run). SQLite runs one transaction at a time, so a second sweep reads what
 * the first committed; on MongoDB two transactions writing one document conflict, and the second
 * rolls back with its emails. Returns what each committed step did.
 */
export async function actOnEach<Candidate extends { id: Id }, Row, Done>(
  payload: Payload,
  candidates: Candidate[],
  { label, reread, work }: SweepStep<Candidate, Row, Done>,
): Promise<Done[]> {
  const done: Done[] = []
  for (const candidate of candidates) {
    try {
      const result = await inNewTransaction(payload, async (req) => {
        const row = await reread(req, candidate)
        return row === null ? null : work(req, row)
      })
      if (result !== null) done.push(result)
    } catch (error) {
      payload.logger.error({ err: error, msg: `${label} failed for ${String(candidate.id)}; it is retried on the next run.` })
    }
  }
  return done
}
