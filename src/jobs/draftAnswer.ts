import type { TaskConfig } from 'payload'

import { draftQuestion, recordDraftFailure } from '../lib/drafting/draftQuestion'
import { classifyDraftError } from '../lib/drafting/failures'
import { documentId } from '../lib/relationId'
import type { Env } from '../lib/env'

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
      try {
        const result = await draftQuestion(req.payload, env, questionId)
        return { output: { outcome: 'drafted', answerId: String(result.answerId), drafter: result.drafter } }
      } catch (error) {
        const failure = classifyDraftError(error)
        const final = !failure.retryable || attempt >= env.drafting.jobAttempts
        await recordDraftFailure(req.payload, env, questionId, error, { attempt, final })
        if (failure.retryable) throw failure
        return { output: { outcome: 'failed', reason: failure.reason } }
      }
    },
  }
}
