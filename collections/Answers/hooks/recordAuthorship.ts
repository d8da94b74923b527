import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'

/**
 * Remembers who last changed the clinical content (routing never sends an answer to its own author),
 * and records "person" provenance for an answer a person creates. Workflow writes that leave the
 * content as it was (a stage change, publication) are not authorship. Runs after computeContentHash.
 */
export const recordAuthorship: CollectionBeforeChangeHook<Answer> = ({ data, operation, originalDoc, req }) => {
  if (!req.user) return data
  if (operation === 'create' || data.contentHash !== originalDoc?.contentHash) {
    data.lastEditedBy = req.user.id
  }
  if (operation === 'create' && !data.provenance?.draftedBy) {
    data.provenance = { ...data.provenance, draftedBy: 'person', author: req.user.id }
  }
  return data
}
