import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { Conflict } from '@/lib/errors'
import { findAnswerForQuestion } from '@/lib/answers/findAnswerForQuestion'
import { relationId } from '@/lib/relationId'

/**
 * A question has one answer: its drafts, reviews and live version are that answer's versions. A
 * second answer is refused and names the existing one, so "the question's answer" means one
 * document everywhere (backlog, drafting, review); and an answer is never moved to another question.
 */
export const keepOneAnswerPerQuestion: CollectionBeforeChangeHook<Answer> = async ({ data, originalDoc, operation, req }) => {
  const questionId = relationId(data.question)
  if (questionId === undefined || questionId === null) return data
  if (operation === 'update' && String(questionId) === String(relationId(originalDoc?.question))) return data
  // An answer stays with the question it was written for: moved, both questions' statuses (which
  // follow their answer's stage) would be wrong, the old one "drafted" with no answer.
  if (operation === 'update' && relationId(originalDoc?.question) !== undefined)
    throw new Conflict(
      'An answer stays with the question it answers. To answer another question, draft an answer for that question; archive or mark this one as a duplicate if it is the same question.',
    )
  const existing = await findAnswerForQuestion(req, questionId, ['title'])
  if (existing && (operation !== 'update' || String(existing.id) !== String(originalDoc?.id))) {
    throw new Conflict(
      `This question already has an answer ("${existing.title}", id ${existing.id}). A question has one answer: edit that one instead.`,
    )
  }
  return data
}
