import type { CollectionBeforeChangeHook } from 'payload'

import type { Question } from '@/payload-types'
import { uniqueIds } from '@/lib/relationId'

/**
 * The question's text is part of the page a reviewer approves (hashed with the answer), so whoever
 * writes or changes it is one of the page's authors and does not review its answer (DESIGN.md:
 * nobody approves their own text). Recorded as they save; the list starts again when the answer is
 * published (followAnswer), as an answer's own authors do.
 */
export const recordTextAuthors: CollectionBeforeChangeHook<Question> = ({ data, operation, originalDoc, req }) => {
  const previous = originalDoc?.textAuthors ?? []
  const changed = operation === 'create' || (typeof data.text === 'string' && data.text.trim() !== (originalDoc?.text ?? '').trim())
  // Kept as they were unless a person changed the text (the field is the server's: a client's value was dropped).
  data.textAuthors = uniqueIds([...(data.textAuthors ?? previous), ...(changed && req.user ? [req.user.id] : [])])
  return data
}
