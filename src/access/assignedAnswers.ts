import type { PayloadRequest } from 'payload'

import { ANSWERS } from '@collections/slugs'
import { relationId, type Id } from '@/lib/relationId'
import { oncePerRequest } from './oncePerRequest'

/**
 * The answers assigned to a reviewer and their questions, looked up once per request: access to
 * answers and to questions runs for every operation of a request (lists, relations, the admin's
 * permissions, in each of the page's `req`s). The assignment is written with the draft under review,
 * so it is looked up among the newest versions.
 */
export function assignedAnswers(req: PayloadRequest, reviewerId: Id): Promise<{ id: Id; question: Id | undefined }[]> {
  return oncePerRequest(req, `assignedAnswers:${reviewerId}`, async () => {
    const { docs } = await req.payload.find({
      collection: ANSWERS,
      where: { assignedReviewers: { contains: reviewerId } },
      select: { question: true },
      pagination: false,
      draft: true,
      depth: 0,
      overrideAccess: true,
      req,
    })
    return docs.map((doc) => ({ id: doc.id, question: relationId(doc.question) }))
  })
}
