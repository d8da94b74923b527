import type { Payload } from 'payload'

import { QUESTIONS } from '@collections/slugs'
import { duplicateKey } from './normalize'

const PAGE = 500

/**
 * Gives the duplicate key to questions saved before the field existed. On SQLite the migration
 * 20261201_170706_question_duplicate_key does this; MongoDB has no schema migrations, so its server
 * runs this at start (src/lib/database/prepareMongo.ts): one indexed count when there is nothing to do.
 * Written at the adapter level: no hook of the questions collection has anything to say about a
 * derived key, and the questions' `updatedAt` must not move.
 */
export async function fillDuplicateKeys(payload: Payload): Promise<number> {
  const missing = { duplicateKey: { exists: false } }
  const { totalDocs } = await payload.count({ collection: QUESTIONS, where: missing, overrideAccess: true })
  let filled = 0
  // Bounded by what was missing at the start, so a write that does not stick cannot loop forever.
  for (let page = 0; page * PAGE < totalDocs; page++) {
    const { docs } = await payload.find({
      collection: QUESTIONS,
      where: missing,
      select: { text: true },
      limit: PAGE,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    if (docs.length === 0) break
    for (const { id, text } of docs) {
      // `updatedAt: null` tells either adapter to leave the timestamp as it is.
      await payload.db.updateOne({
        collection: QUESTIONS,
        id,
        data: { duplicateKey: duplicateKey(text), updatedAt: null },
        returning: false,
      })
    }
    filled += docs.length
  }
  if (filled > 0) payload.logger.info(`Duplicate keys filled in for ${filled} question(s) saved before the key existed.`)
  return filled
}
