import type { Access, Where } from 'payload'

import { oncePerRequest } from '@/access/oncePerRequest'
import { hasRole } from '@/access/roles'
import { ANSWERS } from '@collections/slugs'

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
    // Access runs for every operation of the request (list, relations, permissions, several at
    // once, in each of the admin page's `req`s): look up once per request.
    return oncePerRequest(req, `assignedAnswerIds:${user.id}`, async (): Promise<Where> => {
      const { docs } = await req.payload.find({
        collection: ANSWERS,
        where: { assignedReviewers: { contains: user.id } },
        select: {},
        pagination: false,
        draft: true,
        depth: 0,
        overrideAccess: true,
        req,
      })
      // Nothing assigned: a filter that matches no document, so reads are 404s like any unassigned id.
      return docs.length > 0 ? { id: { in: docs.map((doc) => doc.id) } } : { id: { exists: false } }
    })
  }
  return { _status: { equals: 'published' } }
}
