/**
 * Public search matches every word of `q` as literal text. Payload's `like` operator becomes SQL
 * LIKE '%word%' on SQLite with no ESCAPE clause (so `%` and `_` in a word would be wildcards and
 * `q=%` would match every answer), while the MongoDB adapter escapes it into a regex. Rather than
 * depend on either, the stored search text and each searched word carry LIKE's special characters
 * as private-use stand-ins: a search for "%" then finds only a literal "%", on both adapters.
 */
const LITERAL_STAND_INS: Record<string, string> = { '%': '\uE000', _: '\uE001', '\\': '\uE002' }
const SPECIAL = /[%_\\]/g

const encode = (text: string) => text.toLowerCase().replace(SPECIAL, (character) => LITERAL_STAND_INS[character]!)

/** The answer's stored `searchText`: what a patient searches (title, summary, question), encoded. */
export function searchTextOf(parts: (string | null | undefined)[]): string {
  return encode(parts.filter(Boolean).join('\n'))
}

/** The words of a search, encoded like the stored text; every one must match (at most 10). */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '').split(/\s+/).filter(Boolean).slice(0, 10).map(encode)
}
