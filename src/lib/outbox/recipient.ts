import type { PayloadRequest } from 'payload'

import type { Notification, User } from '@/payload-types'
import { ANSWERS, USERS } from '@collections/slugs'
import { findAnswer, isAssignedTo } from '../answers/loadAnswer'
import { relationId } from '../relationId'

/** Emails asking the recipient to review an answer: pointless once the review is no longer theirs. */
const REVIEW_REQUESTS = new Set<Notification['template']>(['review_assigned', 'review_reminder'])

/**
 * Why an email written to the outbox must no longer be sent, or null. It waited there (a mail server
 * down, retries), and meanwhile its recipient's account was deactivated, or the review it asks for
 * was given to someone else or ended: the email would go to someone who left, or ask for a review
 * whose link now says "not assigned to you".
 */
export async function undeliverableReason(req: PayloadRequest, message: Notification): Promise<string | null> {
  const {
    docs: [recipient],
  } = await req.payload.find({
    collection: USERS,
    where: { email: { equals: message.to } },
    select: { active: true },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (!recipient) return null
  if ((recipient as Pick<User, 'active'>).active === false) return "Not sent: the recipient's account was deactivated after it was written."
  const related = message.related
  if (!REVIEW_REQUESTS.has(message.template) || related?.relationTo !== ANSWERS) return null
  const answer = await findAnswer(req, relationId(related.value)!)
  if (!answer || answer.workflowStage !== 'in_review' || !isAssignedTo(answer, recipient.id))
    return 'Not sent: the review it asks for is no longer assigned to the recipient.'
  return null
}
