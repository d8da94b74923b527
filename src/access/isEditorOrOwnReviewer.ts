import type { Access, Where } from 'payload'

import { hasRole } from './roles'

/**
 * A reviewer's own review work (decisions, claim marks): editors and admins see all of it; a reviewer
 * only their own, so that neither tells them who else reviews which answer, nor what they made of it;
 * the public none.
 */
export const isEditorOrOwnReviewer: Access = ({ req: { user } }): boolean | Where => {
  if (hasRole(user, 'admin', 'editor')) return true
  if (user && hasRole(user, 'reviewer')) return { reviewer: { equals: user.id } }
  return false
}
