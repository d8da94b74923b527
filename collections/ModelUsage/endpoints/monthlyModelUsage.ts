import type { Endpoint } from 'payload'
import { z } from 'zod'

import { requireRole } from '@/access/requireRole'
import { parseQuery } from '@/lib/http/params'
import { wholeNumberParam } from '@/lib/http/wholeNumberParam'
import { loadMonthlyModelUsage } from '@/lib/usage/monthlyModelUsage'

const query = z.object({
  months: wholeNumberParam('months must be a whole number from 1 to 120.', { max: 120 }).default(12),
})

/** GET /api/model-usage/monthly?months=12: spend per month, newest first. */
export const monthlyModelUsage: Endpoint = {
  path: '/monthly',
  method: 'get',
  handler: async (req) => {
    requireRole(req, ['editor', 'admin'], 'see model spend')
    const { months } = parseQuery(req, query)
    return Response.json({ months: await loadMonthlyModelUsage(req, months) })
  },
}
