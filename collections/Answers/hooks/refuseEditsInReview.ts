import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionBeforeOperationHook, Where } from 'payload'

import type { Answer } from '@/payload-types'
import { PUBLISH_VIA_APPROVAL_RULE, RESTORING_VERSION, ROUTING } from '@/lib/workflow/context'
import { changesReviewedContent, isHeldForReview, refuseEditWhileInReview, refuseWhileInReview } from '@/lib/workflow/reviewLock'
import { LOCKED_STAGES, REVIEWED_FIELDS } from '@/lib/workflow/states'
import { WORKFLOW_TRANSITION } from '@/lib/workflow/transitions'
import { ANSWERS } from '@collections/slugs'
import { findAnswer } from '@/lib/answers/loadAnswer'

/** The workflow's own writes (a transition, routing, the approval rule) never change reviewed content. */
const isWorkflowWrite = (context: Record<string, unknown> | undefined) =>
  Boolean(context?.[WORKFLOW_TRANSITION] || context?.[ROUTING] === true || context?.[PUBLISH_VIA_APPROVAL_RULE] === true)

/**
 * While an answer is in review (or waiting for a reviewer), a change to what the reviewer approves
 * is refused with a 409 that names them (README "Editing an answer in review: it is locked"). For
 * every caller: REST, GraphQL, the admin, the Local API with or without overrideAccess. Before the
 * operation, because field access (editableOutsideReview) would otherwise drop the fields of an
 * outside caller silently and answer 200. Other fields (reviewers, the high-risk flag) stay
 * editable: only a change to the content hash is refused, so the admin form sending the content
 * back unchanged passes.
 */
export const refuseEditsInReview: CollectionBeforeOperationHook = async ({ args, collection, context, operation, req }) => {
  if (operation !== 'update' || isWorkflowWrite(context)) return args
  const { data, id, where, overrideAccess } = args as {
    data?: Record<string, unknown>
    id?: string | number
    where?: Where
    overrideAccess?: boolean
  }
  if (!data || typeof data !== 'object' || !REVIEWED_FIELDS.some((field) => field in data)) return args
  // Someone who may not update answers at all gets access control's refusal (403/404), not a
  // message that says who is reviewing what.
  if (overrideAccess !== true && !(await collection.access.update?.({ req, id, data }))) return args
  const target: Where | undefined = id !== undefined && id !== null ? { id: { equals: id } } : where
  if (!target) return args
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: { and: [target, { workflowStage: { in: [...LOCKED_STAGES] } }] },
    pagination: false,
    depth: 0,
    draft: true,
    overrideAccess: true,
    req,
  })
  for (const answer of docs as Answer[]) {
    if (await changesReviewedContent(req, answer, data)) await refuseEditWhileInReview(req, answer, 'answer')
  }
  return args
}

/** Restoring an old version under a reviewer would change what they approve: withdraw it from review first. */
export const refuseRestoreInReview: CollectionBeforeChangeHook<Answer> = async ({ context, data, originalDoc, req }) => {
  if (context[RESTORING_VERSION] === true && originalDoc) await refuseWhileInReview(req, originalDoc, 'answer')
  return data
}

/** Deleting an answer a reviewer holds is refused (409 naming them) for everyone, admins included: withdraw it first. */
export const refuseDeleteInReview: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const answer = await findAnswer(req, id)
  if (answer && (await isHeldForReview(req, answer))) await refuseWhileInReview(req, answer, 'delete')
}
