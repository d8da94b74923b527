import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { RESTORING_VERSION, UNPUBLISHING } from '@/lib/workflow/context'
import { followAnswer, stageInSave, WORKFLOW_TRANSITION, type TransitionRecord } from '@/lib/workflow/transitions'
import { assignedReviewersOf } from '@/lib/workflow/reviewLock'
import { tellReviewersReviewEnded } from '@/lib/workflow/withdrawFromReview'

/** An admin took the answer offline: it is a draft again, and its question follows. */
export const markWithdrawn: CollectionBeforeChangeHook<Answer> = ({ context, data, originalDoc }) => {
  if (context[UNPUBLISHING] === true && stageInSave(data, originalDoc?.workflowStage, 'unpublish')) {
    context[WORKFLOW_TRANSITION] = {
      event: 'unpublish',
      from: originalDoc?.workflowStage ?? 'draft',
      to: 'draft',
      why: 'Taken offline by an admin.',
    } satisfies TransitionRecord
  }
  return data
}

/** The answer became a draft inside a save (taken offline, or an old version restored): its question follows. */
export const reopenQuestion: CollectionAfterChangeHook<Answer> = async ({ context, doc, previousDoc, req }) => {
  if (context[UNPUBLISHING] !== true && context[RESTORING_VERSION] !== true) return doc
  // Payload's restore sets `isRestoringVersion` on the request and leaves it: any save made with
  // this request would then skip the stored values of the fields it does not send, so the question's
  // status update failed as if its text were missing. Not set while the question follows.
  const restoring = req.context.isRestoringVersion
  delete req.context.isRestoringVersion
  try {
    await followAnswer(req, doc)
  } finally {
    if (restoring !== undefined) req.context.isRestoringVersion = restoring
  }
  if (context[UNPUBLISHING] !== true) return doc
  // A new version was in review: that review ended with it, and its reviewers are told.
  if (previousDoc?.workflowStage === 'in_review' && doc.workflowStage !== 'in_review') {
    const admin = (req.user as { name?: string } | null)?.name ?? 'An admin'
    await tellReviewersReviewEnded(
      req,
      doc,
      await assignedReviewersOf(req, previousDoc),
      `${admin} took the published "${doc.title}" offline, which ended the review of its new version.`,
    )
  }
  return doc
}
