import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { GuidelineSource } from '@/payload-types'
import { findCitingAnswers } from '@/lib/citations/findCitingAnswers'
import { Conflict } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import type { CreditedSource } from '@/lib/workflow/contentHash'
import { answersInReview, refusePageChangeInReview } from '@/lib/workflow/reviewLock'

/**
 * Every citation must point at a passage that exists, so a passage an answer cites cannot be
 * removed or renamed. Its text, and the source's credit, may still be corrected, except while an
 * answer citing it is in review: the reviewer checks each claim against the passage's text and
 * approves the page as credited, so neither can change under them.
 */
export const protectCitedPassages: CollectionBeforeChangeHook<GuidelineSource> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc) return data
  if (data.passages !== undefined) await refuseRemovingCitedPassages(req, originalDoc, data.passages ?? [])
  await refuseChangesUnderReview(req, originalDoc, data)
  return data
}

async function refuseRemovingCitedPassages(
  req: PayloadRequest,
  source: GuidelineSource,
  passages: NonNullable<GuidelineSource['passages']>,
): Promise<void> {
  const remaining = new Set(passages.map((passage) => passage.passageId))
  const removed = (source.passages ?? []).map((p) => p.passageId).filter((id) => !remaining.has(id))
  if (removed.length === 0) return
  const citing = await findCitingAnswers(source.id, req)
  const broken = citing
    .map((answer) => ({ ...answer, passageIds: answer.passageIds.filter((id) => removed.includes(id)) }))
    .filter((answer) => answer.passageIds.length > 0)
  if (broken.length > 0) {
    const list = broken.map((answer) => `"${answer.title}" cites ${answer.passageIds.join(', ')}`).join('; ')
    throw new Conflict(`These passages are cited and cannot be removed or renamed: ${list}. Mark the source superseded instead.`)
  }
}

/** What an answer's page shows of a source: a change to any of it changes the content hash. */
const CREDITED_FIELDS = ['publisher', 'title', 'version', 'url', 'passages'] as const

async function refuseChangesUnderReview(req: PayloadRequest, source: GuidelineSource, data: Partial<GuidelineSource>): Promise<void> {
  if (!CREDITED_FIELDS.some((field) => field in data)) return
  // A required credit cleared is the field validation's 400 (it runs after this hook), not a hold.
  if (CREDITED_FIELDS.some((field) => field in data && (data[field] === null || data[field] === ''))) return
  // Marking a source superseded is never held (it may be a safety correction): it changes the hash
  // of the answers citing it, so what a reviewer opened before no longer approves (bindApprovalToContent).
  const edited: CreditedSource = { ...source, ...data, id: source.id, status: source.status }
  const before = new Map((source.passages ?? []).map((passage) => [passage.passageId, passage.text]))
  const rewritten = new Set(
    (edited.passages ?? [])
      .filter((passage) => before.has(passage.passageId) && before.get(passage.passageId) !== passage.text)
      .map((passage) => passage.passageId),
  )
  await refusePageChangeInReview(
    req,
    await answersInReview(req, { 'citations.source': { equals: source.id } }),
    (page) => ({ ...page, sources: page.sources.map((credited) => (String(credited.id) === String(source.id) ? edited : credited)) }),
    (answer, held) => {
      const cited = [
        ...new Set(
          (answer.citations ?? [])
            .filter((citation) => String(relationId(citation.source)) === String(source.id) && rewritten.has(citation.passageId))
            .map((citation) => citation.passageId),
        ),
      ]
      return cited.length > 0
        ? `Passage ${cited.join(', ')} is cited by "${answer.title}", which is ${held}. Withdraw that answer from review before rewriting the passage; the reviewer checks its claims against this text.`
        : `"${answer.title}" cites this source and is ${held}. Its page credits the source's publisher, title, version and link and the headings of the passages it cites, and the reviewer approves the page as credited. Withdraw that answer from review before changing them.`
    },
  )
}
