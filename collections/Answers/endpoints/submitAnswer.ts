import type { Endpoint } from 'payload'

import { requireRole } from '@/access/requireRole'
import { withTransaction } from '@/lib/transaction'
import { submitForReview } from '@/lib/workflow/submitForReview'

/** POST /api/answers/:id/submit: an editor sends a complete draft to review. */
export const submitAnswer: Endpoint = {
  path: '/:id/submit',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['editor', 'admin'], 'submit answers for review')
    const id = req.routeParams?.id as string
    const submission = await withTransaction(req, (tx) => submitForReview(tx, id))
    return Response.json(submission)
  },
}
