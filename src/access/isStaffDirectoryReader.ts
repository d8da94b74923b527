import type { Where } from 'payload'

import { hasRole, type AccessArgs } from './roles'

/** Admins and editors read every user (to assign reviewers); others only themselves. */
export const isStaffDirectoryReader = ({ req }: AccessArgs): boolean | Where => {
  if (!req.user) return false
  if (hasRole(req.user, 'admin', 'editor')) return true
  return { id: { equals: req.user.id } }
}
