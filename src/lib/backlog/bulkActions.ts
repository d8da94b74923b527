import type { PayloadRequest } from 'payload'

import type { Question } from '@/payload-types'
import { QUESTIONS } from '@collections/slugs'
import { findAnswerForQuestion } from '../answers/findAnswerForQuestion'
import { copiesOf, copiesRefusal } from './duplicates'
import { queueDraft } from '../drafting/queueDraft'
import { BadRequest, Conflict, NotFound } from '../errors'
import { relationId, type Id } from '../relationId'
import { submitForReview } from '../workflow/submitForReview'
import { SHELVING_REFUSALS as BUSY } from '../workflow/states'
import { reopenQuestion, requireQuestionTransition } from '../workflow/transitions'
import { eachInOwnTransaction, type BulkOutcome } from './eachInOwnTransaction'

export const BULK_ACTIONS = ['draft', 'submit', 'archive', 'duplicate', 'reopen'] as const
export type BulkAction = (typeof BULK_ACTIONS)[number]

/** The most questions one request may act on (bulk actions and bulk drafting). */
export const MAX_BULK_QUESTIONS = 500

const VERB: Record<BulkAction, string> = {
  draft: 'Sent to drafting',
  submit: 'Submitted for review',
  archive: 'Archived',
  duplicate: 'Marked as duplicate',
  reopen: 'Reopened',
}

export type BulkResult = BulkOutcome<object> & { action: BulkAction; summary: string }

/**
 * The backlog's bulk actions. Each question is handled in its own transaction; the result lists
 * what was done and, for every question that was not, why.
 */
export async function runBulkAction(
  req: PayloadRequest,
  { action, ids: sent, duplicateOf }: { action: BulkAction; ids: Id[]; duplicateOf?: Id },
): Promise<BulkResult> {
  const ids = [...new Set(sent.map(String))]
  let original: Question | null = null
  if (action === 'duplicate') {
    if (duplicateOf === undefined) throw new BadRequest('Say which question these duplicate (duplicateOf).')
    original = await req.payload.findByID({
      collection: QUESTIONS,
      id: duplicateOf,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (!original) throw new BadRequest(`Question ${duplicateOf} (the original) does not exist.`)
    // The hook on questions refuses it too, but as one refusal for the whole request, not one per item.
    if (original.status === 'duplicate') {
      const root = relationId(original.duplicateOf)
      throw new Conflict(
        `Question ${duplicateOf} is itself marked as a duplicate${root === undefined ? '' : ` of question ${root}`}; mark these as duplicates of the question it duplicates.`,
      )
    }
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
        return markDuplicate(tx, id, original!)
      case 'reopen':
        return reopen(tx, id)
    }
  })
  return { action, ...outcome, summary: `${VERB[action]}: ${outcome.done.length} of ${ids.length}.` }
}

/** One question marked as a duplicate of `original`: a 409 with the reason where the save's hook would refuse it. */
async function markDuplicate(tx: PayloadRequest, id: string, original: Question) {
  if (id === String(original.id)) throw new Conflict('A question cannot be a duplicate of itself.')
  const copies = await copiesOf(tx, id)
  if (copies > 0) throw new Conflict(copiesRefusal(copies))
  return shelve(tx, id, 'mark_duplicate', { duplicateOf: original.id })
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

/** The question's answer draft goes to review, routed to reviewers by specialty. */
async function submitNewestDraft(tx: PayloadRequest, id: string): Promise<object> {
  const question = await loadQuestion(tx, id)
  if (question.status === 'archived' || question.status === 'duplicate')
    throw new Conflict(`It is ${question.status}; reopen it before its draft goes to review.`)
  const answer = await findAnswerForQuestion(tx, question.id)
  if (!answer) throw new Conflict('It has no answer draft yet; send it to drafting first.')
  const submission = await submitForReview(tx, answer.id)
  return { answerId: answer.id, stage: submission.stage, reviewers: submission.reviewers.map((reviewer) => reviewer.name) }
}
