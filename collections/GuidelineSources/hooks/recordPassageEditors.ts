import type { CollectionBeforeChangeHook } from 'payload'

import type { GuidelineSource } from '@/payload-types'
import { uniqueIds } from '@/lib/relationId'

type Passage = NonNullable<GuidelineSource['passages']>[number]

/**
 * A cited passage is the evidence a reviewer checks each claim against, and part of what the approval
 * binds (its text is hashed with the answer), so whoever writes or changes a passage is one of the
 * page's authors for every answer citing it, and does not review those (DESIGN.md: nobody approves
 * their own text). Matched by passage id, the id citations point at; the list is never reset,
 * since a passage serves many answers, each approved at its own time.
 */
export const recordPassageEditors: CollectionBeforeChangeHook<GuidelineSource> = ({ data, originalDoc, req }) => {
  if (!Array.isArray(data.passages)) return data
  const before = new Map((originalDoc?.passages ?? []).map((passage) => [passage.passageId, passage]))
  data.passages = data.passages.map((passage): Passage => {
    const previous = before.get(passage.passageId)
    const changed = !previous || previous.text !== passage.text || (previous.heading ?? '') !== (passage.heading ?? '')
    return {
      ...passage,
      editedBy: uniqueIds([...(previous?.editedBy ?? []), ...(changed && req.user ? [req.user.id] : [])]),
    }
  })
  return data
}
