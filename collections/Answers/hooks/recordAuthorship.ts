import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'

/**
 * Remembers who made the latest change (routing never sends an answer to its own author) and,
 * for an answer a person creates, records that provenance. Drafter jobs set their own provenance.
 */
export const recordAuthorship: CollectionBeforeChangeHook<Answer> = ({ data, operation, req }) => {
  if (!req.user) return data
  data.lastEditedBy = req.user.id as number
  if (operation === 'create' && !data.provenance?.draftedBy) {
    data.provenance = { ...data.provenance, draftedBy: 'person', author: req.user.id as number }
  }
  return data
}
