import { type Endpoint } from 'payload'
import { z } from 'zod'

import { requireRole } from '@/access/requireRole'
import { BadRequest } from '@/lib/errors'
import { withTransaction } from '@/lib/transaction'
import { currentContentHash } from '@/lib/workflow/contentHash'
import { ANSWERS, APPROVALS } from '@collections/slugs'
import { readJsonBody } from '@/lib/http/requestBody'

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
 * POST /api/answers/:id/decision: a reviewer's decision, idempotent. Sending the same decision on
 * the same content again (a double click, a retried request) returns the record already made
 * (200) instead of a second one; a new decision is created through the approvals collection with
 * all its rules (201).
 */
export const recordDecision: Endpoint = {
  path: '/:id/decision',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['reviewer'], 'record a review decision', 'Only reviewers record review decisions.')
    const parsed = body.safeParse(await readJsonBody(req))
    if (!parsed.success) throw new BadRequest(parsed.error.issues.map((issue) => issue.message).join('; '))
    const answerId = req.routeParams?.id as string
    return withTransaction(req, async (tx) => {
      const answer = await tx.payload.findByID({ collection: ANSWERS, id: answerId, draft: true, depth: 0, overrideAccess: true, req: tx })
      const { docs } = await tx.payload.find({
        collection: APPROVALS,
        where: {
          and: [
            { answer: { equals: answer.id } },
            { reviewer: { equals: tx.user!.id } },
            { contentHash: { equals: await currentContentHash(tx, answer) } },
            { decision: { equals: parsed.data.decision } },
          ],
        },
        limit: 1,
        depth: 0,
        overrideAccess: true,
        req: tx,
      })
      if (docs[0]) return Response.json({ doc: docs[0], alreadyRecorded: true }, { status: 200 })
      const doc = await tx.payload.create({
        collection: APPROVALS,
        data: { answer: answer.id, ...parsed.data },
        depth: 0,
        overrideAccess: false,
        req: tx,
      })
      return Response.json({ doc, alreadyRecorded: false }, { status: 201 })
    })
  },
}
