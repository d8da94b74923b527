import type { Access } from 'payload'

import { hasRole } from '@/access/roles'

/**
 * Admins read the whole outbox; editors read it except password reset emails, whose link signs in
 * as their recipient (an editor must not be able to take over an admin's account from the outbox).
 */
export const readNotifications: Access = ({ req }) => {
  if (hasRole(req.user, 'admin')) return true
  if (hasRole(req.user, 'editor')) return { template: { not_equals: 'password_reset' } }
  return false
}
