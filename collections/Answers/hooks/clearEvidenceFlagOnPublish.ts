import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'

/**
 * A version that goes live was approved against the evidence as it stands now (the content hash
 * covers every cited passage's text and version), so the "evidence changed" flag is cleared.
 */
export const clearEvidenceFlagOnPublish: CollectionBeforeChangeHook<Answer> = ({ data }) => {
  if (data._status === 'published') data.evidenceChanges = []
  return data
}
