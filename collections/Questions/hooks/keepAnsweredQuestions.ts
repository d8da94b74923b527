import type { CollectionBeforeDeleteHook } from 'payload'

import { findAnswerForQuestion } from '@/lib/answers/findAnswerForQuestion'
import { Conflict } from '@/lib/errors'

/** An answer belongs to its question; deleting the question would orphan the answer. Archive it. */
export const keepAnsweredQuestions: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (await findAnswerForQuestion(req, id, ['id']))
    throw new Conflict('This question has an answer. Archive it from the backlog instead of deleting it.')
}
