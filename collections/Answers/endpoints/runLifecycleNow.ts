import type { Endpoint } from 'payload'

import { requireRole } from '@/access/requireRole'
import { runLifecycle } from '@/lib/lifecycle/runLifecycle'

/**
 * POST /api/answers/lifecycle/run: an admin runs the lifecycle sweep now instead of waiting for the
 * hourly timer (after changing a cancer type's policy, say). Answers with what it did, by step.
 */
export const runLifecycleNow: Endpoint = {
  path: '/lifecycle/run',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['admin'], 'run the lifecycle sweep')
    return Response.json(await runLifecycle(req.payload))
  },
}
