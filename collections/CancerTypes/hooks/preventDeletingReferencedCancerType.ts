import type { CollectionBeforeDeleteHook, CollectionSlug, Where } from 'payload'

import { Conflict } from '@/lib/errors'
import { ANSWERS, GUIDELINE_SOURCES, QUESTIONS } from '@collections/slugs'

/** Deleting a cancer type still in use would leave questions, sources or answers pointing nowhere. */
export const preventDeletingReferencedCancerType: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const references: [CollectionSlug, Where, string][] = [
    [QUESTIONS, { cancerType: { equals: id } }, 'question'],
    [GUIDELINE_SOURCES, { cancerTypes: { in: [id] } }, 'guideline source'],
    [ANSWERS, { cancerType: { equals: id } }, 'answer'],
  ]
  const uses: string[] = []
  // Sequential on purpose: a MongoDB transaction session does not allow parallel operations.
  for (const [collection, where, noun] of references) {
    const { totalDocs } = await req.payload.count({ collection, where, overrideAccess: true, req })
    if (totalDocs > 0) uses.push(`${totalDocs} ${noun}${totalDocs === 1 ? '' : 's'}`)
  }
  if (uses.length > 0) {
    throw new Conflict(`This cancer type is still used by ${uses.join(', ')}. Reassign them before deleting it.`)
  }
}
