import type { PayloadRequest } from 'payload'

import { DRAFTABLE_STATUSES, draftingControl } from '@/lib/workflow/states'
import { QUESTIONS } from '@collections/slugs'
import { DRAFT_ANSWER_TASK, DRAFTING_QUEUE } from '@/jobs/draftAnswer'
import { Conflict, NotFound } from '../errors'
import { transitionQuestion } from '../workflow/transitions'
import { staleDraftingAfterMs } from '@/lib/workflow/states'
import type { Id } from '@/lib/relationId'

export { DRAFTABLE_STATUSES }

/**
 * Marks the question "drafting" and queues its draft job, in the caller's transaction. The status
 * change is a conditional update, so two editors clicking at once queue one job, not two.
 */
export async function queueDraft(req: PayloadRequest, questionId: Id): Promise<{ jobId: Id }> {
  await claimForDrafting(req, questionId)
  const job = await req.payload.jobs.queue({
    task: DRAFT_ANSWER_TASK,
    input: { questionId: String(questionId) },
    queue: DRAFTING_QUEUE,
    req,
  })
  await req.payload.update({
    collection: QUESTIONS,
    id: questionId,
    data: { draftJobId: String(job.id) },
    overrideAccess: true,
    depth: 0,
    req,
  })
  return { jobId: job.id }
}

/** Checks the question can be drafted and marks it "drafting", so nobody else queues it. */
export async function claimForDrafting(req: PayloadRequest, questionId: Id): Promise<void> {
  const question = await req.payload.findByID({
    collection: QUESTIONS,
    id: questionId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (!question) throw new NotFound(`Question ${questionId} does not exist.`)
  // The same rule the admin's "Send to drafting" button follows (a stale "drafting" claim is allowed).
  const control = draftingControl(question.status, question.lastDraftAttemptAt, Date.now(), question.draftJobId)
  if (!control.allowed) {
    if (question.status === 'drafting' && question.draftJobId?.startsWith('batch ')) {
      throw new Conflict(
        `This question is waiting in Message Batch ${question.draftJobId.slice('batch '.length)}, already paid for; if it is still drafting 25 hours after it was sent, it can be sent again.`,
      )
    }
    if (question.status === 'drafting') {
      throw new Conflict(
        `This question is already being drafted (job ${question.draftJobId ?? 'pending'}); if it is still drafting an hour after it was sent, it can be sent again.`,
      )
    }
    throw new Conflict(`${control.reason}.`)
  }
  const stale = question.status === 'drafting'
  const staleBefore = new Date(Date.now() - staleDraftingAfterMs(question.draftJobId)).toISOString()
  // A new attempt owns no job yet: a stale id (say, of a failed batch) would make it look submitted.
  const data = { draftFailureReason: null, draftJobId: null, lastDraftAttemptAt: new Date().toISOString() }
  const claimed = stale
    ? await transitionQuestion(req, questionId, 'draft_retry', { data, where: { lastDraftAttemptAt: { less_than: staleBefore } } })
    : await transitionQuestion(req, questionId, 'queue_draft', { data })
  if (!claimed) throw new Conflict('This question was sent to drafting by someone else a moment ago.')
}
