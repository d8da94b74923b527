import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { CONTENT_CHANGED, PUBLISH_VIA_APPROVAL_RULE } from '@/lib/workflow/context'

/**
 * New content on a published or rejected answer is a new draft that must go through review: its
 * stage goes back to "draft" (the live version stays as it is). Runs after computeContentHash.
 */
export const reopenChangedAnswer: CollectionBeforeChangeHook<Answer> = ({ context, data, originalDoc }) => {
  if (context?.[PUBLISH_VIA_APPROVAL_RULE] === true || !originalDoc) return data
  const closed =
    originalDoc.workflowStage === 'published' || originalDoc.workflowStage === 'rejected' || originalDoc.workflowStage === 'approved'
  if (closed && context[CONTENT_CHANGED] === true) data.workflowStage = 'draft'
  return data
}
