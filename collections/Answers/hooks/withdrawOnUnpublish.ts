import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { UNPUBLISHING } from '@/lib/workflow/context'
import { QUESTIONS } from '../../slugs'

/** An admin took the answer offline: it is a draft again, and so is its question's status. */
export const markWithdrawn: CollectionBeforeChangeHook<Answer> = ({ context, data }) => {
  if (context[UNPUBLISHING] === true) data.workflowStage = 'draft'
  return data
}

export const reopenQuestion: CollectionAfterChangeHook<Answer> = async ({ context, doc, req }) => {
  if (context[UNPUBLISHING] !== true) return doc
  await req.payload.update({
    collection: QUESTIONS,
    id: relationId(doc.question)!,
    data: { status: 'drafted' },
    overrideAccess: true,
    depth: 0,
    req,
  })
  return doc
}
