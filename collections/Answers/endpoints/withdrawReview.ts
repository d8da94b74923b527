import type { Endpoint } from 'payload'
import { z } from 'zod'

import { requireRole } from '@/access/requireRole'
import { BadRequest } from '@/lib/errors'
import { readJsonBody } from '@/lib/http/requestBody'
import { withTransaction } from '@/lib/transaction'
import { WITHDRAW_REASON_MAX } from '@/lib/workflow/states'
import { withdrawFromReview } from '@/lib/workflow/withdrawFromReview'

const body = z.strictObject(
  {
    reason: z
      .string({ message: 'reason must be text.' })
      .trim()
      .max(WITHDRAW_REASON_MAX, `Keep the reason to ${WITHDRAW_REASON_MAX} characters or fewer.`)
      .optional(),
  },
  { message: 'Send an object with an optional "reason" and nothing else.' },
)

/**
 * POST /api/answers/:id/withdraw-review: an editor takes an answer out of review to edit it; the
 * reviewers are emailed. Body `{ "reason"?: string }` (optional, may be empty).
 */
export const withdrawReview: Endpoint = {
  path: '/:id/withdraw-review',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['editor', 'admin'], 'withdraw answers from review')
    const raw = await readJsonBody(req)
    if (raw === undefined && Number(req.headers.get('content-length') ?? 0) > 0)
      throw new BadRequest('Send the body as JSON, e.g. {"reason": "The dosing paragraph needs rewriting"}; the reason is optional.')
    const parsed = body.safeParse(raw ?? {})
    if (!parsed.success) throw new BadRequest(parsed.error.issues.map((issue) => issue.message).join('; '))
    const id = req.routeParams?.id as string
    const withdrawal = await withTransaction(req, (tx) => withdrawFromReview(tx, id, parsed.data.reason || null))
    return Response.json(withdrawal)
  },
}
