import type { CollectionBeforeDeleteHook } from 'payload'

import { findAnswerForQuestion } from '@/lib/answers/findAnswerForQuestion'
import { Conflict } from '@/lib/errors'
import { QUESTIONS } from '@collections/slugs'

/**
 * An answer belongs to its question; deleting the question would orphan the answer. Archive it.
 * Nor is a question deleted while it is being drafted: the model's call is paid for, and its ledger
 * entry names the question.
 */
export const keepAnsweredQuestions: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (await findAnswerForQuestion(req, id, ['id']))
    throw new Conflict('This question has an answer. Archive it from the backlog instead of deleting it.')
  const question = await req.payload.findByID({
    collection: QUESTIONS,
    id,
    select: { status: true },
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (question?.status === 'drafting')
    throw new Conflict('This question is being drafted right now. Delete it once its draft is saved or has failed, or archive it now.')
}
