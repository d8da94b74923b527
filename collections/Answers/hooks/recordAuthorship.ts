import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { uniqueIds } from '@/lib/relationId'
import { CONTENT_CHANGED, PUBLISH_VIA_APPROVAL_RULE } from '@/lib/workflow/context'

/**
 * Keeps the authors of the version in review: everyone who changed its content since it was last
 * approved (publication starts a new list). They are recorded as they save, so routing and the
 * approval rule read one field rather than the version history (which is pruned after 100
 * versions). Also remembers the last editor (who gets the workflow emails) and records "person"
 * provenance for an answer a person creates. Workflow writes that leave the content as it was (a
 * stage change) are not authorship. Runs after computeContentHash.
 */
export const recordAuthorship: CollectionBeforeChangeHook<Answer> = ({ context, data, operation, originalDoc, req }) => {
  if (context[PUBLISH_VIA_APPROVAL_RULE] === true) {
    data.authors = []
    return data
  }
  const contentChanged = operation === 'create' || context[CONTENT_CHANGED] === true
  if (req.user && contentChanged) data.lastEditedBy = req.user.id
  if (req.user && operation === 'create' && !data.provenance?.draftedBy) {
    data.provenance = { ...data.provenance, draftedBy: 'person', author: req.user.id }
  }
  const candidates = [
    ...(data.authors ?? originalDoc?.authors ?? []),
    ...(operation === 'create' ? [data.lastEditedBy, data.provenance?.author] : []),
    ...(req.user && contentChanged ? [req.user.id] : []),
  ]
  data.authors = uniqueIds(candidates) as NonNullable<Answer['authors']>
  return data
}
