import type { Access, Where } from 'payload'

import { hasRole } from '@/access/roles'

/**
 * Editors and admins read everything; a reviewer reads the answers assigned to them; everyone else
 * (the public) reads published answers only.
 */
export const readAnswers: Access = ({ req: { user } }): boolean | Where => {
  if (hasRole(user, 'admin', 'editor')) return true
  if (user && hasRole(user, 'reviewer')) return { assignedReviewers: { in: [user.id] } }
  return { _status: { equals: 'published' } }
}
