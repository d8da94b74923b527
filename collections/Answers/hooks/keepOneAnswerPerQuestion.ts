import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { Conflict } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import { ANSWERS } from '@collections/slugs'

/**
 * A question has one answer: its drafts, reviews and live version are that answer's versions. A
 * second answer (new, or moved onto a question that has one) is refused and names the existing one,
 * so "the question's answer" means one document everywhere (backlog, drafting, review).
 */
export const keepOneAnswerPerQuestion: CollectionBeforeChangeHook<Answer> = async ({ data, originalDoc, operation, req }) => {
  const questionId = relationId(data.question)
  if (questionId === undefined || questionId === null) return data
  if (operation === 'update' && String(questionId) === String(relationId(originalDoc?.question))) return data
  const ownId = operation === 'update' ? originalDoc?.id : undefined
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: { and: [{ question: { equals: questionId } }, ...(ownId !== undefined ? [{ id: { not_equals: ownId } }] : [])] },
    limit: 1,
    depth: 0,
    draft: true,
    overrideAccess: true,
    select: { title: true },
    req,
  })
  if (docs[0]) {
    throw new Conflict(
      `This question already has an answer ("${docs[0].title}", id ${docs[0].id}). A question has one answer: edit that one instead.`,
    )
  }
  return data
}
