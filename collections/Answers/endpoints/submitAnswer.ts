import type { Endpoint } from 'payload'

import { requireRole } from '@/access/requireRole'
import { parseRouteId } from '@/lib/http/params'
import { withTransaction } from '@/lib/transaction'
import { submitForReview } from '@/lib/workflow/submitForReview'
import { ANSWERS } from '@collections/slugs'

/** POST /api/answers/:id/submit: an editor sends a complete draft to review. */
export const submitAnswer: Endpoint = {
  path: '/:id/submit',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['editor', 'admin'], 'submit answers for review')
    const id = parseRouteId(req, ANSWERS)
    return Response.json(await withTransaction(req, (tx) => submitForReview(tx, id)))
  },
}
