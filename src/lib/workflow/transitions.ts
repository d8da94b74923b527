import type { PayloadRequest, Where } from 'payload'

import type { Answer, Question } from '@/payload-types'
import { ANSWERS, QUESTIONS, WORKFLOW_EVENTS } from '@collections/slugs'
import { Conflict } from '../errors'
import { findAnswerForQuestion } from '../answers/findAnswerForQuestion'
import { relationId, type Id } from '../relationId'
import { WITHDRAWING_LIVE, withFlags } from './context'
import {
  answerStageLabel,
  answerTransition,
  questionStatusForAnswer,
  questionStatusLabel,
  questionTransition,
  QUESTION_TRANSITIONS,
  type AnswerEvent,
  type AnswerStage,
  type QuestionEvent,
  type QuestionStatus,
} from './states'

/**
 * The only writer of an answer's `workflowStage` and a question's `status` (tests/unit/
 * workflowOwner.test.ts fails if any other module writes them). Every change is checked against the
 * table in ./states.ts and made with the caller's `req`, so it commits or rolls back with the rest
 * of the caller's work.
 */

/** A question enters the workflow as "new" (its type requires the field on create). */
export const NEW_QUESTION = { status: 'new' } as const satisfies Pick<Question, 'status'>

/** What a transition was: read by the answer's history. Server-only (req.context). */
export const WORKFLOW_TRANSITION = 'workflowTransition'
export type TransitionRecord = { event: string; from: string; to: string; why: string | null }

const ANSWER_VERB: Record<AnswerEvent, string> = {
  draft_saved: 'replaced by a new draft',
  submit: 'submitted for review',
  route: 'routed to a reviewer',
  reviewer_removed: 'rerouted',
  request_changes: 'sent back for changes',
  reject: 'rejected',
  publish: 'published',
  unpublish: 'taken offline',
  content_changed: 'reopened',
  restore: 'restored',
  withdraw_review: 'withdrawn from review',
  review_due: 'sent for its periodic review',
  withdraw_live: 'taken offline',
  evidence_changed: 'sent for review again after its evidence changed',
}

/** The stage `event` leads to from `from`, or a Conflict that says why it cannot happen. */
export function nextStage(from: AnswerStage | null | undefined, event: AnswerEvent, to?: AnswerStage): AnswerStage {
  const rule = answerTransition(from ?? 'draft', event)
  if (!rule) throw new Conflict(`This answer cannot be ${ANSWER_VERB[event]}: it is ${answerStageLabel(from).toLowerCase()}.`)
  const target = to ?? rule.to[0]
  if (!rule.to.includes(target)) throw new Error(`The workflow has no "${event}" from ${from} to ${target}.`)
  return target
}

/**
 * For hooks that change an answer inside its own save (unpublish, restore, new content on a closed
 * answer): sets the next stage on the data being saved, or leaves it when the event does not apply.
 */
export function stageInSave(data: Partial<Answer>, from: AnswerStage | null | undefined, event: AnswerEvent): boolean {
  if (!answerTransition(from ?? 'draft', event)) return false
  data.workflowStage = nextStage(from, event)
  return true
}

/**
 * Moves an answer to its next stage (with the other fields of the same step), in the caller's
 * transaction, and brings its question's status along.
 */
export async function transitionAnswer(
  req: PayloadRequest,
  answer: Answer,
  event: AnswerEvent,
  options: {
    to?: AnswerStage
    data?: Partial<Answer>
    why?: string | null
    context?: Record<string, unknown>
    publish?: boolean
    /** Takes the live version offline (a non-draft save with `_status: 'draft'`, see WITHDRAWING_LIVE). */
    withdrawLive?: boolean
  } = {},
): Promise<Answer> {
  const from = answer.workflowStage ?? 'draft'
  const to = nextStage(from, event, options.to)
  const record: TransitionRecord = { event, from, to, why: options.why ?? null }
  const flags = { ...options.context, [WORKFLOW_TRANSITION]: record, ...(options.withdrawLive ? { [WITHDRAWING_LIVE]: true } : {}) }
  const updated = (await withFlags(req, flags, (context) =>
    req.payload.update({
      collection: ANSWERS,
      id: answer.id,
      data: { ...options.data, ...(options.withdrawLive ? { _status: 'draft' as const } : {}), workflowStage: to },
      ...(options.publish || options.withdrawLive ? {} : { draft: true }),
      depth: 0,
      overrideAccess: true,
      context,
      req,
    }),
  )) as Answer
  // A version just published is live, one just withdrawn is not: no need to ask the database.
  // The question's wording was approved with the answer: its authors list starts again, as the answer's does.
  await followAnswer(
    req,
    updated,
    options.publish ? true : options.withdrawLive ? false : undefined,
    options.publish ? { textAuthors: [] } : {},
  )
  return updated
}

/** The answer saved for a question by the drafter: a new one, or its existing one replaced. */
export async function saveDraftedAnswer(
  req: PayloadRequest,
  existing: Answer | undefined,
  data: Omit<Partial<Answer>, 'workflowStage'>,
): Promise<Answer> {
  if (existing) return transitionAnswer(req, existing, 'draft_saved', { data, why: 'The drafter made a new draft.' })
  const record: TransitionRecord = { event: 'draft_saved', from: 'none', to: 'draft', why: 'The drafter made the first draft.' }
  return (await withFlags(req, { [WORKFLOW_TRANSITION]: record }, (context) =>
    req.payload.create({ collection: ANSWERS, data: data as Answer, draft: true, depth: 0, overrideAccess: true, context, req }),
  )) as Answer
}

