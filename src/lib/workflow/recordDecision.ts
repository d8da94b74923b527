import type { PayloadRequest } from 'payload'

import type { Answer, Approval } from '@/payload-types'
import { APPROVALS } from '@collections/slugs'
import { APPROVAL_NEEDS_CONTENT_HASH, ATTESTATION_STATEMENT } from '@collections/Approvals/constants'
import { BadRequest } from '../errors'
import type { Id } from '../relationId'
import { withTransaction } from '../transaction'
import { currentContentHash } from './contentHash'
import { REVIEWED_ANSWER, withFlags } from './context'
import { loadAssignedAnswer } from '../answers/loadAnswer'
import { lastDecisionsOn, repeatsLastDecision } from './reviewCycle'

export type DecisionInput = Pick<Approval, 'decision'> & { comment?: string; attestation?: boolean; contentHash?: string }

/**
 * A reviewer's decision, idempotent: the same decision on the same content again (a double click, a
 * retried request) returns the record already made instead of a second one; a new decision is
 * created through the approvals collection, with all its rules (collections/Approvals/hooks), on
 * the answer as read here (REVIEWED_ANSWER).
 */
export async function recordDecision(
  req: PayloadRequest,
  answerId: Id,
  input: DecisionInput,
): Promise<{ doc: Approval; alreadyRecorded: boolean }> {
  return withTransaction(req, async (tx) => {
    const answer = await loadAssignedAnswer(tx, answerId)
    const hash = await currentContentHash(tx, answer)
    // A repeat names the content it was made on; a hash that is no longer the content's goes on to
    // the approvals collection, which refuses it (409).
    const last =
      input.contentHash !== undefined && input.contentHash !== hash
        ? undefined
        : (await lastDecisionsOn(tx, answer, hash, tx.user!.id)).get(String(tx.user!.id))
    if (last && repeatsLastDecision(last, input.decision, answer)) {
      // A repeat meets the rules of a first decision: it is no way around them.
      refuseIncompleteDecision(input)
      return { doc: last, alreadyRecorded: true }
    }
    const doc = await withFlags(tx, { [REVIEWED_ANSWER]: answer }, (context) =>
      tx.payload.create({
        collection: APPROVALS,
        data: { answer: answer.id, ...input },
        depth: 0,
        overrideAccess: false,
        context,
        req: tx,
      }),
    )
    return { doc, alreadyRecorded: false }
  })
}

/** The answer a decision is recorded on, when its recorder already read it (see REVIEWED_ANSWER). */
export function reviewedAnswer(context: Record<string, unknown> | undefined, answerId: Id | undefined): Answer | undefined {
  const answer = context?.[REVIEWED_ANSWER] as Answer | undefined
  return answer && answerId !== undefined && String(answer.id) === String(answerId) ? answer : undefined
}

/**
 * What every decision must carry, whoever records it (the approvals collection's hook, the decision
 * endpoint before it looks for a repeat): an approval its attestation and the hash of the content
 * reviewed; a request for changes or a rejection a comment.
 */
export function refuseIncompleteDecision(data: Partial<Pick<Approval, 'decision' | 'comment' | 'attestation' | 'contentHash'>>): void {
  if (data.decision === 'approve' && data.attestation !== true) {
    throw new BadRequest(`To approve, confirm the attestation: "${ATTESTATION_STATEMENT}"`)
  }
  if (data.decision === 'approve' && !data.contentHash) throw new BadRequest(APPROVAL_NEEDS_CONTENT_HASH)
  if ((data.decision === 'request_changes' || data.decision === 'reject') && (data.comment?.trim() ?? '') === '') {
    throw new BadRequest('Requesting changes or rejecting needs a comment saying what is wrong.')
  }
}
