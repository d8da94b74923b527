import type { PayloadRequest } from 'payload'

import type { Id } from '../relationId'

export type ReplacementProposal = {
  answerId: Id
  /** One row per cited passage of the superseded source. */
  passages: { from: string; to: string | null; how: 'same id' | 'similar text' | 'none'; similarity: number }[]
  /** Whether a new draft version with the proposal was saved. */
  saved: boolean
}

/**
 * For an answer citing a superseded source: re-cite each passage to the matching passage of the
 * source that replaces it, in a new draft version for review. Placeholder until the supersede
 * branch lands: it proposes nothing.
 */
export async function proposeReplacementCitations(
  _req: PayloadRequest,
  answerId: Id,
  _sources: { fromSourceId: Id; toSourceId: Id },
): Promise<ReplacementProposal> {
  return { answerId, passages: [], saved: false }
}
