import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { UNPUBLISHING } from '@/lib/workflow/context'
import { followAnswer, stageInSave, WORKFLOW_TRANSITION, type TransitionRecord } from '@/lib/workflow/transitions'

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

export const reopenQuestion: CollectionAfterChangeHook<Answer> = async ({ context, doc, req }) => {
  if (context[UNPUBLISHING] !== true) return doc
  await followAnswer(req, doc)
  return doc
}
