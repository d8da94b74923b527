import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { Answer } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { followAnswer, releaseQuestion } from '@/lib/workflow/transitions'

/**
 * A question's status follows its answer from the moment the answer exists, however it was made
 * (the drafter, or an editor writing one by hand), so a question with a draft never reads "new".
 */
export const followQuestionOnCreate: CollectionAfterChangeHook<Answer> = async ({ doc, operation, req }) => {
  if (operation === 'create') await followAnswer(req, doc, false)
  return doc
}

/** A deleted answer leaves its question unanswered ("new") instead of stuck in the answer's last status. */
export const releaseQuestionOfDeletedAnswer: CollectionAfterDeleteHook<Answer> = async ({ doc, req }) => {
  const questionId = relationId(doc.question)
  if (questionId !== undefined && questionId !== null) await releaseQuestion(req, questionId)
  return doc
}
