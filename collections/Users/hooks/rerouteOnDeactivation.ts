import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { rerouteFromReviewer } from '@/lib/workflow/rerouteFromReviewer'

/** A reviewer deactivated (or no longer a reviewer) hands their open reviews to others. */
export const rerouteOnDeactivation: CollectionAfterChangeHook<User> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update') return doc
  const wasReviewing = previousDoc?.active !== false && previousDoc?.roles?.includes('reviewer')
  const stillReviewing = doc.active !== false && doc.roles?.includes('reviewer')
  if (wasReviewing && !stillReviewing) await rerouteFromReviewer(req, doc.id)
  return doc
}
