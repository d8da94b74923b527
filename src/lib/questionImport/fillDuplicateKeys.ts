import type { Payload } from 'payload'

import type { Question } from '@/payload-types'
import { QUESTIONS } from '@collections/slugs'
import { duplicateKey } from './normalize'

const PAGE = 500

/**
 * Gives every question the duplicate key `duplicateKey` makes now: to questions saved before the
 * field existed, and to those whose stored key was made by an earlier rule (until the twenty-second
 * session invisible formatting characters stayed in it, so such a question no longer matched the same
 * question sent again). On SQLite the migrations do this (20261201_170706_question_duplicate_key,
 * 20261202_123000_duplicate_key_invisible); MongoDB has no schema migrations, so its server runs this
 * at start (src/lib/database/prepareMongo.ts): one read of every question's text and key, a write
 * only where the key differs. Written at the adapter level: no hook of the questions collection has
 * anything to say about a derived key, and the questions' `updatedAt` must not move.
 */
export async function fillDuplicateKeys(payload: Payload): Promise<number> {
  let filled = 0
  for (let page = 1; ; page++) {
    const { docs, hasNextPage } = await payload.find({
      collection: QUESTIONS,
      select: { text: true, duplicateKey: true },
      sort: 'id',
      limit: PAGE,
      page,
      depth: 0,
      overrideAccess: true,
    })
    for (const { id, text, duplicateKey: stored } of docs as Pick<Question, 'id' | 'text' | 'duplicateKey'>[]) {
      const key = duplicateKey(text)
      if (key === stored) continue
      // `updatedAt: null` tells either adapter to leave the timestamp as it is.
      await payload.db.updateOne({ collection: QUESTIONS, id, data: { duplicateKey: key, updatedAt: null }, returning: false })
      filled += 1
    }
    if (!hasNextPage) break
  }
  if (filled > 0) payload.logger.info(`Duplicate keys made again for ${filled} question(s) saved without the current key.`)
  return filled
}
