import crypto from 'node:crypto'
import { stringify } from 'safe-stable-stringify'

import type { Answer } from '@/payload-types'
import { relationId } from '../relationId'

/** The parts of an answer a reviewer vouches for. Summary is included: patients read it first. */
export type ClinicalContent = Pick<Answer, 'title' | 'summary' | 'body' | 'questionsToAsk' | 'keyTakeaway' | 'citations'>

/**
 * SHA-256 over a canonical form of the clinical content: key order, array-row ids and populated
 * relationships do not change it; any change to wording, order of items or a citation does.
 */
export function contentHash(answer: Partial<ClinicalContent>): string {
  const canonical = {
    title: answer.title?.trim() ?? '',
    summary: answer.summary?.trim() ?? '',
    body: answer.body ?? null,
    questionsToAsk: (answer.questionsToAsk ?? []).map(({ question, why }) => ({ question, why })),
    keyTakeaway: answer.keyTakeaway?.trim() ?? '',
    citations: (answer.citations ?? []).map(({ source, passageId, quote }) => ({
      source: String(relationId(source) ?? ''),
      passageId,
      quote: quote ?? '',
    })),
  }
  return crypto.createHash('sha256').update(stringify(canonical) ?? '').digest('hex')
}
