import Anthropic from '@anthropic-ai/sdk'
import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { getAnthropicClient, usageOf } from '../lib/anthropic/client'
import { buildDraftRequest } from '../lib/anthropic/prompt'
import { DraftFailureWithCalls, toolInput } from '../lib/drafting/claudeDrafter'
import { chooseDrafter, draftRequestInput, prepareDraft, recordDraftFailure } from '../lib/drafting/draftQuestion'
import { validateDraft } from '../lib/drafting/draftSchema'
import { classifyDraftError, DraftFailure, QUESTION_EDITED_WHILE_DRAFTING } from '../lib/drafting/failures'
import { recordModelCalls, saveDraft } from '../lib/drafting/saveDraft'
import { MODEL_USAGE } from '@collections/slugs'
import type { Env } from '../lib/env'
import { documentId } from '../lib/relationId'
import { inNewTransaction } from '../lib/transaction'
import { oneAtATime } from '../lib/leases/oneAtATime'
import { DRAFTING_QUEUE } from './draftAnswer'
import type { Id } from '@/lib/relationId'

export const SUBMIT_DRAFT_BATCH_TASK = 'submitDraftBatch'
export const IMPORT_DRAFT_BATCH_TASK = 'importDraftBatch'

/**
 * One question of a batch. `text` and `cancerTypeId`: the question as the request was built from
 * (absent from batches submitted before they were recorded), so a result for a question an editor
 * reworded or moved meanwhile is discarded, as a single draft is.
 */
type BatchEntry = { questionId: string; retrievedKeys: string[]; text?: string; cancerTypeId?: string }

/**
 * Large backlogs through the Message Batches API, at half price: one job builds the same requests
 * as single drafts (same prompt, same cacheable prefix) and submits them as one batch; an import
 * job polls until the batch has ended, then validates each result with the same rules and saves
 * it. There is no repair turn in a batch: an invalid result fails with the reason, and the editor
 * can redraft that question on its own.
 */
