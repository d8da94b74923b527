import { APIError, type Payload, type TaskConfig } from 'payload'

import { draftQuestion, recordDraftFailure } from '../lib/drafting/draftQuestion'
import { classifyDraftError } from '../lib/drafting/failures'
import { documentId } from '../lib/relationId'
import type { Env } from '../lib/env'
import { inNewTransaction } from '../lib/transaction'
import { oneAtATime } from '../lib/leases/oneAtATime'
import { QUESTIONS } from '@collections/slugs'
import { submitForReview } from '../lib/workflow/submitForReview'
import type { Id } from '@/lib/relationId'

export const DRAFT_ANSWER_TASK = 'draftAnswer'
export const DRAFTING_QUEUE = 'drafting'

/**
 * Drafts one question. Runs in the web server (autoRun) by default, or in `payload jobs:run`
 * workers. A transient failure (API busy, unreachable, timed out) throws, so Payload retries the job
 * with exponential backoff; the last attempt marks the question draft_failed. A permanent failure
 * (no sources, a refusal, a rejected key, a draft still invalid after its repair) is a decided
 * outcome: the question is marked draft_failed with the reason and the job ends without retrying.
 * (Payload's JobCancelledError would do the same, but it is recognised with `instanceof`, which
 * fails when the app's and Payload's copies of the class differ, as under the test runner.)
 */
export function draftAnswerTask(env: Env): TaskConfig<typeof DRAFT_ANSWER_TASK> {
  return {
    slug: DRAFT_ANSWER_TASK,
    label: 'Draft an answer',
    inputSchema: [{ name: 'questionId', type: 'text', required: true }],
    outputSchema: [
      { name: 'outcome', type: 'text' },
      { name: 'answerId', type: 'text' },
      { name: 'drafter', type: 'text' },
      { name: 'reason', type: 'text' },
    ],
    retries: { attempts: env.drafting.jobAttempts - 1, backoff: { type: 'exponential', delay: env.drafting.retryDelayMs } },
    handler: async ({ input, job, req }) => {
      const attempt = (job.totalTried ?? 0) + 1
      const questionId = documentId(req.payload.db.defaultIDType, input.questionId)
      // A failure is recorded on the question (and paid calls on the ledger) before the lease is given
      // back, so a run waiting for it finds the question as this one left it.
      const fail = async (error: unknown) => {
        const failure = classifyDraftError(error)
        const final = !failure.retryable || attempt >= env.drafting.jobAttempts
        await recordDraftFailure(req.payload, env, questionId, error, { attempt, final })
        if (failure.retryable) throw failure
        return { output: { outcome: 'failed', reason: failure.reason } }
      }
      let recorded = false
      try {
        // One run per question at a time: Payload can hand this job to two runners, and a second job
        // for the question can be queued while a slow first one still runs (a "lost" draft sent again).
        return await oneAtATime(req.payload, `draft-question:${String(questionId)}`, async ({ afterAnotherRun }) => {
          try {
            if (afterAnotherRun) {
              const question = await req.payload.findByID({
                collection: QUESTIONS,
                id: questionId,
                depth: 0,
                overrideAccess: true,
                disableErrors: true,
              })
              // The other run drafted it, or failed for good: nothing is left for this one to pay for.
              if (question?.status !== 'drafting')
                return {
                  output: {
                    outcome: 'skipped',
                    reason: `Another run of this draft finished first (the question is now ${question?.status.replace(/_/g, ' ') ?? 'deleted'}).`,
                  },
                }
            }
            const result = await draftQuestion(req.payload, env, questionId)
            if (env.drafting.autoSubmit) await autoSubmit(req.payload, result.answerId)
            return { output: { outcome: 'drafted', answerId: String(result.answerId), drafter: result.drafter } }
          } catch (error) {
            recorded = true
            return await fail(error)
          }
        })
      } catch (error) {
        if (recorded) throw error
        // The lease itself failed (a database fault) before the work began, perhaps while another run
        // holds it and is paying for the draft: the question says why this attempt failed, but is
        // not failed for good over it, and Payload retries the job (or, after its last attempt, the
        // question can be sent again once it has been "drafting" for an hour).
        await recordDraftFailure(req.payload, env, questionId, error, { attempt, final: false })
        throw classifyDraftError(error)
      }
    },
  }
}

/**
 * AUTO_SUBMIT_DRAFTS: the new draft goes straight to review. A draft that is not ready (e.g. the
 * model left out a section) stays a draft for an editor; the drafting itself still succeeded.
 */
async function autoSubmit(payload: Payload, answerId: Id) {
  try {
    await inNewTransaction(payload, (req) => submitForReview(req, answerId))
  } catch (error) {
    if (!(error instanceof APIError) || error.status >= 500) throw error
    payload.logger.info(`Draft ${answerId} was not submitted automatically: ${error.message}`)
  }
}
