import type { CollectionBeforeDeleteHook } from 'payload'

import { Conflict } from '@/lib/errors'
import { QUESTIONS } from '@collections/slugs'

/** Deleting a question others are marked as duplicates of would leave them naming nothing (and unsavable). */
export const keepOriginalsOfDuplicates: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs } = await req.payload.count({
    collection: QUESTIONS,
    where: { duplicateOf: { equals: id } },
    overrideAccess: true,
    req,
  })
  if (totalDocs > 0) {
    throw new Conflict(
      `${totalDocs === 1 ? 'One question is' : `${totalDocs} questions are`} marked as a duplicate of this one. Reopen ${totalDocs === 1 ? 'it' : 'them'} from the backlog before deleting it, or archive this question instead.`,
    )
  }
}
