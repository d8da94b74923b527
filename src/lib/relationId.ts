/**
 * A document id on either database adapter: a number on SQLite, an ObjectId string on MongoDB.
 * The generated types use the same union (payload.config.ts, `adapterNeutralIds`), so code that
 * compiles holds for both adapters without casts.
 */
export type Id = number | string

/** A relationship value is an id, or a populated document when read with depth > 0. */
export function relationId(value: Id | { id: Id } | null | undefined): Id | undefined {
  if (value === null || value === undefined) return undefined
  return typeof value === 'object' ? value.id : value
}

/** An id that arrived as text (a URL, a job's input) in the form the database uses. */
export function documentId(idType: 'number' | 'text', id: Id): Id {
  return idType === 'number' && typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id
}

/** The distinct ids among relation values, in first-seen order: 7 and "7" are one, and each keeps the adapter's id type. */
export function uniqueIds(values: readonly (Id | { id: Id } | null | undefined)[]): Id[] {
  const ids = new Map<string, Id>()
  for (const value of values) {
    const id = relationId(value)
    if (id !== undefined) ids.set(String(id), id)
  }
  return [...ids.values()]
}
