import type { PayloadRequest } from 'payload'

import type { Id } from '../relationId'

export type EvidencePolicyOutcome = 'noticed' | 'withdrawn' | 'not_live'

/**
 * What happens to the live version of an answer whose cited evidence changed (issue 14): a dated
 * notice on the public page and withdrawal after the cancer type's notice period, or withdrawal at
 * once for a safety correction. Placeholder until the lifecycle branch lands: it changes nothing.
 */
export async function applyEvidencePolicy(
  _req: PayloadRequest,
  _answerId: Id,
  _change: { changedOn: Date; safetyCorrection: boolean },
): Promise<EvidencePolicyOutcome> {
  return 'not_live'
}