export function submitDraftBatchTask(env: Env): TaskConfig<typeof SUBMIT_DRAFT_BATCH_TASK> {
  return {
    slug: SUBMIT_DRAFT_BATCH_TASK,
    label: 'Submit drafts as a Message Batch',
    inputSchema: [{ name: 'questionIds', type: 'json', required: true }],
    outputSchema: [{ name: 'batchId', type: 'text' }],
    retries: { attempts: env.drafting.jobAttempts - 1, backoff: { type: 'exponential', delay: env.drafting.retryDelayMs } },
    handler: async ({ input, job, req }) => {
      const { payload } = req
      const questionIds = (input.questionIds as Id[]).map((id) => documentId(payload.db.defaultIDType, id))
      // One run of this job at a time (Payload can hand it to two runners): a second run waits, then
      // finds its questions marked as submitted and skips them, instead of paying for a second batch.
      let started = false
      try {
        return await oneAtATime(payload, `draft-batch-submit:${String(job.id)}`, async () => {
          started = true
          const final = (job.totalTried ?? 0) + 1 >= env.drafting.jobAttempts
          try {
            if (chooseDrafter(env) !== 'model') {
              throw new DraftFailure('Batch drafting uses the Message Batches API and needs ANTHROPIC_API_KEY.', false)
            }
          } catch (error) {
            for (const id of questionIds) await recordDraftFailure(payload, env, id, error, { attempt: 1, final: true })
            return { output: {} }
          }
          const entries: BatchEntry[] = []
          const requests: Anthropic.Messages.Batches.BatchCreateParams.Request[] = []
          for (const id of questionIds) {
            // On a retry, questions an earlier attempt already submitted (or that left drafting) are skipped.
            const current = await payload.findByID({ collection: 'questions', id, depth: 0, overrideAccess: true, disableErrors: true })
            if (!current || current.status !== 'drafting' || current.draftJobId?.startsWith('batch ')) continue
            try {
              const prepared = await prepareDraft(payload, env, id)
              requests.push({ custom_id: String(prepared.question.id), params: buildDraftRequest(draftRequestInput(env, prepared)) })
              entries.push({
                questionId: String(prepared.question.id),
                retrievedKeys: prepared.retrieved.map((passage) => passage.key),
                text: prepared.question.text,
                cancerTypeId: String(prepared.cancerType.id),
              })
            } catch (error) {
              await recordDraftFailure(payload, env, id, error, { attempt: 1, final: true })
            }
          }
          if (requests.length === 0) return { output: {} }
          const client = getAnthropicClient(env.anthropic, env.drafting.concurrency)
          let batch: Anthropic.Messages.Batches.MessageBatch
          try {
            // Once only: a creation is not safe to repeat (no idempotency key), and the SDK's own retry
            // of a reply that came too late made a second and a third paid batch.
            batch = await client.gate.run(() => client.sdk.messages.batches.create({ requests }, { maxRetries: 0 }))
          } catch (error) {
            // A creation that may have reached the API (no answer, a cut connection, a server or
            // gateway error after it) is not tried again: that could pay for the batch twice.
            const failure = mayHaveBeenCreated(error)
              ? new DraftFailure(
                  'Submitting the Message Batch got no clear answer (a timeout, a cut connection or a server error), so it may have been created: check the Message Batches in the Anthropic Console (cancel a duplicate there) before sending the questions to drafting again.',
                  false,
                )
              : classifyDraftError(error)
            for (const entry of entries) {
              await recordDraftFailure(payload, env, documentId(payload.db.defaultIDType, entry.questionId), failure, {
                attempt: (job.totalTried ?? 0) + 1,
                final: final || !failure.retryable,
              })
            }
            if (failure.retryable) throw failure
            return { output: {} }
          }
          // The batch exists and is paid for: from here a fault must not lead to a retry that submits it
          // again. The import job and the questions' marks are written together or not at all.
          try {
            await inNewTransaction(payload, async (tx) => {
              await queueImport(payload, env, batch.id, entries, tx)
              for (const entry of entries) {
                await payload.update({
                  collection: 'questions',
                  id: documentId(payload.db.defaultIDType, entry.questionId),
                  data: { draftJobId: `batch ${batch.id}` },
                  overrideAccess: true,
                  depth: 0,
                  req: tx,
                })
              }
            })
          } catch (error) {
            // Nobody will import it: stop it, so what it has not processed yet is not billed.
            const cancelled = await client.gate
              .run(() => client.sdk.messages.batches.cancel(batch.id))
              .then(
                () => 'it was cancelled (requests it had already processed are billed)',
                (cancelError: unknown) =>
                  `cancelling it failed too (${cancelError instanceof Error ? cancelError.message : String(cancelError)}): cancel it in the Anthropic Console`,
              )
            const reason = `Message Batch ${batch.id} was submitted but could not be recorded (${error instanceof Error ? error.message : String(error)}), so its results will not be imported; ${cancelled}. Send the question to drafting again.`
            payload.logger.error({ err: error, msg: reason })
            for (const entry of entries) {
              await recordDraftFailure(
                payload,
                env,
                documentId(payload.db.defaultIDType, entry.questionId),
                new DraftFailure(reason, false),
                {
                  attempt: 1,
                  final: true,
                },
              ).catch((recordError: unknown) => payload.logger.error({ err: recordError, msg: `Question ${entry.questionId}: ${reason}` }))
            }
            // No batch id in the output: nothing will import this one.
            return { output: {} }
          }
          return { output: { batchId: batch.id } }
        })
      } catch (error) {
        // The lease itself failed (a database fault) before the submission began, perhaps while
        // another run holds it: the questions say why this attempt failed, are not failed for good
        // over it, and Payload retries the job. Faults of the submission are handled inside it.
        if (started) throw error
        const attempt = (job.totalTried ?? 0) + 1
        for (const id of questionIds) await recordDraftFailure(payload, env, id, error, { attempt, final: false })
        throw classifyDraftError(error)
      }
    },
  }
}

