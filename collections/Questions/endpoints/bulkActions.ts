import { type Endpoint, type PayloadRequest } from 'payload'
import { z } from 'zod'

import type { Question } from '@/payload-types'
import { eachInOwnTransaction } from '@/lib/backlog/eachInOwnTransaction'
import { queueDraft } from '@/lib/drafting/queueDraft'
import { BadRequest, Conflict, NotFound } from '@/lib/errors'
import { submitForReview } from '@/lib/workflow/submitForReview'
import { SHELVING_REFUSALS as BUSY } from '@/lib/workflow/states'
import { reopenQuestion, requireQuestionTransition } from '@/lib/workflow/transitions'
import { ANSWERS, QUESTIONS } from '@collections/slugs'
import { idSchema, MAX_BULK_DRAFTS, requireEditor } from './draftQuestions'
import { readJsonBody } from '@/lib/http/requestBody'

export const BULK_ACTIONS = ['draft', 'submit', 'archive', 'duplicate', 'reopen'] as const
type BulkAction = (typeof BULK_ACTIONS)[number]

const body = z.object({
  action: z.enum(BULK_ACTIONS, { message: `action must be one of: ${BULK_ACTIONS.join(', ')}.` }),
  ids: z
    .array(idSchema, { message: 'ids must be a list of question ids.' })
    .min(1, 'Select at least one question.')
    .max(MAX_BULK_DRAFTS, `Select at most ${MAX_BULK_DRAFTS} questions at once.`),
  duplicateOf: idSchema.optional(),
})

const VERB: Record<BulkAction, string> = {
  draft: 'Sent to drafting',
  submit: 'Submitted for review',
  archive: 'Archived',
  duplicate: 'Marked as duplicate',
  reopen: 'Reopened',
}

async function loadQuestion(tx: PayloadRequest, id: string): Promise<Question> {
  const question = await tx.payload.findByID({ collection: QUESTIONS, id, depth: 0, overrideAccess: true, disableErrors: true, req: tx })
  if (!question) throw new NotFound(`Question ${id} does not exist.`)
  return question
}

async function shelve(tx: PayloadRequest, id: string, event: 'archive' | 'mark_duplicate', data: Partial<Question> = {}): Promise<object> {
  const question = await loadQuestion(tx, id)
  const busy = BUSY[question.status]
  if (busy) throw new Conflict(`${busy}.`)
  const to = event === 'archive' ? 'archived' : 'duplicate'
  if (question.status === to) throw new Conflict(`It is already ${to}.`)
  await requireQuestionTransition(tx, question, event, { data })
  return {}
}

/** An archived or duplicate question comes back to the backlog, where its answer (if any) left it. */
async function reopen(tx: PayloadRequest, id: string): Promise<object> {
  const question = await loadQuestion(tx, id)
  if (question.status !== 'archived' && question.status !== 'duplicate')
    throw new Conflict('It is not archived or a duplicate, so there is nothing to reopen.')
  await reopenQuestion(tx, question)
  return {}
}

/** The question's newest answer draft goes to review, routed to reviewers by specialty. */
async function submitNewestDraft(tx: PayloadRequest, id: string): Promise<object> {
  const question = await loadQuestion(tx, id)
  if (question.status === 'archived' || question.status === 'duplicate')
    throw new Conflict(`It is ${question.status}; reopen it before its draft goes to review.`)
  const { docs } = await tx.payload.find({
    collection: ANSWERS,
    where: { question: { equals: id } },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    draft: true,
    overrideAccess: true,
    req: tx,
  })
  if (!docs[0]) throw new Conflict('It has no answer draft yet; send it to drafting first.')
  const submission = await submitForReview(tx, docs[0].id)
  return { answerId: docs[0].id, stage: submission.stage, reviewers: submission.reviewers.map((reviewer) => reviewer.name) }
}

/**
 * POST /api/questions/bulk with { action, ids, duplicateOf? }: the backlog's bulk actions. Each
 * question is handled in its own transaction; the answer lists what was done and, for every
 * question that was not, why.
 */
export const bulkQuestionActions: Endpoint = {
  path: '/bulk',
  method: 'post',
  handler: async (req) => {
    requireEditor(req, 'work the question backlog')
    const parsed = body.safeParse(await readJsonBody(req))
    if (!parsed.success) throw new BadRequest(parsed.error.issues.map((issue) => issue.message).join('; '))
    const { action } = parsed.data
    const ids = [...new Set(parsed.data.ids.map(String))]
    let original: Question | null = null
    if (action === 'duplicate') {
      if (parsed.data.duplicateOf === undefined) throw new BadRequest('Say which question these duplicate (duplicateOf).')
      original = await req.payload.findByID({
        collection: QUESTIONS,
        id: parsed.data.duplicateOf,
        depth: 0,
        overrideAccess: true,
        disableErrors: true,
        req,
      })
      if (!original) throw new BadRequest(`Question ${parsed.data.duplicateOf} (the original) does not exist.`)
    }
    const outcome = await eachInOwnTransaction(req, ids, (tx, id) => {
      switch (action) {
        case 'draft':
          return queueDraft(tx, id)
        case 'submit':
          return submitNewestDraft(tx, id)
        case 'archive':
          return shelve(tx, id, 'archive')
        case 'duplicate':
          if (id === String(original!.id)) throw new Conflict('A question cannot be a duplicate of itself.')
          return shelve(tx, id, 'mark_duplicate', { duplicateOf: original!.id })
        case 'reopen':
          return reopen(tx, id)
      }
    })
    return Response.json({ action, ...outcome, summary: `${VERB[action]}: ${outcome.done.length} of ${ids.length}.` })
  },
}
