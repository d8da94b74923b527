import type { Answer, User } from '@/payload-types'
import { hasRole } from '@/access/roles'
import { relationId } from '../relationId'

/**
 * Who may review an answer (DESIGN.md): an active reviewer whose specialties include the answer's
 * cancer type, with no declared conflict for it, who is not the author of its content.
 * Returns why not, in words for that person, or null when eligible.
 */
export function reviewerIneligibility(reviewer: User, answer: Pick<Answer, 'cancerType' | 'lastEditedBy' | 'provenance'>): string | null {
  const cancerType = String(relationId(answer.cancerType))
  if (!hasRole(reviewer as never, 'reviewer')) return 'do not have the reviewer role'
  if (reviewer.active === false) return 'are not an active reviewer'
  if (!(reviewer.specialties ?? []).some((specialty) => String(relationId(specialty)) === cancerType)) {
    return "do not have this answer's cancer type among your specialties"
  }
  const conflicted = (reviewer.conflictsOfInterest ?? []).some((conflict) =>
    (conflict.cancerTypes ?? []).some((type) => String(relationId(type)) === cancerType),
  )
  if (conflicted) return 'declared a conflict of interest for this cancer type'
  const authors = [answer.lastEditedBy, answer.provenance?.author].map((value) => relationId(value)).filter((id) => id !== undefined).map(String)
  if (authors.includes(String(reviewer.id))) return 'wrote or last changed this content, and nobody reviews their own work'
  return null
}
