import type { Endpoint } from 'payload'
import { z } from 'zod'

import { requireRole } from '@/access/requireRole'
import { parseRouteId } from '@/lib/http/params'
import { parseBody } from '@/lib/http/requestBody'
import { ANSWERS } from '@collections/slugs'
import { withTransaction } from '@/lib/transaction'
import { WITHDRAW_REASON_MAX, WITHDRAW_REVIEW_ROLES } from '@/lib/workflow/states'
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
    requireRole(req, [...WITHDRAW_REVIEW_ROLES], 'withdraw answers from review')
    const { reason } = await parseBody(req, body, { optional: true })
    const id = parseRouteId(req, ANSWERS)
    const withdrawal = await withTransaction(req, (tx) => withdrawFromReview(tx, id, reason || null))
    return Response.json(withdrawal)
  },
}
