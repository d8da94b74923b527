import type { TaskConfig } from 'payload'

import type { Env } from '../lib/env'
import { documentId } from '../lib/relationId'
import { verifyAnswerClaims } from '../lib/verification/verifyAnswer'

export const VERIFY_CLAIMS_TASK = 'verifyClaims'
/** Its own queue, so a slow verifier never holds up drafting or email. */
export const VERIFICATION_QUEUE = 'verification'

/**
 * Checks the claims of one answer version with Claude (queued by the Answers hook
 * queueClaimVerification whenever a save changes the content hash: a draft, an editor's edit, a
 * restore). No retries: a failed call is a decided outcome, stored on the answer as "not verified"
 * with its reason; the next content change queues a fresh check.
 */
export function verifyClaimsTask(env: Env): TaskConfig<typeof VERIFY_CLAIMS_TASK> {
  return {
    slug: VERIFY_CLAIMS_TASK,
    label: 'Verify the claims of an answer',
    inputSchema: [
      { name: 'answerId', type: 'text', required: true },
      { name: 'contentHash', type: 'text', required: true },
    ],
    outputSchema: [
      { name: 'outcome', type: 'text' },
      { name: 'reason', type: 'text' },
    ],
    handler: async ({ input, req }) => {
      const answerId = documentId(req.payload.db.defaultIDType, input.answerId)
      const { outcome, reason } = await verifyAnswerClaims(req.payload, env, answerId, input.contentHash)
      return { output: { outcome, reason: reason ?? '' } }
    },
  }
}
