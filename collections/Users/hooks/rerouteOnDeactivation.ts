import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { credentialIneligibility } from '@/lib/credentials/status'
import { relationId } from '@/lib/relationId'
import { rerouteFromReviewer } from '@/lib/workflow/rerouteFromReviewer'
import { routeWaitingAnswers } from '@/lib/workflow/submitForReview'

const reviewing = (user?: Partial<User> | null) => Boolean(user && user.active !== false && user.roles?.includes('reviewer'))
// Routable: reviewing with current credentials (a reviewer an admin re-verifies picks up waiting answers).
const routable = (user?: Partial<User> | null) => reviewing(user) && !credentialIneligibility(user!)
const specialties = (user?: Partial<User> | null) => (routable(user) ? (user!.specialties ?? []).map((s) => String(relationId(s))) : [])

/**
 * Keeps routing current when reviewers change: one who stops reviewing (deactivated, role removed)
 * hands their open reviews to others; one who can now review a cancer type (new, reactivated, a new
 * specialty, credentials re-verified) picks up the answers waiting for a reviewer in it. A lapse of
 * credentials is handled by the lifecycle sweep (remindCredentialLapses), which reroutes.
 */
export const rerouteOnDeactivation: CollectionAfterChangeHook<User> = async ({ doc, operation, previousDoc, req }) => {
  if (operation === 'update' && reviewing(previousDoc) && !reviewing(doc)) await rerouteFromReviewer(req, doc.id)
  const before = new Set(operation === 'update' ? specialties(previousDoc) : [])
  const gained = specialties(doc).filter((type) => !before.has(type))
  if (gained.length > 0) await routeWaitingAnswers(req, gained)
  return doc
}
