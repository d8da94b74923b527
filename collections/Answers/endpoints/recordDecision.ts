import { type Endpoint } from 'payload'
import { z } from 'zod'

import { requireRole } from '@/access/requireRole'
import { parseRouteId } from '@/lib/http/params'
import { parseBody } from '@/lib/http/requestBody'
import { recordDecision as record } from '@/lib/workflow/recordDecision'
import { ANSWERS } from '@collections/slugs'

const body = z.object({
  decision: z.enum(['approve', 'request_changes', 'reject'], { message: 'decision must be "approve", "request_changes" or "reject".' }),
  comment: z.string().max(5000).optional(),
  attestation: z.boolean().optional(),
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'contentHash must be the 64-character hash of the content you reviewed.')
    .optional(),
})

/**
 * POST /api/answers/:id/decision: a reviewer's decision, idempotent (src/lib/workflow/recordDecision.ts):
 * 201 with the new record, or 200 with the one already made for the same decision on the same content.
 */
export const recordDecision: Endpoint = {
  path: '/:id/decision',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['reviewer'], 'record a review decision', 'Only reviewers record review decisions.')
    const input = await parseBody(req, body)
    const { doc, alreadyRecorded } = await record(req, parseRouteId(req, ANSWERS), input)
    return Response.json({ doc, alreadyRecorded }, { status: alreadyRecorded ? 200 : 201 })
  },
}
