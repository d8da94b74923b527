import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { contentHash } from '@/lib/workflow/contentHash'

/** Keeps `contentHash` equal to the hash of what this version says; approvals bind to it. */
export const computeContentHash: CollectionBeforeChangeHook<Answer> = ({ data, originalDoc }) => {
  data.contentHash = contentHash({ ...originalDoc, ...data })
  return data
}
