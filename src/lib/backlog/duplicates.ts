import type { PayloadRequest } from 'payload'

import { QUESTIONS } from '@collections/slugs'
import type { Id } from '../relationId'

/** How many questions are marked as duplicates of this one. */
export async function copiesOf(req: PayloadRequest, id: Id): Promise<number> {
  const { totalDocs } = await req.payload.count({
    collection: QUESTIONS,
    where: { duplicateOf: { equals: id } },
    overrideAccess: true,
    req,
  })
  return totalDocs
}

/** Why a question others duplicate cannot itself be marked duplicate: their original would be a duplicate. */
export const copiesRefusal = (copies: number) =>
  `${copies === 1 ? 'One question is' : `${copies} questions are`} marked as a duplicate of this one; mark ${copies === 1 ? 'it' : 'them'} as a duplicate of the other question first, or reopen ${copies === 1 ? 'it' : 'them'}.`
