/** A relationship value is an id, or a populated document when read with depth > 0. */
export function relationId(value: unknown): number | string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'object' && 'id' in value) return (value as { id: number | string }).id
  return value as number | string
}