/** The question's status, derived from its answer's stage and whether a version of it is live. */
export async function followAnswer(
  req: PayloadRequest,
  answer: Pick<Answer, 'id' | 'question' | 'workflowStage'>,
  live?: boolean,
  data: Partial<Question> = {},
): Promise<void> {
  const questionId = relationId(answer.question)
  if (questionId === undefined || questionId === null) return
  const published = live ?? (await isLive(req, answer.id))
  await transitionQuestion(req, questionId, 'answer_changed', { to: questionStatusForAnswer(answer.workflowStage, published), data })
}

/** Whether a version of the answer is published (what patients see). */
async function isLive(req: PayloadRequest, answerId: Id): Promise<boolean> {
  const { totalDocs } = await req.payload.count({
    collection: ANSWERS,
    where: { and: [{ id: { equals: answerId } }, { _status: { equals: 'published' } }] },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

/**
 * Moves a question along the table, in the caller's transaction. A conditional update: it happens
 * only while the question is in one of the rule's `from` statuses (and matches `where`), read in
 * the same transaction as the write (which SQLite serializes, see serializeTransactions), so two
 * people acting at once cannot both move it. Returns false when it was not there to move. A question
 * already in the target status, with nothing else to write, is not saved again: most answer steps
 * (a new draft, a reroute) do not change what the backlog shows, and a save of the question for
 * them cost as much as the rest of the step's question work.
 */
export async function transitionQuestion(
  req: PayloadRequest,
  questionId: Id,
  event: QuestionEvent,
  options: { to?: QuestionStatus; data?: Partial<Question>; where?: Where } = {},
): Promise<boolean> {
  const rule = QUESTION_TRANSITIONS.find((candidate) => candidate.event === event)!
  const to = options.to ?? rule.to[0]
  if (!rule.to.includes(to)) throw new Error(`The workflow has no "${event}" to ${to}.`)
  const {
    docs: [current],
  } = await req.payload.find({
    collection: QUESTIONS,
    where: { and: [{ id: { equals: questionId } }, { status: { in: [...rule.from] } }, ...(options.where ? [options.where] : [])] },
    select: { status: true },
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (!current) return false
  if (current.status === to && Object.keys(options.data ?? {}).length === 0) return true
  try {
    await req.payload.update({
      collection: QUESTIONS,
      id: current.id,
      data: { ...options.data, status: to },
      depth: 0,
      overrideAccess: true,
      req,
    })
  } catch (error) {
    // A hook refusing the question's write mid-step is a fault, not a refusal the caller may report
    // and carry on from (flagEvidenceChange reports refusals made before any write): Payload has
    // already rolled the caller's transaction back.
    const reason = error instanceof Error ? error.message : String(error)
    throw new WorkflowWriteFailed(`Question ${questionId} could not move (${event}): ${reason}`, { cause: error })
  }
  return true
}

/** A transition's write failed (a hook refused it): a server error, and the caller's transaction rolls back. */
export class WorkflowWriteFailed extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'WorkflowWriteFailed'
  }
}

/** Like transitionQuestion, but refuses with the reason when the question is not where the event applies. */
export async function requireQuestionTransition(
  req: PayloadRequest,
  question: Question,
  event: QuestionEvent,
  options: { to?: QuestionStatus; data?: Partial<Question> } = {},
): Promise<void> {
  if (!questionTransition(question.status, event))
    throw new Conflict(`It is ${questionStatusLabel(question.status).toLowerCase()}, so this cannot be done.`)
  if (!(await transitionQuestion(req, question.id, event, options)))
    throw new Conflict('Someone else changed this question a moment ago; reload and try again.')
}

/** Where an archived or duplicate question goes back to: its answer's status, or new. */
export async function reopenQuestion(req: PayloadRequest, question: Question): Promise<void> {
  const answer = await findAnswerForQuestion(req, question.id)
  const to: QuestionStatus = answer ? questionStatusForAnswer(answer.workflowStage, await isLive(req, answer.id)) : 'new'
  await requireQuestionTransition(req, question, 'reopen', { to, data: { duplicateOf: null } })
}

/** Its answer was deleted: the question is unanswered again (an editor's archive or duplicate mark stands). */
export async function releaseQuestion(req: PayloadRequest, questionId: Id): Promise<void> {
  await transitionQuestion(req, questionId, 'answer_deleted')
}

/**
 * Writes the answer's workflow event for the transition its save carried (req.context), in the
 * same transaction, then clears it so a later save in the same request is not mislabeled.
 */
export async function recordTransition(req: PayloadRequest, context: Record<string, unknown>, answerId: Id): Promise<void> {
  const record = context[WORKFLOW_TRANSITION] as TransitionRecord | undefined
  if (!record) return
  delete context[WORKFLOW_TRANSITION]
  if (req.context) delete req.context[WORKFLOW_TRANSITION]
  const user = req.user && req.user.collection === 'users' ? req.user : null
  await req.payload.create({
    collection: WORKFLOW_EVENTS,
    data: {
      answer: answerId,
      event: record.event,
      from: record.from,
      to: record.to,
      why: record.why,
      by: user?.id ?? null,
      byName: user?.name ?? 'the system',
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
}
