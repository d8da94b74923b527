import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { canAnswer } from '@/lib/workflow/states'
import { CONTENT_CHANGED, PUBLISH_VIA_APPROVAL_RULE } from '@/lib/workflow/context'

/**
 * New content on a published or rejected answer is a new draft that must go through review: its
 * stage goes back to "draft" (the live version stays as it is). Runs after computeContentHash.
 */
export const reopenChangedAnswer: CollectionBeforeChangeHook<Answer> = ({ context, data, originalDoc }) => {
  if (context?.[PUBLISH_VIA_APPROVAL_RULE] === true || !originalDoc) return data
  if (context[CONTENT_CHANGED] === true && canAnswer(originalDoc.workflowStage, 'content_changed')) data.workflowStage = 'draft'
  return data
}
