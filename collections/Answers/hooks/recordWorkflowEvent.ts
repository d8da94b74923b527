import type { CollectionAfterChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { recordTransition } from '@/lib/workflow/transitions'

/** Every stage change lands in the answer's history (who, when, from, to, why). */
export const recordWorkflowEvent: CollectionAfterChangeHook<Answer> = async ({ context, doc, req }) => {
  await recordTransition(req, context, doc.id)
  return doc
}
