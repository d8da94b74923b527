import type { CollectionBeforeDeleteHook } from 'payload'

import { findCitingAnswers } from '@/lib/citations/findCitingAnswers'
import { Conflict } from '@/lib/errors'

export const preventDeletingCitedSource: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const citing = await findCitingAnswers(id, req)
  if (citing.length > 0) {
    const titles = citing.map((answer) => `"${answer.title}"`).join(', ')
    throw new Conflict(`This source is cited by ${citing.length} answer(s): ${titles}. Mark it superseded instead of deleting it.`)
  }
}
