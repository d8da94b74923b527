import type { CollectionAfterOperationHook, CollectionBeforeChangeHook, CollectionBeforeOperationHook, Where } from 'payload'

import type { Answer } from '@/payload-types'
import { hasRole } from '@/access/roles'
import { BadRequest, Conflict, Forbidden } from '@/lib/errors'
import { PUBLISH_VIA_APPROVAL_RULE, RESTORED_VERSION_ID, RESTORING_VERSION, UNPUBLISHING, WITHDRAWING_LIVE } from '@/lib/workflow/context'
import { ANSWERS } from '@collections/slugs'
import type { Id } from '@/lib/relationId'

export const PUBLISH_REFUSED =
  'Answers are published only by the approval rule: enough assigned reviewers must approve the current content. Save your changes as a draft and submit them for review.'

export const LIVE_OVERWRITE_REFUSED =
  'This answer is live. Save your changes as a draft (draft=true): the published version stays online until reviewers approve the new one.'

export const BULK_EDIT_AS_DRAFT =
  'A bulk edit of answers must be saved as drafts (draft=true): each answer then gets a new draft version over its newest one, and the published versions stay online.'

export const BULK_SLUG_REFUSED = "An answer's slug is its own public address: set it on one answer at a time, not in a bulk edit."

export const RESTORE_AS_DRAFT = 'Restore this version as a draft (draft=true). It goes live again only when reviewers approve it.'

/**
 * The only way to publish is the approval rule (DESIGN.md). Two hooks, for every caller (REST,
 * GraphQL, admin, Local API with or without a user, with or without overrideAccess):
 *
 * guardPublication (before the operation, with the caller's intent: draft or not, which documents)
 * - restoring an old version straight to live is refused: a restore must be a draft;
 * - a non-draft save to an answer that is live would replace what patients see without review:
 *   refused, except an admin taking it offline with `_status: "draft"` alone.
 *
 * refusePublicationOutsideRule (before the write, on the merged result, so that a duplicate,
 * which copies `_status` from its original, is caught too)
 * - any write whose result is `_status: "published"` is refused.
 */
export const guardPublication: CollectionBeforeOperationHook = async ({ args, context, operation, req }) => {
  if (context?.[PUBLISH_VIA_APPROVAL_RULE] === true) return args
  if (operation === 'restoreVersion') {
    // Payload reads the draft flag before this hook runs, so it must be refused, not rewritten.
    if (!(args as { draft?: boolean }).draft) throw new Conflict(RESTORE_AS_DRAFT)
    // req.context, not the hook's `context`: only the former reaches the later hooks of this write.
    req.context[RESTORING_VERSION] = true
    req.context[RESTORED_VERSION_ID] = (args as { id?: Id }).id
    return args
  }
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (data?._status === 'published') throw new Forbidden(PUBLISH_REFUSED)
  // The site has one language: Payload's locale flags are dropped. With unpublishAllLocales a draft
  // save rewrote the newest version record in place (a live answer's approved version became an
  // unreviewed draft, gone from the history); the admin's own Unpublish button sends it too, and is
  // then the plain unpublish below.
  Object.assign(args, { publishAllLocales: undefined, publishSpecificLocale: undefined, unpublishAllLocales: undefined })
  // Every answer of a bulk edit would get the same address: one answer at a time.
  if (operation === 'update' && (args as { id?: Id }).id === undefined && data?.slug !== undefined) throw new BadRequest(BULK_SLUG_REFUSED)
  // Without draft=true Payload's bulk update builds each answer from its main row, not its newest
  // version: for an answer never live that row is as first created, so the save brought back its
  // first stage and text as the newest version (an answer in review fell back to draft, its edits gone).
  if (operation === 'update' && (args as { id?: Id }).id === undefined && !(args as { draft?: boolean }).draft)
    throw new BadRequest(BULK_EDIT_AS_DRAFT)
  if (operation === 'create' || (args as { draft?: boolean }).draft) return args
  // The lifecycle policy taking a live version offline (server code only: clients cannot set req.context).
  if (context?.[WITHDRAWING_LIVE] === true && data?._status === 'draft') return args
  // Outside callers without update rights get access control's 403 right after this hook.
  if (req.payloadAPI !== 'local' && !hasRole(req.user, 'editor', 'admin')) return args

  const target = targetOf(args as { id?: Id; where?: Where })
  const { totalDocs: live } = await req.payload.count({
    collection: ANSWERS,
    where: { and: [target, { _status: { equals: 'published' } }] },
    overrideAccess: true,
    req,
  })
  if (live === 0) return args
  const isUnpublish = data?._status === 'draft' && Object.keys(data).every((key) => key === '_status')
  if (isUnpublish && (args as { id?: unknown }).id !== undefined) {
    if (!hasRole(req.user, 'admin')) throw new Forbidden('Only an admin can take a published answer offline.')
    req.context[UNPUBLISHING] = true
    return args
  }
  throw new Conflict(LIVE_OVERWRITE_REFUSED)
}

export const refusePublicationOutsideRule: CollectionBeforeChangeHook<Answer> = ({ context, data, originalDoc }) => {
  if (context?.[PUBLISH_VIA_APPROVAL_RULE] === true) return data
  // A draft restore carries the old version's _status here; Payload saves it as a draft after hooks.
  if (context?.[RESTORING_VERSION] === true) return data
  const resulting = data._status ?? originalDoc?._status
  if (resulting === 'published') {
    // An update that leaves _status unset on a live answer is a non-draft save over it.
    throw originalDoc && data._status === undefined ? new Conflict(LIVE_OVERWRITE_REFUSED) : new Forbidden(PUBLISH_REFUSED)
  }
  return data
}

function targetOf({ id, where }: { id?: Id; where?: Where }): Where {
  if (id !== undefined) return { id: { equals: id } }
  return where ?? {}
}

/**
 * Takes this operation's restore and unpublish flags off the request once it is done, so a later
 * write with the same `req` (server code doing several steps) is not mistaken for one of them. Only
 * when the operation that set them ends: a read of answers inside the restore's own hooks ends
 * first, and cleared them there (the question of a restored answer then stayed as it was).
 */
export const clearOperationFlags: CollectionAfterOperationHook = ({ operation, req, result }) => {
  if (operation === 'restoreVersion') {
    delete req.context[RESTORING_VERSION]
    delete req.context[RESTORED_VERSION_ID]
  }
  if (operation === 'update' || operation === 'updateByID') delete req.context[UNPUBLISHING]
  return result
}
