/**
 * A NUL character (U+0000) is never meant in text people write, and databases disagree about it:
 * SQLite's driver cut "Is surgery \u0000 an option..." down to "Is surgery ". So it is refused
 * wherever text comes in, rather than stored differently per adapter.
 */
const NUL = '\u0000'

export type NulByteFinding = { path: string; richText: boolean }

/**
 * The first string holding a NUL character anywhere in `value` (nested objects and arrays
 * included), as a dotted path such as `questionsToAsk.2.question`. Inside a rich text value (an
 * object with a Lexical `root`) the path stops at the field: its name is what a person recognises.
 */
export function findNulByte(value: unknown, path: string[] = []): NulByteFinding | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? { path: path.join('.'), richText: false } : undefined
  if (value === null || typeof value !== 'object') return undefined
  if (!Array.isArray(value) && 'root' in value && typeof (value as { root: unknown }).root === 'object') {
    const inside = findNulByte((value as { root: unknown }).root, path)
    return inside ? { path: path.join('.'), richText: true } : undefined
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value)
  for (const [key, item] of entries) {
    if (key.includes(NUL)) return { path: [...path, key.replaceAll(NUL, '\\u0000')].join('.'), richText: false }
    const found = findNulByte(item, [...path, key])
    if (found) return found
  }
  return undefined
}

export function nulByteMessage({ path, richText }: NulByteFinding): string {
  const where = path === '' ? 'The request' : richText ? `The rich text of "${path}"` : `"${path}"`
  return `${where} contains a NUL character (\\u0000), which text cannot hold. Remove it and send the text again.`
}
