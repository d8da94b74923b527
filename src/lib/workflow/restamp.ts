import type { Payload, PayloadRequest } from 'payload'

import type { Answer } from '@/payload-types'
import { inNewTransaction } from '@/lib/transaction'
import { ANSWERS, GUIDELINE_SOURCES } from '@collections/slugs'
import { currentContentHash } from './contentHash'
import { ROUTING, withFlags } from './context'
import { answersInReview, isHeldForReview } from './reviewLock'

/**
 * Saves an answer in review again so that its stored content hash (what an API client sends with its
 * approval, what the reviewer queue and reminders compare with) is the hash approvals are checked
 * against. A system save: no author, no workflow step. An answer that could not be published as it
 * stands cannot be approved either, and its save would fail the draft's validation: it is left alone.
 */
export async function restampAnswer(req: PayloadRequest, answer: Answer): Promise<boolean> {
  if (!(await isHeldForReview(req, answer))) return false
  await withFlags(req, { [ROUTING]: true }, (context) =>
    req.payload.update({ collection: ANSWERS, id: answer.id, data: {}, draft: true, depth: 0, overrideAccess: true, context, req }),
  )
  return true
}

/**
 * At start, on either database: answers in review whose stored hash is not the hash of what they
 * show. Since the twenty-third session the hash names the superseded sources an answer cites, and a
 * source's status change restamps the answers in review citing it (restampCitingAnswers); an answer
 * already in review at the upgrade, citing a source superseded before it, kept the hash made without
 * it, so an API client sending that hash got 409 for ever. Only answers citing a superseded source
 * can differ, so only they are read; after the first start there are none to save.
 */
export async function restampStaleHashes(payload: Payload): Promise<number> {
  const { docs: superseded } = await payload.find({
    collection: GUIDELINE_SOURCES,
    where: { status: { equals: 'superseded' } },
    select: { status: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  if (superseded.length === 0) return 0
  let saved = 0
  await inNewTransaction(payload, async (req) => {
    const citing = await answersInReview(req, { 'citations.source': { in: superseded.map((source) => source.id) } })
    for (const answer of citing) {
      if (answer.contentHash === (await currentContentHash(req, answer))) continue
      if (await restampAnswer(req, answer)) saved += 1
    }
  })
  if (saved > 0)
    payload.logger.info(`Saved ${saved} answer(s) in review again: their content hash now names the superseded sources they cite.`)
  return saved
}
