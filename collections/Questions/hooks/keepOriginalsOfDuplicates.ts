import type { CollectionBeforeDeleteHook } from 'payload'

import { copiesOf } from '@/lib/backlog/duplicates'
import { Conflict } from '@/lib/errors'

/** Deleting a question others are marked as duplicates of would leave them naming nothing (and unsavable). */
export const keepOriginalsOfDuplicates: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const copies = await copiesOf(req, id)
  if (copies > 0) {
    throw new Conflict(
      `${copies === 1 ? 'One question is' : `${copies} questions are`} marked as a duplicate of this one. Reopen ${copies === 1 ? 'it' : 'them'} from the backlog before deleting it, or archive this question instead.`,
    )
  }
}
