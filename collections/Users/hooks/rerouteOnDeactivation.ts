import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { credentialIneligibility } from '@/lib/credentials/status'
import { relationId } from '@/lib/relationId'
import { rerouteFromReviewer } from '@/lib/workflow/rerouteFromReviewer'
import { routeWaitingAnswers } from '@/lib/workflow/submitForReview'

const reviewing = (user?: Partial<User> | null) => Boolean(user && user.active !== false && user.roles?.includes('reviewer'))
// Routable: reviewing with current credentials (a reviewer an admin re-verifies picks up waiting answers).
const routable = (user?: Partial<User> | null) => reviewing(user) && !credentialIneligibility(user!)
// The cancer types this person can review now: their specialties without those they declared a conflict for.
const reviewableTypes = (user?: Partial<User> | null): string[] => {
  if (!routable(user)) return []
  const conflicted = new Set(
    (user!.conflictsOfInterest ?? []).flatMap((conflict) => (conflict.cancerTypes ?? []).map((type) => String(relationId(type)))),
  )
  return (user!.specialties ?? []).map((type) => String(relationId(type))).filter((type) => !conflicted.has(type))
}

/**
 * Keeps routing current when reviewers change: one who stops reviewing (deactivated, role removed)
 * hands their open reviews to others, and one who can no longer review some cancer types (a conflict
 * declared, a specialty removed, credentials set back) hands over those, since their decision would
 * be refused and an approval they gave no longer counts (publishIfApproved); one who can now review
 * a cancer type (new, reactivated, a new specialty, a conflict withdrawn, credentials re-verified)
 * picks up the answers waiting for a reviewer in it. A lapse of credentials with time is handled by
 * the lifecycle sweep (remindCredentialLapses), which reroutes.
 */
export const rerouteOnDeactivation: CollectionAfterChangeHook<User> = async ({ doc, operation, previousDoc, req }) => {
  const before = operation === 'update' ? reviewableTypes(previousDoc) : []
  const now = reviewableTypes(doc)
  if (operation === 'update' && reviewing(previousDoc) && !reviewing(doc)) await rerouteFromReviewer(req, doc.id)
  else {
    const lost = before.filter((type) => !now.includes(type))
    if (lost.length > 0) await rerouteFromReviewer(req, doc.id, lost)
  }
  const gained = now.filter((type) => !before.includes(type))
  if (gained.length > 0) await routeWaitingAnswers(req, gained)
  return doc
}
