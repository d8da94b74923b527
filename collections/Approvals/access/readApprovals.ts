import type { Access, Where } from 'payload'

import { hasRole } from '@/access/roles'

/** Editors and admins see every decision; a reviewer sees their own; the public none. */
export const readApprovals: Access = ({ req: { user } }): boolean | Where => {
  if (hasRole(user, 'admin', 'editor')) return true
  if (user && hasRole(user, 'reviewer')) return { reviewer: { equals: user.id } }
  return false
}
