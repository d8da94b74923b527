import type { CollectionBeforeChangeHook } from 'payload'

import type { Question } from '@/payload-types'
import { findAnswerForQuestion } from '@/lib/answers/findAnswerForQuestion'
import { refuseEditWhileInReview } from '@/lib/workflow/reviewLock'

/**
 * The question as asked is part of what a reviewer approves (it is shown on the answer's page and
 * hashed with it), so its wording is locked like the answer's own content while the answer is in
 * review: 409 naming the reviewer, withdraw the answer from review first.
 */
export const keepWordingInReview: CollectionBeforeChangeHook<Question> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc?.id || typeof data.text !== 'string' || data.text.trim() === (originalDoc.text ?? '').trim())
    return data
  const answer = await findAnswerForQuestion(req, originalDoc.id)
  if (answer) await refuseEditWhileInReview(req, answer, 'question')
  return data
}
