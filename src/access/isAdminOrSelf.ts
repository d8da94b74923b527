import type { Where } from 'payload'

import { hasRole, type AccessArgs } from './roles'

/** Admins see every user; anyone else signed in sees only their own record. */
export const isAdminOrSelf = ({ req }: AccessArgs): boolean | Where => {
  if (!req.user) return false
  if (hasRole(req.user, 'admin')) return true
  return { id: { equals: req.user.id } }
}
