import type { CollectionBeforeChangeHook } from 'payload'

import type { GuidelineSource } from '@/payload-types'
import { findCitingAnswers } from '@/lib/citations/findCitingAnswers'
import { Conflict } from '@/lib/errors'

/**
 * Every citation must point at a passage that exists, so a passage an answer cites cannot be
 * removed or renamed. Its text may still be corrected.
 */
export const protectCitedPassages: CollectionBeforeChangeHook<GuidelineSource> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc || data.passages === undefined) return data
  const remaining = new Set((data.passages ?? []).map((passage) => passage.passageId))
  const removed = (originalDoc.passages ?? []).map((p) => p.passageId).filter((id) => !remaining.has(id))
  if (removed.length === 0) return data

  const citing = await findCitingAnswers(originalDoc.id, req)
  const broken = citing
    .map((answer) => ({ ...answer, passageIds: answer.passageIds.filter((id) => removed.includes(id)) }))
    .filter((answer) => answer.passageIds.length > 0)
  if (broken.length > 0) {
    const list = broken.map((answer) => `"${answer.title}" cites ${answer.passageIds.join(', ')}`).join('; ')
    throw new Conflict(`These passages are cited and cannot be removed or renamed: ${list}. Mark the source superseded instead.`)
  }
  return data
}
