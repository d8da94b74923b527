import type { Access, Where } from 'payload'

import { assignedAnswers } from '@/access/assignedAnswers'
import { hasRole } from '@/access/roles'

/**
 * Editors and admins read everything; a reviewer reads the answers assigned to them; everyone else
 * (the public) reads published answers only.
 *
 * A reviewer's assignment is written with the draft being reviewed, that is to the newest version
 * and not to the document row (which keeps the live version of a published answer). So the
 * assignment is looked up among the newest versions, and the constraint is expressed on ids, which
 * Payload applies to the document and to its versions alike.
 */
export const readAnswers: Access = async ({ req }): Promise<boolean | Where> => {
  const { user } = req
  if (hasRole(user, 'admin', 'editor')) return true
  if (user && hasRole(user, 'reviewer')) {
    const assigned = await assignedAnswers(req, user.id)
    // Nothing assigned: a filter that matches no document, so reads are 404s like any unassigned id.
    return assigned.length > 0 ? { id: { in: assigned.map((answer) => answer.id) } } : { id: { exists: false } }
  }
  return { _status: { equals: 'published' } }
}