export function importDraftBatchTask(env: Env): TaskConfig<typeof IMPORT_DRAFT_BATCH_TASK> {
  return {
    slug: IMPORT_DRAFT_BATCH_TASK,
    label: 'Import a Message Batch of drafts',
    inputSchema: [
      { name: 'batchId', type: 'text', required: true },
      { name: 'entries', type: 'json', required: true },
      // Until when an import that cannot reach the API is queued again (ISO date; see keepPollingUntil).
      { name: 'pollUntil', type: 'text' },
    ],
    outputSchema: [
      { name: 'state', type: 'text' },
      { name: 'saved', type: 'number' },
      { name: 'failed', type: 'number' },
    ],
    retries: { attempts: env.drafting.jobAttempts - 1, backoff: { type: 'exponential', delay: env.drafting.retryDelayMs } },
    handler: async ({ input, job, req }) => {
      const { payload } = req
      const entries = input.entries as BatchEntry[]
      try {
        // One import of a batch at a time (Payload can hand the job to two runners): the second
        // waits, then finds every result imported or on the ledger, and records none twice.
        return await oneAtATime(payload, `draft-batch-import:${input.batchId}`, () =>
          importBatch(payload, env, input.batchId, entries, input.pollUntil ?? keepPollingUntil(new Date(job.createdAt)).toISOString()),
        )
      } catch (error) {
        const failure = classifyDraftError(error)
        const outOfTries = (job.totalTried ?? 0) + 1 >= env.drafting.jobAttempts
        const pollUntil = input.pollUntil ?? keepPollingUntil(new Date(job.createdAt)).toISOString()
        if (failure.retryable && outOfTries && Date.now() < new Date(pollUntil).getTime()) {
          // The batch is paid for and runs on at Anthropic whatever happens here: an outage while it is
          // polled (a few minutes of 5xx, the network down) must not abandon its results. A new import
          // job, with its own tries, polls again later; the questions stay "drafting" meanwhile.
          payload.logger.warn(`Importing Message Batch ${input.batchId} failed for now (${failure.reason}); polling again later.`)
          await queueImport(payload, env, input.batchId, entries, undefined, pollUntil)
          return { output: { state: 'unreachable, polling again later' } }
        }
        if (!failure.retryable || outOfTries) {
          // Whatever was not imported fails visibly instead of staying "drafting".
          for (const entry of entries) {
            await recordDraftFailure(
              payload,
              env,
              documentId(payload.db.defaultIDType, entry.questionId),
              new DraftFailure(`Importing Message Batch ${input.batchId} failed: ${failure.reason}`, false),
              {
                attempt: 1,
                final: true,
              },
            )
          }
          return { output: { state: 'failed' } }
        }
        throw failure
      }
    },
  }
}

