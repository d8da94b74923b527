import type { PayloadRequest } from 'payload'

import type { Answer, Notification, User } from '@/payload-types'
import { ANSWERS, NOTIFICATIONS, USERS } from '../../../collections/slugs'
import { relationId } from '../relationId'

/**
 * Writes an email for the answer's editor (who last changed it; every editor when nobody did) to
 * the outbox, in the caller's transaction. The outbox job sends it later.
 */
export async function notifyEditor(
  req: PayloadRequest,
  answer: Pick<Answer, 'id' | 'title' | 'lastEditedBy'>,
  { template, subject, text }: { template: Notification['template']; subject: string; text: string },
): Promise<void> {
  const { payload } = req
  const editorId = relationId(answer.lastEditedBy)
  const editors: User[] = editorId
    ? [await payload.findByID({ collection: USERS, id: editorId, depth: 0, overrideAccess: true, req })]
    : ((await payload.find({ collection: USERS, where: { roles: { contains: 'editor' } }, pagination: false, depth: 0, overrideAccess: true, req })).docs as User[])
  const link = `${payload.config.serverURL}/admin/collections/answers/${answer.id}`
  for (const editor of editors) {
    await payload.create({
      collection: NOTIFICATIONS,
      data: { to: editor.email, subject, template, text: `${text}\n\n${link}\n`, related: { relationTo: ANSWERS, value: answer.id as number }, status: 'queued' },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
}
