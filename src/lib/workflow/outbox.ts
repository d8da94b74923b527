import type { Payload, PayloadRequest } from 'payload'

import type { Answer, Notification, User } from '@/payload-types'
import { ANSWERS, NOTIFICATIONS, USERS } from '../../../collections/slugs'
import { relationId, type Id } from '../relationId'

type Message = { template: Notification['template']; subject: string; text: string }

/** Where an editor or reviewer opens the answer in the admin. */
export const answerLink = (payload: Payload, answerId: Id) => `${payload.config.serverURL}/admin/collections/answers/${answerId}`

/**
 * Writes one email about an answer to the outbox, in the caller's transaction; the outbox job sends
 * it later (so a mail server that is down never fails the step that wrote it).
 */
async function writeToOutbox(req: PayloadRequest, answerId: Id, to: string, { template, subject, text }: Message) {
  await req.payload.create({
    collection: NOTIFICATIONS,
    data: { to, subject, template, text: `${text}\n\n${answerLink(req.payload, answerId)}\n`, related: { relationTo: ANSWERS, value: answerId }, status: 'queued' },
    depth: 0,
    overrideAccess: true,
    req,
  })
}

/** An email for a reviewer about an answer. */
export async function notifyReviewer(req: PayloadRequest, answer: Pick<Answer, 'id'>, reviewer: Pick<User, 'email'>, message: Message): Promise<void> {
  await writeToOutbox(req, answer.id, reviewer.email, message)
}

/** An email for the answer's editor (who last changed it; every editor when nobody did). */
export async function notifyEditor(req: PayloadRequest, answer: Pick<Answer, 'id' | 'title' | 'lastEditedBy'>, message: Message): Promise<void> {
  const { payload } = req
  const editorId = relationId(answer.lastEditedBy)
  const editors: User[] = editorId
    ? [await payload.findByID({ collection: USERS, id: editorId, depth: 0, overrideAccess: true, req })]
    : ((await payload.find({ collection: USERS, where: { roles: { contains: 'editor' } }, pagination: false, depth: 0, overrideAccess: true, req })).docs as User[])
  for (const editor of editors) await writeToOutbox(req, answer.id, editor.email, message)
}
