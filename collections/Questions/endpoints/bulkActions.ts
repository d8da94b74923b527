import { type Endpoint } from 'payload'
import { z } from 'zod'

import { requireEditor } from '@/access/requireRole'
import { BULK_ACTIONS, MAX_BULK_QUESTIONS, runBulkAction } from '@/lib/backlog/bulkActions'
import { idSchema } from '@/lib/http/params'
import { parseBody } from '@/lib/http/requestBody'

const body = z.object({
  action: z.enum(BULK_ACTIONS, { message: `action must be one of: ${BULK_ACTIONS.join(', ')}.` }),
  ids: z
    .array(idSchema, { message: 'ids must be a list of question ids.' })
    .min(1, 'Select at least one question.')
    .max(MAX_BULK_QUESTIONS, `Select at most ${MAX_BULK_QUESTIONS} questions at once.`),
  duplicateOf: idSchema.optional(),
})

/**
 * POST /api/questions/bulk with { action, ids, duplicateOf? }: the backlog's bulk actions
 * (src/lib/backlog/bulkActions.ts), each question in its own transaction.
 */
export const bulkQuestionActions: Endpoint = {
  path: '/bulk',
  method: 'post',
  handler: async (req) => {
    requireEditor(req, 'work the question backlog')
    return Response.json(await runBulkAction(req, await parseBody(req, body)))
  },
}
