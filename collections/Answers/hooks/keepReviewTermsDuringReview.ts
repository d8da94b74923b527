import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { Conflict } from '@/lib/errors'

/**
 * While reviewers are looking at an answer, its terms cannot be loosened under them: a high-risk
 * answer (two approvals) cannot be made normal (one). Raising the bar is always allowed.
 */
export const keepReviewTermsDuringReview: CollectionBeforeChangeHook<Answer> = ({ data, originalDoc }) => {
  if (originalDoc?.workflowStage === 'in_review' && originalDoc.highRisk && data.highRisk === false) {
    throw new Conflict('This answer is in review as high-risk (two approvals). It cannot be lowered to one approval while in review.')
  }
  return data
}
