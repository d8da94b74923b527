import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { RESTORING_VERSION } from '@/lib/workflow/context'
import { stageInSave, WORKFLOW_TRANSITION, type TransitionRecord } from '@/lib/workflow/transitions'

/**
 * A restored old version is new, unreviewed content: it restarts review as a draft made by the
 * person who restored it. Payload drops the fields its caller may not write (the review record),
 * so they are carried over from the current version rather than lost.
 */
export const restartReviewOnRestore: CollectionBeforeChangeHook<Answer> = ({ context, data, originalDoc, req }) => {
  if (context[RESTORING_VERSION] !== true) return data
  const restarted: Partial<Answer> = { ...data }
  stageInSave(restarted, originalDoc?.workflowStage, 'restore')
  context[WORKFLOW_TRANSITION] = {
    event: 'restore',
    from: originalDoc?.workflowStage ?? 'draft',
    to: 'draft',
    why: 'An earlier version was restored.',
  } satisfies TransitionRecord
  return {
    ...restarted,
    provenance: { draftedBy: 'person', author: req.user?.id ?? null },
    safetyWarnings: [],
    publishedAt: originalDoc?.publishedAt,
    lastReviewedAt: originalDoc?.lastReviewedAt,
    nextReviewDue: originalDoc?.nextReviewDue,
    reviewedBy: originalDoc?.reviewedBy,
    reviewCredits: originalDoc?.reviewCredits,
    sourceCredits: originalDoc?.sourceCredits,
  }
}
