import { type Endpoint } from 'payload'
import { z } from 'zod'

import { requireEditor } from '@/access/requireRole'
import { MAX_BULK_QUESTIONS } from '@/lib/backlog/bulkActions'
import { draftQuestions } from '@/lib/drafting/draftBatch'
import { queueDraft } from '@/lib/drafting/queueDraft'
import { idSchema, parseRouteId } from '@/lib/http/params'
import { parseBody } from '@/lib/http/requestBody'
import { withTransaction } from '@/lib/transaction'
import { QUESTIONS } from '@collections/slugs'

/** POST /api/questions/:id/draft: queue one draft. 202 at once; the job drafts in the background. */
export const draftOneQuestion: Endpoint = {
  path: '/:id/draft',
  method: 'post',
  handler: async (req) => {
    requireEditor(req)
    const id = parseRouteId(req, QUESTIONS)
    const { jobId } = await withTransaction(req, (tx) => queueDraft(tx, id))
    return Response.json({ questionId: String(id), jobId, status: 'drafting' }, { status: 202 })
  },
}

const bulkBody = z.object({
  ids: z
    .array(idSchema)
    .min(1, 'Send at least one question id.')
    .max(MAX_BULK_QUESTIONS, `Send at most ${MAX_BULK_QUESTIONS} ids at once.`),
  mode: z
    .enum(['jobs', 'batch'], { message: 'mode must be "jobs" (one job each, default) or "batch" (one Message Batch, half price).' })
    .default('jobs'),
})

/**
 * POST /api/questions/draft with { "ids": [...], "mode"?: "jobs" | "batch" }: queue many drafts
 * (src/lib/drafting/draftBatch.ts). 202 when any was queued, else 409; each refusal with its reason.
 */
export const draftManyQuestions: Endpoint = {
  path: '/draft',
  method: 'post',
  handler: async (req) => {
    requireEditor(req)
    const { ids, mode } = await parseBody(req, bulkBody, { expected: 'Expected { "ids": [question ids] }' })
    const { done: queued, refused } = await draftQuestions(req, ids, mode)
    return Response.json({ mode, queued, refused }, { status: queued.length > 0 ? 202 : 409 })
  },
}
