import { type Endpoint } from 'payload'
import { z } from 'zod'

import { requireRole } from '@/access/requireRole'
import { parseRouteId } from '@/lib/http/params'
import { parseBody } from '@/lib/http/requestBody'
import { overridePublish as publishByOverride } from '@/lib/workflow/overridePublish'
import { ANSWERS } from '@collections/slugs'

const body = z.object({
  reason: z.string().trim().min(20, 'Give the reason in at least 20 characters; it is shown to patients.').max(1000),
})

/**
 * POST /api/answers/:id/override-publish: an admin publishes without the approval rule, with a
 * reason (src/lib/workflow/overridePublish.ts).
 */
export const overridePublish: Endpoint = {
  path: '/:id/override-publish',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['admin'], 'publish without the approval rule', 'Only an admin can publish without the approval rule.')
    const { reason } = await parseBody(req, body)
    return Response.json({ doc: await publishByOverride(req, parseRouteId(req, ANSWERS), reason) })
  },
}
