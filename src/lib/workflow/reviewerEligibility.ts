import type { Answer, User } from '@/payload-types'
import { hasRole } from '@/access/roles'
import { credentialIneligibility } from '../credentials/status'
import { relationId } from '../relationId'

/**
 * Who may review an answer (DESIGN.md): an active reviewer with current credentials (verified within
 * their interval, issue 14) whose specialties include the answer's cancer type, with no declared
 * conflict for it, who is not the author of its content, nor of the rest of its page: `pageAuthors`
 * (pageAuthors.ts) wrote the question's text or a cited passage.
 * Returns why not, in words for that person, or null when eligible.
 */
export function reviewerIneligibility(
  reviewer: User,
  answer: Pick<Answer, 'cancerType' | 'lastEditedBy' | 'provenance' | 'authors'>,
  pageAuthors: readonly string[],
): string | null {
  const cancerType = String(relationId(answer.cancerType))
  if (!hasRole(reviewer as never, 'reviewer')) return 'do not have the reviewer role'
  if (reviewer.active === false) return 'are not an active reviewer'
  const unverified = credentialIneligibility(reviewer)
  if (unverified) return unverified
  if (!(reviewer.specialties ?? []).some((specialty) => String(relationId(specialty)) === cancerType)) {
    return "do not have this answer's cancer type among your specialties"
  }
  const conflicted = (reviewer.conflictsOfInterest ?? []).some((conflict) =>
    (conflict.cancerTypes ?? []).some((type) => String(relationId(type)) === cancerType),
  )
  if (conflicted) return 'declared a conflict of interest for this cancer type'
  if (authorsOf(answer).includes(String(reviewer.id))) {
    return 'wrote or changed this content since it was last approved, and nobody reviews their own work'
  }
  if (pageAuthors.includes(String(reviewer.id))) {
    return 'wrote or changed the patient question or a guideline passage this answer cites, and nobody reviews their own work'
  }
  return null
}

/**
 * Everyone who changed the content of this version since the last approval (recordAuthorship keeps
 * the list as they save), its last editor and the person who wrote it first.
 */
export function authorsOf(answer: Pick<Answer, 'lastEditedBy' | 'provenance' | 'authors'>): string[] {
  return [...(answer.authors ?? []), answer.lastEditedBy, answer.provenance?.author]
    .map((value) => relationId(value))
    .filter((id) => id !== undefined)
    .map(String)
}

export type DecisionRefusal = { status: 403 | 409; message: string }

/**
 * Whether this person may record a decision on this answer now: assigned, still eligible, and the
 * answer in review. The approvals hook enforces it; the review screen uses it to offer the buttons.
 */
export function decisionRefusal(reviewer: User, answer: Answer, pageAuthors: readonly string[]): DecisionRefusal | null {
  const assigned = (answer.assignedReviewers ?? []).some((assignee) => String(relationId(assignee)) === String(reviewer.id))
  if (!assigned) return { status: 403, message: 'You are not assigned to review this answer, so you cannot record a decision on it.' }
  const ineligible = reviewerIneligibility(reviewer, answer, pageAuthors)
  if (ineligible) return { status: 403, message: `You cannot review this answer: you ${ineligible}.` }
  if (answer.workflowStage !== 'in_review')
    return { status: 409, message: `This answer is not awaiting review (its stage is "${answer.workflowStage}").` }
  return null
}
