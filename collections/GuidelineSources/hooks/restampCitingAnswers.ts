import type { CollectionAfterChangeHook } from 'payload'

import type { GuidelineSource } from '@/payload-types'
import { restampAnswer } from '@/lib/workflow/restamp'
import { answersInReview } from '@/lib/workflow/reviewLock'

/**
 * A source marked superseded, or current again, changes the content hash of the answers citing it
 * (a superseded guideline is different evidence: contentHash.ts). The answers in review are saved
 * again in the same transaction (restampAnswer), except those that could not be approved anyway,
 * whose save would fail the source's save (a safety correction perhaps).
 */
export const restampCitingAnswers: CollectionAfterChangeHook<GuidelineSource> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update' || previousDoc?.status === doc.status) return doc
  for (const answer of await answersInReview(req, { 'citations.source': { equals: doc.id } })) await restampAnswer(req, answer)
  return doc
}
