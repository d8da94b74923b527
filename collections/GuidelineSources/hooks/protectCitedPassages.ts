import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { Answer, GuidelineSource } from '@/payload-types'
import { findCitingAnswers } from '@/lib/citations/findCitingAnswers'
import { Conflict } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import { isHeldForReview, reviewHold } from '@/lib/workflow/reviewLock'
import { LOCKED_STAGES, reviewHoldLabel } from '@/lib/workflow/states'
import { ANSWERS } from '@collections/slugs'

/**
 * Every citation must point at a passage that exists, so a passage an answer cites cannot be
 * removed or renamed. Its text may still be corrected, except while an answer citing it is in review:
 * the reviewer checks each claim against the passage's text, so it cannot change under them.
 */
export const protectCitedPassages: CollectionBeforeChangeHook<GuidelineSource> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc || data.passages === undefined) return data
  const remaining = new Set((data.passages ?? []).map((passage) => passage.passageId))
  const removed = (originalDoc.passages ?? []).map((p) => p.passageId).filter((id) => !remaining.has(id))
  await refuseRewritingPassagesInReview(req, originalDoc, data.passages ?? [])
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

async function refuseRewritingPassagesInReview(
  req: PayloadRequest,
  source: GuidelineSource,
  passages: NonNullable<GuidelineSource['passages']>,
): Promise<void> {
  const before = new Map((source.passages ?? []).map((passage) => [passage.passageId, passage.text]))
  const rewritten = passages.filter((passage) => before.has(passage.passageId) && before.get(passage.passageId) !== passage.text)
  if (rewritten.length === 0) return
  const rewrittenIds = new Set(rewritten.map((passage) => passage.passageId))
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: { and: [{ 'citations.source': { equals: source.id } }, { workflowStage: { in: [...LOCKED_STAGES] } }] },
    draft: true,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  for (const answer of docs as Answer[]) {
    const cited = (answer.citations ?? []).filter(
      (citation) => String(relationId(citation.source)) === String(source.id) && rewrittenIds.has(citation.passageId),
    )
    if (cited.length === 0 || !(await isHeldForReview(req, answer))) continue
    const hold = await reviewHold(req, answer)
    if (!hold) continue
    const passageList = [...new Set(cited.map((citation) => citation.passageId))].join(', ')
    const held = reviewHoldLabel(hold)
    throw new Conflict(
      `Passage ${passageList} is cited by "${answer.title}", which is ${held.charAt(0).toLowerCase()}${held.slice(1)}. Withdraw that answer from review before rewriting the passage; the reviewer checks its claims against this text.`,
    )
  }
}
