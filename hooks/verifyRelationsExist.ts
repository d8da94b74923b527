import { ValidationError, type CollectionBeforeChangeHook, type CollectionSlug } from 'payload'

import { relationId } from '@/lib/relationId'

/**
 * A relationship to a document that does not exist is bad input, not a server error: SQLite would
 * fail the write on its foreign key (a 500) and MongoDB, which has none, would save a dangling id.
 * One query per relationship field whose ids the write changes, for top-level single-collection
 * relationships; relationships inside arrays are checked by their collection (e.g. citations). An
 * id the stored document already holds is not read again: it was checked when it was written, and
 * the foreign key keeps it (an update that publishes an answer repeats its question, cancer type
 * and reviewers, and read each of them again).
 */
export const verifyRelationsExist: CollectionBeforeChangeHook = async ({ collection, data, originalDoc, req }) => {
  const errors: { path: string; message: string }[] = []
  for (const field of collection.flattenedFields) {
    if (field.type !== 'relationship' || typeof field.relationTo !== 'string' || !(field.name in data)) continue
    const stored = new Set(idsOf(originalDoc?.[field.name]).map(String))
    const ids = idsOf(data[field.name]).filter((id) => !stored.has(String(id)))
    if (ids.length === 0) continue
    const target = field.relationTo as CollectionSlug
    const { docs } = await req.payload.find({
      collection: target,
      where: { id: { in: ids } },
      select: {},
      depth: 0,
      pagination: false,
      overrideAccess: true,
      draft: false,
      req,
    })
    const found = new Set(docs.map((doc) => String(doc.id)))
    const missing = ids.filter((id) => !found.has(String(id)))
    if (missing.length > 0) {
      const label = req.payload.collections[target]?.config.labels?.singular
      const noun = typeof label === 'string' ? label.toLowerCase() : target
      errors.push({ path: field.name, message: `No ${noun} with id ${missing.join(', ')} exists.` })
    }
  }
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req })
  return data
}

function idsOf(value: unknown) {
  return (Array.isArray(value) ? value : [value]).map(relationId).filter((id) => id !== undefined && id !== null && id !== '')
}
