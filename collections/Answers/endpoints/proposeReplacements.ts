import type { Endpoint } from 'payload'

import { requireRole } from '@/access/requireRole'
import { proposeReplacementsForAnswer } from '@/lib/evidence/proposeReplacements'
import { parseRouteId } from '@/lib/http/params'
import { ANSWERS } from '@collections/slugs'

/**
 * POST /api/answers/:id/propose-replacements: for each superseded source the answer cites, a new
 * draft version citing the matching passages of its replacement (the live version stays). No body.
 */
export const proposeReplacements: Endpoint = {
  path: '/:id/propose-replacements',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['editor', 'admin'], 'propose replacement citations')
    return Response.json(await proposeReplacementsForAnswer(req, parseRouteId(req, ANSWERS)))
  },
}
