import type { PayloadRequest } from 'payload'

import type { Answer, User } from '@/payload-types'
import { USERS } from '@collections/slugs'
import { notifyEditor, notifyReviewer } from './outbox'

/**
 * The side effects of giving a reviewer an answer, however it happened (routing, re-routing, an
 * editor's choice): their last assignment time, which routing's round robin reads, and the email.
 * `intro` says why they are asked; the greeting, subject and review link are the same for all.
 */
export async function assignReviewer(
  req: PayloadRequest,
  answer: Pick<Answer, 'id' | 'title'>,
  reviewer: Pick<User, 'id' | 'name' | 'email'>,
  intro: string,
): Promise<void> {
  await req.payload.update({
    collection: USERS,
    id: reviewer.id,
    data: { lastAssignedAt: new Date().toISOString() },
    depth: 0,
    overrideAccess: true,
    req,
  })
  await notifyReviewer(req, answer, reviewer, {
    template: 'review_assigned',
    subject: `Review requested: ${answer.title}`,
    text: `Dear ${reviewer.name},\n\n${intro}\n\nReview it here:`,
  })
}

/** The editor is told an answer waits because no eligible reviewer has capacity. */
export async function notifyNoReviewer(
  req: PayloadRequest,
  answer: Pick<Answer, 'id' | 'title' | 'lastEditedBy'>,
  why: string,
): Promise<void> {
  await notifyEditor(req, answer, {
    template: 'awaiting_reviewer',
    subject: `No reviewer available: ${answer.title}`,
    text: `${why} It waits until one is.`,
  })
}
