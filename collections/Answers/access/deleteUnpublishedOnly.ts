import type { Access } from 'payload'

import { hasRole } from '@/access/roles'

/** Editors may throw away drafts; taking a live answer down is an admin decision. */
export const deleteUnpublishedOnly: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin')) return true
  if (hasRole(user, 'editor')) return { _status: { not_equals: 'published' } }
  return false
}
