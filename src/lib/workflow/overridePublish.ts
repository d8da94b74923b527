import type { PayloadRequest } from 'payload'

import type { Answer, User } from '@/payload-types'
import { ANSWERS, USERS } from '@collections/slugs'
import type { Id } from '../relationId'
import { withTransaction } from '../transaction'
import { notifyEditor } from './outbox'
import { assignedReviewersOf } from './reviewLock'
import { tellReviewersReviewEnded } from './withdrawFromReview'
import { publishAnswer } from './publishIfApproved'
import { loadAnswer } from '../answers/loadAnswer'
import { Conflict } from '../errors'

/**
 * The one exception to the approval rule, for admins, with a reason: the answer's current version
 * goes live through publishAnswer (the checks every published answer passes), its public record
 * says it was published by an admin override, by whom and why, and credits no reviewer; its editor
 * is told. Returns the answer as the admin may read it.
 */
export async function overridePublish(req: PayloadRequest, answerId: Id, reason: string): Promise<Answer> {
  await withTransaction(req, async (tx) => {
    const answer = await loadAnswer(tx, answerId)
    // Read in the transaction: of two requests at once (a retry, two admins), the second finds the
    // first's publication and is refused, instead of publishing again (a second event, email and cycle).
    if (answer._status === 'published') {
      throw new Conflict('This answer is already live as it stands: there is nothing new to publish. Edit it first, or withdraw it.')
    }
    const admin = (await tx.payload.findByID({ collection: USERS, id: tx.user!.id, depth: 0, overrideAccess: true, req: tx })) as User
    const inReview = answer.workflowStage === 'in_review' ? await assignedReviewersOf(tx, answer) : []
    await publishAnswer(tx, answer, { reviewers: [], override: { by: admin, reason } })
    await tellReviewersReviewEnded(
      tx,
      answer,
      inReview,
      `${admin.name} published "${answer.title}" by an admin override, without the approval rule. Reason: ${reason}`,
    )
    await notifyEditor(tx, answer, {
      template: 'answer_published',
      subject: `Published by admin override: ${answer.title}`,
      text: `${admin.name} published "${answer.title}" without the approval rule. Reason: ${reason}`,
    })
  })
  return req.payload.findByID({ collection: ANSWERS, id: answerId, depth: 0, overrideAccess: false, req })
}
