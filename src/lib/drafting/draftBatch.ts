import type { PayloadRequest } from 'payload'

import { DRAFTING_QUEUE } from '@/jobs/draftAnswer'
import { SUBMIT_DRAFT_BATCH_TASK } from '@/jobs/draftBatch'
import { eachInOwnTransaction, type BulkOutcome } from '../backlog/eachInOwnTransaction'
import type { Id } from '../relationId'
import { inNewTransaction } from '../transaction'
import { transitionQuestion } from '../workflow/transitions'
import { claimForDrafting, queueDraft } from './queueDraft'

export type DraftingMode = 'jobs' | 'batch'

/**
 * Sends many questions to drafting: one job each ("jobs"), or all in one Message Batch at half
 * price ("batch"). Each question is claimed in its own transaction, so one refusal does not stop
 * the others; the result says which were queued and, for the rest, why not.
 */
export async function draftQuestions(req: PayloadRequest, sent: Id[], mode: DraftingMode): Promise<BulkOutcome<{ jobId: Id }>> {
  const ids = [...new Set(sent.map(String))]
  if (mode === 'jobs') return eachInOwnTransaction(req, ids, (tx, id) => queueDraft(tx, id))
  const outcome = await eachInOwnTransaction(req, ids, async (tx, id): Promise<{ jobId: Id }> => {
    await claimForDrafting(tx, id)
    return { jobId: 'batch' }
  })
  if (outcome.done.length === 0) return outcome
  try {
    const job = await req.payload.jobs.queue({
      task: SUBMIT_DRAFT_BATCH_TASK,
      input: { questionIds: outcome.done.map((entry) => entry.id) },
      queue: DRAFTING_QUEUE,
    })
    for (const entry of outcome.done) entry.jobId = job.id
  } catch (error) {
    // The questions were claimed; without their job they would wait forever. Release them, with
    // the reason, all together or not at all.
    const reason = `Queueing the drafting batch failed (${error instanceof Error ? error.message : String(error)}); send it to drafting again.`
    await inNewTransaction(req.payload, async (tx) => {
      for (const entry of outcome.done) await transitionQuestion(tx, entry.id, 'release', { data: { draftFailureReason: reason } })
    })
    throw error
  }
  return outcome
}
