import type { CollectionBeforeDeleteHook } from 'payload'

import { Conflict } from '@/lib/errors'
import { ANSWERS } from '@collections/slugs'

/** An answer belongs to its question; deleting the question would orphan the answer. Archive it. */
export const keepAnsweredQuestions: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs } = await req.payload.count({ collection: ANSWERS, where: { question: { equals: id } }, overrideAccess: true, req })
  if (totalDocs > 0) throw new Conflict(`This question has ${totalDocs} answer(s). Set its status to "archived" instead of deleting it.`)
}
