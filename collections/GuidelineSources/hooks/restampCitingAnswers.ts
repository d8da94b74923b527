import type { CollectionAfterChangeHook } from 'payload'

import type { GuidelineSource } from '@/payload-types'
import { ROUTING, withFlags } from '@/lib/workflow/context'
import { answersInReview, isHeldForReview } from '@/lib/workflow/reviewLock'
import { ANSWERS } from '@collections/slugs'

/**
 * A source marked superseded, or current again, changes the content hash of the answers citing it
 * (a superseded guideline is different evidence: contentHash.ts). The answers in review are saved
 * again in the same transaction, so the hash they store (what an API client sends with its approval,
 * what the reviewer queue and reminders compare with) is the hash approvals are checked against.
 * A system save: no author, no workflow step.
 */
export const restampCitingAnswers: CollectionAfterChangeHook<GuidelineSource> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update' || previousDoc?.status === doc.status) return doc
  for (const answer of await answersInReview(req, { 'citations.source': { equals: doc.id } })) {
    // One that could not be published as it stands cannot be approved either (and its save would
    // fail the draft's validation, failing the source's save, a safety correction perhaps).
    if (!(await isHeldForReview(req, answer))) continue
    await withFlags(req, { [ROUTING]: true }, (context) =>
      req.payload.update({ collection: ANSWERS, id: answer.id, data: {}, draft: true, depth: 0, overrideAccess: true, context, req }),
    )
  }
  return doc
}
