import type { Endpoint } from 'payload'

import { requireRole } from '@/access/requireRole'
import { loadAnswerHistory } from '@/lib/answers/answerHistory'
import { parseRouteId } from '@/lib/http/params'
import { ANSWERS } from '@collections/slugs'

/**
 * GET /api/answers/:id/history: workflow transitions, the newest versions, review decisions and
 * emails, newest first (src/lib/answers/answerHistory.ts). Editors and admins.
 */
export const answerHistory: Endpoint = {
  path: '/:id/history',
  method: 'get',
  handler: async (req) => {
    requireRole(req, ['editor', 'admin'], 'see an answer’s history')
    return Response.json(await loadAnswerHistory(req, parseRouteId(req, ANSWERS)))
  },
}
