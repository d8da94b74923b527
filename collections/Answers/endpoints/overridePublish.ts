import { type Endpoint } from 'payload'
import { z } from 'zod'

import type { User } from '@/payload-types'
import { requireRole } from '@/access/requireRole'
import { BadRequest } from '@/lib/errors'
import { withTransaction } from '@/lib/transaction'
import { notifyEditor } from '@/lib/workflow/outbox'
import { publishAnswer } from '@/lib/workflow/publishIfApproved'
import { ANSWERS } from '@collections/slugs'
import { readJsonBody } from '@/lib/http/requestBody'

const body = z.object({
  reason: z.string().trim().min(20, 'Give the reason in at least 20 characters; it is shown to patients.').max(1000),
})

/**
 * POST /api/answers/:id/override-publish: the one exception to the approval rule, for admins, with
 * a reason. The public record says it was published by an admin override, by whom and why, and
 * credits no reviewer. A later approval of new content replaces it with a normal review record.
 */
export const overridePublish: Endpoint = {
  path: '/:id/override-publish',
  method: 'post',
  handler: async (req) => {
    requireRole(req, ['admin'], 'publish without the approval rule', 'Only an admin can publish without the approval rule.')
    const parsed = body.safeParse(await readJsonBody(req))
    if (!parsed.success) throw new BadRequest(parsed.error.issues.map((issue) => issue.message).join('; '))
    const id = req.routeParams?.id as string
    await withTransaction(req, async (tx) => {
      const answer = await tx.payload.findByID({ collection: ANSWERS, id, draft: true, depth: 0, overrideAccess: true, req: tx })
      // The override skips the reviewers, not the checks every published answer passes (publishAnswer).
      const admin = (await tx.payload.findByID({ collection: 'users', id: tx.user!.id, depth: 0, overrideAccess: true, req: tx })) as User
      await publishAnswer(tx, answer, { reviewers: [], override: { by: admin, reason: parsed.data.reason } })
      await notifyEditor(tx, answer, {
        template: 'answer_published',
        subject: `Published by admin override: ${answer.title}`,
        text: `${admin.name} published "${answer.title}" without the approval rule. Reason: ${parsed.data.reason}`,
      })
    })
    const published = await req.payload.findByID({ collection: ANSWERS, id, depth: 0, overrideAccess: false, req })
    return Response.json({ doc: published })
  },
}
