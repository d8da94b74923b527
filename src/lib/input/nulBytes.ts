/**
 * A NUL character (U+0000) is never meant in text people write, and databases disagree about it:
 * SQLite's driver cut "Is surgery \u0000 an option..." down to "Is surgery ". So it is refused
 * wherever text comes in, rather than stored differently per adapter.
 *
 * The same walk refuses nesting deeper than anything the product stores: a 10 KB body of 5,000
 * nested brackets overflowed the stack of every recursive reader after it (this walk included),
 * a 500 for anyone, signed in or not.
 */
const NUL = '\u0000'
/**
 * Half of a UTF-16 surrogate pair without the other half ("\ud800"): JSON can carry it, but it is no
 * character, and the database stores it as U+FFFD, so the text saved would not be the text checked
 * (a repeat of the same request then passed the duplicate check, keyed on the text as sent).
 */
const LONE_SURROGATE = /\p{Cs}/u

/**
 * Deepest nesting of objects and arrays a request may carry. The deepest thing stored is rich text:
 * 40 levels of nodes (richTextPolicy.ts) are about 80 levels of objects and `children` arrays, inside
 * a field inside an array row.
 */
export const MAX_INPUT_DEPTH = 200

export type NulByteFinding = { kind: 'nul' | 'surrogate'; path: string; richText: boolean } | { kind: 'depth'; path: string }

/**
 * The first string holding a NUL character or a lone surrogate anywhere in `value` (nested objects and arrays
 * included), as a dotted path such as `questionsToAsk.2.question`, or the first place nested deeper
 * than MAX_INPUT_DEPTH. Inside a rich text value (an object with a Lexical `root`) the path stops at
 * the field: its name is what a person recognises. Iterative, so no input can exhaust the stack.
 */
export function findNulByte(value: unknown): NulByteFinding | undefined {
  // Each entry: a value, its path, and the rich text field it lies in (if any).
  const pending: { value: unknown; path: string[]; richTextField?: string[] }[] = [{ value, path: [] }]
  while (pending.length > 0) {
    const { value: current, path, richTextField } = pending.pop()!
    const key = path.at(-1)
    if (key?.includes(NUL)) {
      if (richTextField) return { kind: 'nul', path: richTextField.join('.'), richText: true }
      return { kind: 'nul', path: [...path.slice(0, -1), key.replaceAll(NUL, '\\u0000')].join('.'), richText: false }
    }
    if (typeof current === 'string') {
      const kind = current.includes(NUL) ? 'nul' : LONE_SURROGATE.test(current) ? 'surrogate' : undefined
      if (kind) return { kind, path: (richTextField ?? path).join('.'), richText: richTextField !== undefined }
      continue
    }
    if (current === null || typeof current !== 'object') continue
    if (path.length >= MAX_INPUT_DEPTH) return { kind: 'depth', path: (richTextField ?? path.slice(0, 1)).join('.') }
    if (richTextField === undefined && !Array.isArray(current) && 'root' in current && typeof current.root === 'object') {
      pending.push({ value: current.root, path: [...path, 'root'], richTextField: path })
      continue
    }
    const entries: [string, unknown][] = Array.isArray(current)
      ? current.map((item, index) => [String(index), item])
      : Object.entries(current)
    // Pushed in reverse, so the first offending field in document order is the one named.
    for (const [entryKey, item] of entries.reverse()) pending.push({ value: item, path: [...path, entryKey], richTextField })
  }
  return undefined
}

export function nulByteMessage(finding: NulByteFinding): string {
  if (finding.kind === 'depth') {
    const where = finding.path === '' ? 'The request' : `"${finding.path}"`
    return `${where} nests objects or lists more than ${MAX_INPUT_DEPTH} levels deep, deeper than anything this site stores. Send the data flat as the API describes it.`
  }
  const { path, richText } = finding
  const where = path === '' ? 'The request' : richText ? `The rich text of "${path}"` : `"${path}"`
  if (finding.kind === 'surrogate')
    return `${where} contains a broken character (half of a UTF-16 surrogate pair, such as \\ud800), which is not text. Send valid Unicode text.`
  return `${where} contains a NUL character (\\u0000), which text cannot hold. Remove it and send the text again.`
}
