import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { GuidelineSource } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { GUIDELINE_SOURCES } from '@collections/slugs'

/** Passage ids are what citations point at, so they must be unique within a source. */
export const validatePassages: CollectionBeforeChangeHook<GuidelineSource> = ({ data, originalDoc, req }) => {
  const errors: { path: string; message: string }[] = []
  const seen = new Map<string, number>()
  ;(data.passages ?? []).forEach((passage, index) => {
    const id = passage?.passageId
    if (!id) return
    if (seen.has(id)) {
      errors.push({ path: `passages.${index}.passageId`, message: `Passage id "${id}" is already used by passage ${seen.get(id)! + 1}.` })
    } else {
      seen.set(id, index)
    }
  })
  const status = data.status ?? originalDoc?.status
  const supersededBy = relationId(data.supersededBy !== undefined ? data.supersededBy : originalDoc?.supersededBy)
  if (status === 'superseded' && !supersededBy) {
    errors.push({ path: 'supersededBy', message: 'A superseded source must name the source that replaces it.' })
  }
  if (supersededBy && originalDoc && String(supersededBy) === String(originalDoc.id)) {
    errors.push({ path: 'supersededBy', message: 'A source cannot supersede itself.' })
  }
  if (errors.length > 0) throw new ValidationError({ collection: GUIDELINE_SOURCES, errors, req })
  return data
}
