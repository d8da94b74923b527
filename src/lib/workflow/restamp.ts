import type { Payload, PayloadRequest } from 'payload'

import type { Answer } from '@/payload-types'
import { inNewTransaction } from '@/lib/transaction'
import { ANSWERS } from '@collections/slugs'
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
 * show. The rule that makes the hash has grown (evidence binding added each cited passage's text and
 * its source's version; the twenty-third session the superseded sources an answer cites), and an
 * answer already in review at such an upgrade kept the hash the older rule made, so an API client
 * approving with the stored hash got 409 for ever. Every answer in review is compared, whatever rule
 * changed: they are the few answers between submission and publication, and after the first start
 * there are none to save.
 */
export async function restampStaleHashes(payload: Payload): Promise<number> {
  let saved = 0
  await inNewTransaction(payload, async (req) => {
    for (const answer of await answersInReview(req, {})) {
      if (answer.contentHash === (await currentContentHash(req, answer))) continue
      if (await restampAnswer(req, answer)) saved += 1
    }
  })
  if (saved > 0)
    payload.logger.info(`Saved ${saved} answer(s) in review again: their content hash is now the one approvals are checked against.`)
  return saved
}