/** Polls the batch; once it has ended, validates and saves each result that is still awaited. */
async function importBatch(payload: Payload, env: Env, batchId: string, entries: BatchEntry[], pollUntil: string) {
  const client = getAnthropicClient(env.anthropic, env.drafting.concurrency)
  const batch = await client.gate.run(() => client.sdk.messages.batches.retrieve(batchId))
  if (batch.processing_status !== 'ended') {
    await queueImport(payload, env, batchId, entries, undefined, pollUntil)
    return { output: { state: batch.processing_status } }
  }
  let saved = 0
  let failed = 0
  const byQuestion = new Map(entries.map((entry) => [entry.questionId, entry]))
  const fail = async (questionId: string, reason: string) => {
    failed += 1
    await recordDraftFailure(payload, env, documentId(payload.db.defaultIDType, questionId), new DraftFailure(reason, false), {
      attempt: 1,
      final: true,
    })
  }
  for await (const item of await client.sdk.messages.batches.results(batchId)) {
    const entry = byQuestion.get(item.custom_id)
    if (!entry) continue
    byQuestion.delete(item.custom_id)
    const questionId = documentId(payload.db.defaultIDType, entry.questionId)
    const current = await payload.findByID({ collection: 'questions', id: questionId, depth: 0, overrideAccess: true, disableErrors: true })
    if (!current || current.status !== 'drafting' || current.draftJobId !== `batch ${batchId}`) {
      // Imported already (a retried import), or the question left this batch while it ran (archived,
      // marked a duplicate, drafted again on its own): not saved, but a result that succeeded is paid
      // for and goes on the ledger, once.
      if (item.result.type === 'succeeded' && !(await onLedger(payload, batchId, questionId))) {
        const message = item.result.message
        await inNewTransaction(payload, (tx) =>
          recordModelCalls(tx, {
            calls: [{ message, requestId: batchId, latencyMs: 0, usage: usageOf(message) }],
            model: env.anthropic.model,
            questionId: current ? questionId : undefined,
            outcome: 'discarded',
            purpose: 'batch',
          }),
        )
      }
      continue
    }
    if (item.result.type !== 'succeeded') {
      await fail(entry.questionId, `The batch request ${item.result.type}. Send the question to drafting again.`)
      continue
    }
    const message = item.result.message
    const call = { message, requestId: batchId, latencyMs: 0, usage: usageOf(message) }
    try {
      if (message.stop_reason === 'refusal')
        throw new DraftFailure('The model declined to draft an answer to this question (stop_reason: refusal).', false)
      const prepared = await prepareDraft(payload, env, documentId(payload.db.defaultIDType, entry.questionId), entry.retrievedKeys)
      if (entry.text !== undefined && (prepared.question.text !== entry.text || String(prepared.cancerType.id) !== entry.cancerTypeId))
        throw new DraftFailure(QUESTION_EDITED_WHILE_DRAFTING, false)
      // Against the passages as they are now: a source superseded since submission is not citable.
      const checked = validateDraft(toolInput(message), new Map(prepared.retrieved.map((passage) => [passage.key, passage.text])))
      if (!checked.ok)
        throw new DraftFailure(
          `The batch draft was invalid (no repair turn in batch mode; send the question to drafting again): ${checked.problems.slice(0, 5).join('; ')}`,
          false,
        )
      await saveDraft(payload, {
        ...prepared,
        draft: checked.draft,
        drafter: 'model',
        model: env.anthropic.model,
        calls: [call],
        batch: true,
      })
      saved += 1
    } catch (error) {
      failed += 1
      const reason = classifyDraftError(error).reason
      // One result that cannot be recorded must not stop the import of the others (each already paid for).
      await recordDraftFailure(
        payload,
        env,
        documentId(payload.db.defaultIDType, entry.questionId),
        new DraftFailureWithCalls(reason, false, [call]),
        { attempt: 1, final: true, batch: true },
      ).catch((recordError: unknown) => payload.logger.error({ err: recordError, msg: `Question ${entry.questionId}: ${reason}` }))
    }
  }
  for (const entry of byQuestion.values())
    await fail(entry.questionId, 'The batch ended without a result for this question. Send it to drafting again.')
  return { output: { state: 'ended', saved, failed } }
}

/** A 529 (overloaded) and a 429 (rate limited) say the request was turned away; other failures after sending it do not. */
function mayHaveBeenCreated(error: unknown): boolean {
  if (error instanceof Anthropic.APIConnectionError) return true
  return error instanceof Anthropic.APIError && typeof error.status === 'number' && error.status >= 500 && error.status !== 529
}

/** Whether this batch's result for this question is on the ledger already (saved, or recorded as discarded). */
async function onLedger(payload: Payload, batchId: string, questionId: Id): Promise<boolean> {
  const { totalDocs } = await payload.count({
    collection: MODEL_USAGE,
    where: { and: [{ requestId: { equals: batchId } }, { question: { equals: questionId } }] },
    overrideAccess: true,
  })
  return totalDocs > 0
}

/**
 * Anthropic keeps a batch's results for 29 days after its creation (a batch ends within 24 hours):
 * an import that cannot reach the API is queued again until then, measured from the submission.
 */
const BATCH_RESULTS_KEPT_MS = 29 * 24 * 60 * 60 * 1000
export const keepPollingUntil = (submittedAt: Date): Date => new Date(submittedAt.getTime() + BATCH_RESULTS_KEPT_MS)

async function queueImport(
  payload: Payload,
  env: Env,
  batchId: string,
  entries: BatchEntry[],
  req?: PayloadRequest,
  pollUntil: string = keepPollingUntil(new Date()).toISOString(),
) {
  await payload.jobs.queue({
    task: IMPORT_DRAFT_BATCH_TASK,
    input: { batchId, entries, pollUntil },
    queue: DRAFTING_QUEUE,
    waitUntil: new Date(Date.now() + env.drafting.batchPollMs),
    req,
  })
}
