import type { CollectionAfterChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { VERIFICATION_QUEUE, VERIFY_CLAIMS_TASK } from '@/jobs/verifyClaims'
import { loadEnv } from '@/lib/env'

const verificationEnabled = Boolean(loadEnv().anthropic.apiKey)

/**
 * With an Anthropic API key, every save that changes what the answer says (its content hash: a
 * model or extractive draft, an editor's edit, a restore) queues one claim verification by Claude
 * for that exact content, in the save's own transaction. The check runs later in a job, never in
 * the person's request (DESIGN.md trust rule 5). Writes that leave the content as it was (the
 * verification's own result, a workflow step) queue nothing.
 */
export const queueClaimVerification: CollectionAfterChangeHook<Answer> = async ({ doc, previousDoc, req }) => {
  if (!verificationEnabled || !doc.contentHash || doc.contentHash === previousDoc?.contentHash) return doc
  await req.payload.jobs.queue({
    task: VERIFY_CLAIMS_TASK,
    input: { answerId: String(doc.id), contentHash: doc.contentHash },
    queue: VERIFICATION_QUEUE,
    req,
  })
  return doc
}
