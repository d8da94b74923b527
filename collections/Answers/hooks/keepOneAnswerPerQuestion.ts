import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { Conflict } from '@/lib/errors'
import { findAnswerForQuestion } from '@/lib/answers/findAnswerForQuestion'
import { relationId } from '@/lib/relationId'

/**
 * A question has one answer: its drafts, reviews and live version are that answer's versions. A
 * second answer (new, or moved onto a question that has one) is refused and names the existing one,
 * so "the question's answer" means one document everywhere (backlog, drafting, review).
 */
export const keepOneAnswerPerQuestion: CollectionBeforeChangeHook<Answer> = async ({ data, originalDoc, operation, req }) => {
  const questionId = relationId(data.question)
  if (questionId === undefined || questionId === null) return data
  if (operation === 'update' && String(questionId) === String(relationId(originalDoc?.question))) return data
  const existing = await findAnswerForQuestion(req, questionId, ['title'])
  if (existing && (operation !== 'update' || String(existing.id) !== String(originalDoc?.id))) {
    throw new Conflict(
      `This question already has an answer ("${existing.title}", id ${existing.id}). A question has one answer: edit that one instead.`,
    )
  }
  return data
}
