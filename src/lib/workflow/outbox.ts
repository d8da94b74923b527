import type { Payload, PayloadRequest } from 'payload'

import type { Answer, Notification, User } from '@/payload-types'
import { ANSWERS, NOTIFICATIONS, USERS } from '@collections/slugs'
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
    data: {
      to,
      subject,
      template,
      text: `${text}\n\n${answerLink(req.payload, answerId)}\n`,
      related: { relationTo: ANSWERS, value: answerId },
      status: 'queued',
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
}

/** An email for a reviewer about an answer. */
export async function notifyReviewer(
  req: PayloadRequest,
  answer: Pick<Answer, 'id'>,
  reviewer: Pick<User, 'email'>,
  message: Message,
): Promise<void> {
  await writeToOutbox(req, answer.id, reviewer.email, message)
}

/** An email for the answer's editor: who last changed it, while still an active editor; otherwise every active editor. */
export async function notifyEditor(
  req: PayloadRequest,
  answer: Pick<Answer, 'id' | 'title' | 'lastEditedBy'>,
  message: Message,
): Promise<void> {
  const { payload } = req
  const editorId = relationId(answer.lastEditedBy)
  const lastEditor =
    editorId === undefined
      ? null
      : ((await payload.findByID({
          collection: USERS,
          id: editorId,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          req,
        })) as User | null)
  // The last editor if they can still act on it; otherwise (none on record, deactivated, no longer an
  // editor) every active editor, so that the answer is not left with nobody told.
  const editors: User[] =
    lastEditor && lastEditor.active !== false && lastEditor.roles?.some((role) => role === 'editor' || role === 'admin')
      ? [lastEditor]
      : ((
          await payload.find({
            collection: USERS,
            where: { and: [{ roles: { contains: 'editor' } }, { active: { equals: true } }] },
            pagination: false,
            depth: 0,
            overrideAccess: true,
            req,
          })
        ).docs as User[])
  for (const editor of editors) await writeToOutbox(req, answer.id, editor.email, message)
}

/**
 * An email for every admin about a person's account (e.g. reviewer credentials about to lapse),
 * with a link to it, in the caller's transaction. Returns how many admins were written to.
 */
export async function notifyAdmins(req: PayloadRequest, about: Pick<User, 'id'>, { template, subject, text }: Message): Promise<number> {
  const { docs: admins } = await req.payload.find({
    collection: USERS,
    where: { and: [{ roles: { contains: 'admin' } }, { active: { equals: true } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const link = `${req.payload.config.serverURL}/admin/collections/users/${about.id}`
  for (const admin of admins as User[]) {
    await req.payload.create({
      collection: NOTIFICATIONS,
      data: { to: admin.email, subject, template, text: `${text}\n\n${link}\n`, status: 'queued' },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
  return admins.length
}

export const RESET_LINK_REDACTED = '(The reset link was removed from the outbox once the email was sent.)'

/**
 * The password reset email. Its link signs in as the user, so the outbox hides this template from
 * editors and the send job replaces the link once the email is sent (RESET_LINK_REDACTED).
 */
export async function notifyPasswordReset(req: PayloadRequest, user: Pick<User, 'email' | 'name'>, link: string): Promise<void> {
  const text = [
    `Hello ${user.name},`,
    `Someone, hopefully you, asked to reset the password of your account at ${req.payload.config.serverURL}.`,
    `Choose a new password here (the link works once, within an hour):`,
    link,
    `If you did not ask for this, ignore this email: your password stays as it is.`,
    `Choosing a new password signs you out everywhere else.`,
  ].join('\n\n')
  await req.payload.create({
    collection: NOTIFICATIONS,
    data: { to: user.email, subject: 'Reset your password', template: 'password_reset', text: `${text}\n`, status: 'queued' },
    depth: 0,
    overrideAccess: true,
    req,
  })
}
