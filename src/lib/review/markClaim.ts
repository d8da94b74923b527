import type { PayloadRequest, Where } from 'payload'

import type { ClaimCheck, User } from '@/payload-types'
import { CLAIM_CHECKS } from '@collections/slugs'
import { loadAssignedAnswer } from '../answers/loadAnswer'
import { answerClaims } from '../claims/answerClaims'
import { Conflict, Forbidden, NotFound } from '../errors'
import type { Id } from '../relationId'
import { withTransaction } from '../transaction'
import { reviewerIneligibility } from '../workflow/reviewerEligibility'
import { pageAuthors } from '../workflow/pageAuthors'

export type ClaimMark = { claimId: string; verified: boolean; verifiedAt: string | null }

/** The ids of an answer's claims as they stand now (a mark on any other id no longer counts). */
export function currentClaimIds(answer: Parameters<typeof answerClaims>[0]): Set<string> {
  return new Set(answerClaims(answer).flatMap((part) => part.claims.map((claim) => claim.id)))
}

/**
 * An assigned reviewer marks one claim of an answer in review as verified (checked against its
 * passages), or takes the mark back. Idempotent: marking twice keeps the first mark. A reading aid
 * only: the decision never depends on it (the approval binds the whole content).
 */
export async function markClaim(req: PayloadRequest, answerId: Id, claimId: string, verified: boolean): Promise<ClaimMark> {
  return withTransaction(req, async (tx) => {
    const reviewer = tx.user as User
    const answer = await loadAssignedAnswer(tx, answerId)
    const ineligible = reviewerIneligibility(reviewer, answer, await pageAuthors(tx, answer))
    if (ineligible) throw new Forbidden(`You cannot review this answer: you ${ineligible}.`)
    if (answer.workflowStage !== 'in_review')
      throw new Conflict(`This answer is not awaiting review (its stage is "${answer.workflowStage}"), so its claims cannot be marked.`)
    if (!currentClaimIds(answer).has(claimId)) {
      // Only echo an id of the form claims have: anything else is named, not repeated.
      const named = /^[0-9a-f]{16}$/.test(claimId) ? `claim ${claimId}` : 'the claim named'
      throw new NotFound(
        `This answer has no ${named}: its text or citations may have changed since you opened it. Reload the review screen.`,
      )
    }

    const where: Where = {
      and: [{ answer: { equals: answer.id } }, { claimId: { equals: claimId } }, { reviewer: { equals: reviewer.id } }],
    }
    const { docs } = await tx.payload.find({ collection: CLAIM_CHECKS, where, limit: 1, depth: 0, overrideAccess: true, req: tx })
    const existing = docs[0] as ClaimCheck | undefined
    if (!verified) {
      if (existing) await tx.payload.delete({ collection: CLAIM_CHECKS, id: existing.id, overrideAccess: true, req: tx })
      return { claimId, verified: false, verifiedAt: null }
    }
    if (existing) return { claimId, verified: true, verifiedAt: existing.verifiedAt }
    const created = await tx.payload.create({
      collection: CLAIM_CHECKS,
      data: { answer: answer.id, claimId, reviewer: reviewer.id, verifiedAt: new Date().toISOString() },
      depth: 0,
      overrideAccess: true,
      req: tx,
    })
    return { claimId, verified: true, verifiedAt: created.verifiedAt }
  })
}

/**
 * Takes back every reviewer's mark on these claims of an answer: a mark says "checked against its
 * passages as they read then", so it lapses when one of those passages changes (the evidence flagging
 * job calls this), and the claim shows unverified until someone checks it against the new text.
 */
export async function forgetClaimMarks(req: PayloadRequest, answerId: Id, claimIds: readonly string[]): Promise<void> {
  if (claimIds.length === 0) return
  await req.payload.delete({
    collection: CLAIM_CHECKS,
    where: { and: [{ answer: { equals: answerId } }, { claimId: { in: [...claimIds] } }] },
    overrideAccess: true,
    req,
  })
}
