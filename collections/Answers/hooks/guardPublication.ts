import type { CollectionBeforeOperationHook, Where } from 'payload'

import { hasRole } from '@/access/roles'
import { conflict, forbidden } from '@/lib/errors'
import { PUBLISH_VIA_APPROVAL_RULE, RESTORING_VERSION } from '@/lib/workflow/context'
import { ANSWERS } from '../../slugs'

export const PUBLISH_REFUSED =
  'Answers are published only by the approval rule: enough assigned reviewers must approve the current content. Save your changes as a draft and submit them for review.'

export const LIVE_OVERWRITE_REFUSED =
  'This answer is live. Save your changes as a draft (draft=true): the published version stays online until reviewers approve the new one.'

export const RESTORE_AS_DRAFT =
  'Restore this version as a draft (draft=true). It goes live again only when reviewers approve it.'

/**
 * The only way to publish is the approval rule (DESIGN.md). This guard runs before access and
 * validation on every create, update and version restore, for every caller (REST, GraphQL, admin,
 * Local API), and refuses:
 * - `_status: "published"` in any write;
 * - a non-draft save to a live answer, which would replace what patients see without review
 *   (an admin may still take an answer offline with `_status: "draft"` alone);
 * - restoring an old version straight to live: a restore must be a draft (draft=true).
 */
export const guardPublication: CollectionBeforeOperationHook = async ({ args, context, operation, req }) => {
  if (context?.[PUBLISH_VIA_APPROVAL_RULE] === true) return args
  if (operation === 'restoreVersion') {
    // Payload reads the draft flag before this hook runs, so it must be refused, not rewritten.
    if (!(args as { draft?: boolean }).draft) throw conflict(RESTORE_AS_DRAFT)
    context[RESTORING_VERSION] = true
    return args
  }
  if (operation !== 'create' && operation !== 'update') return args

  const data = (args as { data?: Record<string, unknown> }).data
  if (data?._status === 'published') throw forbidden(PUBLISH_REFUSED)
  if (operation === 'create' || (args as { draft?: boolean }).draft) return args
  // Callers without update access are refused by access control with a 403 right after this.
  if (!hasRole(req.user, 'editor', 'admin')) return args

  const target = targetOf(args as { id?: number | string; where?: Where })
  const { totalDocs: live } = await req.payload.count({
    collection: ANSWERS,
    where: { and: [target, { _status: { equals: 'published' } }] },
    overrideAccess: true,
    req,
  })
  if (live === 0) return args
  const isUnpublish = data?._status === 'draft' && Object.keys(data).every((key) => key === '_status')
  if (isUnpublish) {
    if (hasRole(req.user, 'admin')) return args
    throw forbidden('Only an admin can take a published answer offline.')
  }
  throw conflict(LIVE_OVERWRITE_REFUSED)
}

function targetOf({ id, where }: { id?: number | string; where?: Where }): Where {
  if (id !== undefined) return { id: { equals: id } }
  return where ?? {}
}
