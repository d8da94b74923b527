import { type Endpoint } from 'payload'
import { z } from 'zod'

import { requireRole } from '@/access/requireRole'
import { parseRouteId } from '@/lib/http/params'
import { parseBody } from '@/lib/http/requestBody'
import { markClaim } from '@/lib/review/markClaim'
import { ANSWERS } from '@collections/slugs'

const body = z.strictObject({ verified: z.boolean() })

/**
 * POST /api/answers/:id/claims/:claimId/verify with { "verified": true | false }: the assigned
 * reviewer's own mark on one claim (src/lib/review/markClaim.ts). 200 with the mark as it now stands.
 */
export const verifyClaim: Endpoint = {
  path: '/:id/claims/:claimId/verify',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['reviewer'], 'mark claims verified', 'Only the reviewers assigned to an answer mark its claims verified.')
    const { verified } = await parseBody(req, body, { expected: 'Expected { "verified": true } or { "verified": false }' })
    const mark = await markClaim(req, parseRouteId(req, ANSWERS), String(req.routeParams?.claimId ?? ''), verified)
    return Response.json(mark, { status: 200 })
  },
}
