import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { stageInSave, WORKFLOW_TRANSITION, type TransitionRecord } from '@/lib/workflow/transitions'
import { CONTENT_CHANGED, PUBLISH_VIA_APPROVAL_RULE } from '@/lib/workflow/context'

/**
 * New content on a published or rejected answer is a new draft that must go through review: its
 * stage goes back to "draft" (the live version stays as it is). Runs after computeContentHash.
 */
export const reopenChangedAnswer: CollectionBeforeChangeHook<Answer> = ({ context, data, originalDoc }) => {
  if (context?.[PUBLISH_VIA_APPROVAL_RULE] === true || !originalDoc) return data
  if (context[CONTENT_CHANGED] === true && stageInSave(data, originalDoc.workflowStage, 'content_changed')) {
    context[WORKFLOW_TRANSITION] = {
      event: 'content_changed',
      from: originalDoc.workflowStage ?? 'draft',
      to: 'draft',
      why: 'New content on a closed answer: it must be reviewed again.',
    } satisfies TransitionRecord
  }
  return data
}
