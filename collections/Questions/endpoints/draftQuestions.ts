import { type Endpoint, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireRole } from '@/access/requireRole'
import { claimForDrafting, queueDraft } from '@/lib/drafting/queueDraft'
import { DRAFTING_QUEUE } from '@/jobs/draftAnswer'
import { SUBMIT_DRAFT_BATCH_TASK } from '@/jobs/draftBatch'
import { BadRequest } from '@/lib/errors'
import { inNewTransaction, withTransaction } from '@/lib/transaction'
import { transitionQuestion } from '@/lib/workflow/transitions'
import { eachInOwnTransaction } from '@/lib/backlog/eachInOwnTransaction'
import { readJsonBody } from '@/lib/http/requestBody'

export const MAX_BULK_DRAFTS = 500

export function requireEditor(req: PayloadRequest, action = 'send questions to drafting') {
  requireRole(req, ['editor', 'admin'], action)
}

/** POST /api/questions/:id/draft: queue one draft. 202 at once; the job drafts in the background. */
export const draftOneQuestion: Endpoint = {
  path: '/:id/draft',
  method: 'post',
  handler: async (req) => {
    requireEditor(req)
    const id = req.routeParams?.id as string
    const { jobId } = await withTransaction(req, (tx) => queueDraft(tx, id))
    return Response.json({ questionId: id, jobId, status: 'drafting' }, { status: 202 })
  },
}

/** A question id as clients send it: a number (SQLite) or a string (MongoDB). */
export const idSchema = z.union([z.number().int().positive(), z.string().trim().min(1).max(64)])
const bulkBody = z.object({
  ids: z.array(idSchema).min(1, 'Send at least one question id.').max(MAX_BULK_DRAFTS, `Send at most ${MAX_BULK_DRAFTS} ids at once.`),
  mode: z
    .enum(['jobs', 'batch'], { message: 'mode must be "jobs" (one job each, default) or "batch" (one Message Batch, half price).' })
    .default('jobs'),
})

/**
 * POST /api/questions/draft with { "ids": [...] }: queue many drafts. Each question is queued in its
 * own transaction, so one refusal does not stop the others; the answer says which were queued
 * and, for the rest, why not.
 */
export const draftManyQuestions: Endpoint = {
  path: '/draft',
  method: 'post',
  handler: async (req) => {
    requireEditor(req)
    const parsed = bulkBody.safeParse(await readJsonBody(req))
    if (!parsed.success)
      throw new BadRequest(`Expected { "ids": [question ids] }: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`)
    const ids = [...new Set(parsed.data.ids.map(String))]
    const batch = parsed.data.mode === 'batch'
    const { done: queued, refused } = await eachInOwnTransaction(req, ids, async (tx, id) => {
      if (!batch) return queueDraft(tx, id)
      await claimForDrafting(tx, id)
      return { jobId: 'batch' }
    })
    if (batch && queued.length > 0) {
      try {
        const job = await req.payload.jobs.queue({
          task: SUBMIT_DRAFT_BATCH_TASK,
          input: { questionIds: queued.map((entry) => entry.id) },
          queue: DRAFTING_QUEUE,
        })
        queued.forEach((entry) => (entry.jobId = job.id))
      } catch (error) {
        // The questions were claimed; without their job they would wait forever. Release them, with
        // the reason, all together or not at all.
        const reason = `Queueing the drafting batch failed (${error instanceof Error ? error.message : String(error)}); send it to drafting again.`
        await inNewTransaction(req.payload, async (tx) => {
          for (const entry of queued) await transitionQuestion(tx, entry.id, 'release', { data: { draftFailureReason: reason } })
        })
        throw error
      }
    }
    return Response.json({ mode: parsed.data.mode, queued, refused }, { status: queued.length > 0 ? 202 : 409 })
  },
}
