/** A relationship value is an id, or a populated document when read with depth > 0. */
export function relationId(value: unknown): number | string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'object' && 'id' in value) return (value as { id: number | string }).id
  return value as number | string
}

/** An id that arrived as text (a URL, a job's input) in the form the database uses. */
export function documentId(idType: 'number' | 'text', id: number | string): number | string {
  return idType === 'number' && typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id
}
