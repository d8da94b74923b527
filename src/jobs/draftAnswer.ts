import { JobCancelledError, type TaskConfig } from 'payload'

import { draftQuestion, recordDraftFailure } from '../lib/drafting/draftQuestion'
import { classifyDraftError } from '../lib/drafting/failures'
import type { Env } from '../lib/env'

export const DRAFT_ANSWER_TASK = 'draftAnswer'
export const DRAFTING_QUEUE = 'drafting'

/**
 * Drafts one question. Runs in the web server (autoRun) by default, or in `payload jobs:run`
 * workers. A transient failure (API busy, unreachable, timed out) is retried with exponential
 * backoff; a permanent one (no sources, refusal, rejected key, invalid after repair) is cancelled
 * at once. Either way the question shows why.
 */
export function draftAnswerTask(env: Env): TaskConfig<typeof DRAFT_ANSWER_TASK> {
  return {
    slug: DRAFT_ANSWER_TASK,
    label: 'Draft an answer',
    inputSchema: [{ name: 'questionId', type: 'text', required: true }],
    outputSchema: [
      { name: 'answerId', type: 'text' },
      { name: 'drafter', type: 'text' },
    ],
    retries: { attempts: env.drafting.jobAttempts - 1, backoff: { type: 'exponential', delay: env.drafting.retryDelayMs } },
    handler: async ({ input, job, req }) => {
      const attempt = (job.totalTried ?? 0) + 1
      try {
        const result = await draftQuestion(req.payload, env, input.questionId)
        return { output: { answerId: String(result.answerId), drafter: result.drafter } }
      } catch (error) {
        const failure = classifyDraftError(error)
        const final = !failure.retryable || attempt >= env.drafting.jobAttempts
        await recordDraftFailure(req.payload, env, input.questionId, error, { attempt, final })
        if (!failure.retryable) throw new JobCancelledError(failure.reason)
        throw failure
      }
    },
  }
}
