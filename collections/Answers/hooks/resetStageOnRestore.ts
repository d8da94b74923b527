import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { RESTORING_VERSION } from '@/lib/workflow/context'

/** A restored old version is new unreviewed content: it starts again as a draft. */
export const resetStageOnRestore: CollectionBeforeChangeHook<Answer> = ({ context, data }) => {
  if (context[RESTORING_VERSION] === true) data.workflowStage = 'draft'
  return data
}
