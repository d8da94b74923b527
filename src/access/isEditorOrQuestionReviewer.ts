import type { Access } from 'payload'

import { ANSWERS } from '@collections/slugs'
import { relationId } from '@/lib/relationId'
import { hasRole } from './roles'

/**
 * Questions: editors and admins read them all; a reviewer only the questions of answers assigned to
 * them (the patient's question is part of what they review), not the whole backlog of what patients
 * asked. One read of their answers per request (a reviewer holds at most their capacity).
 */
export const isEditorOrQuestionReviewer: Access = async ({ req }) => {
  const { user } = req
  if (hasRole(user, 'admin', 'editor')) return true
  if (!user || !hasRole(user, 'reviewer')) return false
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: { assignedReviewers: { contains: user.id } },
    select: { question: true },
    draft: true,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const questions = docs.map((answer) => relationId(answer.question)).filter((id) => id !== undefined)
  return { id: { in: questions } }
}
