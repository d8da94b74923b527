import type { PayloadRequest } from 'payload'

import type { Answer } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import type { Id } from '../relationId'

/**
 * The question's answer, as its newest draft (what editors and the workflow act on), or null when
 * it has none. The one way the answer of a question is looked up: a question has at most one
 * answer (collections/Answers/hooks/keepOneAnswerPerQuestion.ts), and should two ever exist, every
 * caller acts on the same one, the most recently changed.
 */
export async function findAnswerForQuestion(req: PayloadRequest, questionId: Id): Promise<Answer | null>
/** The same answer, read for the named fields only (and its id): for callers that only ask which one it is. */
export async function findAnswerForQuestion<K extends keyof Answer>(
  req: PayloadRequest,
  questionId: Id,
  only: readonly K[],
): Promise<Pick<Answer, K | 'id'> | null>
export async function findAnswerForQuestion(req: PayloadRequest, questionId: Id, only?: readonly (keyof Answer)[]) {
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: { question: { equals: questionId } },
    ...(only ? { select: Object.fromEntries(only.map((field) => [field, true])) } : {}),
    sort: '-updatedAt',
    limit: 1,
    // One answer is wanted, not how many there are: no count query.
    pagination: false,
    depth: 0,
    draft: true,
    overrideAccess: true,
    req,
  })
  return docs[0] ?? null
}
