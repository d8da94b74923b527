import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { Answer, Approval, User } from '@/payload-types'
import { isAssignedTo } from '@/lib/answers/loadAnswer'
import { Conflict, Forbidden } from '@/lib/errors'
import { documentId, relationId } from '@/lib/relationId'
import { citedEvidence, contentHash, loadPageContext } from '@/lib/workflow/contentHash'
import { REVIEWED_ANSWER } from '@/lib/workflow/context'
import { refuseIncompleteDecision, reviewedAnswer } from '@/lib/workflow/recordDecision'
import { publishability } from '@/lib/workflow/publishable'
import { currentReviewCycle, lastDecisionsOn, repeatsLastDecision } from '@/lib/workflow/reviewCycle'
import { decisionRefusal } from '@/lib/workflow/reviewerEligibility'
import { ANSWERS, APPROVALS, USERS } from '@collections/slugs'
import { ATTESTATION_STATEMENT } from '../constants'
import { pageAuthors } from '@/lib/workflow/pageAuthors'

/**
 * The server, not the client, decides who decided on what: the reviewer is the signed-in user and
 * the hash is that of the answer's current version and the evidence it cites. An approval must name
 * the hash of the content its reviewer read, and is refused (409) if the content changed since: bound
 * to the server's hash alone, an approval sent after an edit would vouch for text nobody reviewed.
 * Requesting changes or rejecting may leave it out (they publish nothing).
 */

export const bindApprovalToContent: CollectionBeforeChangeHook<Approval> = async ({ context, data, operation, req }) => {
  if (operation !== 'create') return data
  const user = req.user
  if (!user) throw new Forbidden('Sign in as a reviewer to record a review decision.')

  const answerId = relationId(data.answer)
  if (answerId === undefined) {
    throw new ValidationError({ collection: APPROVALS, errors: [{ path: 'answer', message: 'Name the answer you reviewed.' }], req })
  }
  // verifyRelationsExist has already refused an unknown answer id. The answer is read once per
  // decision: here, or by recordDecision before it; applyDecision and the approval rule reuse it.
  const answer: Answer =
    reviewedAnswer(context, answerId) ??
    (await req.payload.findByID({ collection: ANSWERS, id: answerId, draft: true, depth: 0, overrideAccess: true, req }))
  context[REVIEWED_ANSWER] = answer
  // Not assigned: refused as an unknown answer is (verifyRelationsExist), so the refusal does not
  // tell a reviewer that an answer outside their queue exists.
  if (!isAssignedTo(answer, user.id))
    throw new ValidationError({
      collection: APPROVALS,
      errors: [{ path: 'answer', message: `No answer with id ${answerId} exists.` }],
      req,
    })

  // Assignment can be stale (deactivated since, a new conflict, an edit by this person): check now.
  const reviewer: User = await req.payload.findByID({ collection: USERS, id: user.id, depth: 0, overrideAccess: true, req })
  const refusal = decisionRefusal(reviewer, answer, await pageAuthors(req, answer))
  if (refusal) throw refusal.status === 409 ? new Conflict(refusal.message) : new Forbidden(refusal.message)

  // The hash covers the evidence too; the approval also records it passage by passage (which text
  // and version the reviewer read), so a later change can be traced to the passages it touched.
  const page = await loadPageContext(req, answer)
  const currentHash = contentHash(answer, page)
  if (data.contentHash && data.contentHash !== currentHash) {
    throw new Conflict(
      'The answer changed after you opened it (its text, the patient question shown with it, its cancer type or its sources). Reload it and review the current content before deciding.',
    )
  }

  refuseIncompleteDecision(data)
  const comment = data.comment?.trim() ?? ''

  if (data.decision === 'approve') {
    // An approval that publication would then refuse leaves the answer stuck in review.
    const { missing, invalid } = await publishability(req, answer)
    const problems = [...(missing.length > 0 ? [`It is missing ${missing.join(', ')}.`] : []), ...invalid]
    if (problems.length > 0) {
      throw new Conflict(
        `This answer could not be published as it stands, so it cannot be approved; its editor must correct it first. ${problems.join(' ')}`,
      )
    }
  }

  // A new review cycle (periodic review, changed evidence) asks for the decision again, and so does a
  // new round on the same content (see repeatsLastDecision).
  const last = (await lastDecisionsOn(req, answer, currentHash, user.id)).get(String(user.id))
  if (repeatsLastDecision(last, data.decision, answer)) throw new Conflict('You already recorded this decision for this exact content.')

  return {
    ...data,
    comment,
    reviewer: user.id,
    contentHash: currentHash,
    // An approval counts only in the cycle it was given in (publishIfApproved), even for unchanged content.
    reviewCycle: currentReviewCycle(answer),
    evidence: citedEvidence(answer, page.sources).map((item) => ({
      ...item,
      source: documentId(req.payload.db.defaultIDType, item.source),
    })),
    attestationStatement: data.decision === 'approve' ? ATTESTATION_STATEMENT : undefined,
  }
}
