/**
 * The answer's stored `searchText` (title, summary, question), written at publication. Public
 * search no longer reads it: it runs on the in-memory catalog (src/lib/public/search), which treats
 * `%`, `_` and `\` as literal characters itself. The field stays (dropping the column needs a
 * migration) and still carries LIKE's special characters as private-use stand-ins, so a `like`
 * query on it cannot turn them into wildcards on SQLite.
 */
const LITERAL_STAND_INS: Record<string, string> = { '%': '\uE000', _: '\uE001', '\\': '\uE002' }
const SPECIAL = /[%_\\]/g

const encode = (text: string) => text.toLowerCase().replace(SPECIAL, (character) => LITERAL_STAND_INS[character]!)

/** The answer's stored `searchText`: what a patient searches (title, summary, question), encoded. */
export function searchTextOf(parts: (string | null | undefined)[]): string {
  return encode(parts.filter(Boolean).join('\n'))
}
