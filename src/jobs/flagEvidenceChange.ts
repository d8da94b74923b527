import type { TaskConfig } from 'payload'

import { flagEvidenceChange } from '../lib/evidence/flagEvidenceChange'
import { documentId } from '../lib/relationId'

export const FLAG_EVIDENCE_TASK = 'flagEvidenceChange'
/** The source and review lifecycle's queue (issue 14): run every 5 s in-process, or by a worker. */
export const LIFECYCLE_QUEUE = 'lifecycle'

/**
 * Flags every answer citing a passage changed by one evidence change (queued with the source's save,
 * src/lib/evidence/recordEvidenceChange.ts) and sends live ones back to review. Retried: an answer
 * already flagged for the change is skipped, so a retry finishes the rest.
 */
export const flagEvidenceChangeTask: TaskConfig<typeof FLAG_EVIDENCE_TASK> = {
  slug: FLAG_EVIDENCE_TASK,
  label: 'Flag the answers citing changed evidence',
  retries: 3,
  inputSchema: [{ name: 'changeId', type: 'text', required: true }],
  outputSchema: [
    { name: 'flagged', type: 'number' },
    { name: 'refused', type: 'number' },
  ],
  handler: async ({ input, req }) => {
    const outcome = await flagEvidenceChange(req.payload, documentId(req.payload.db.defaultIDType, input.changeId))
    return {
      output: {
        flagged: outcome.answers.filter((answer) => answer.flagged).length,
        refused: outcome.answers.filter((answer) => answer.refused !== null).length,
      },
    }
  },
}
