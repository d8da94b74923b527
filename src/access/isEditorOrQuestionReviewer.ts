import type { Access } from 'payload'

import { assignedAnswers } from './assignedAnswers'
import { hasRole } from './roles'

/**
 * Questions: editors and admins read them all; a reviewer only the questions of answers assigned to
 * them (the patient's question is part of what they review), not the whole backlog of what patients
 * asked. Their answers are read once per request, for both collections (assignedAnswers).
 */
export const isEditorOrQuestionReviewer: Access = async ({ req }) => {
  const { user } = req
  if (hasRole(user, 'admin', 'editor')) return true
  if (!user || !hasRole(user, 'reviewer')) return false
  const questions = (await assignedAnswers(req, user.id)).flatMap((answer) => (answer.question === undefined ? [] : [answer.question]))
  // Nothing assigned: a filter that matches no document.
  return questions.length > 0 ? { id: { in: questions } } : { id: { exists: false } }
}
