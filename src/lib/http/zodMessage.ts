import type { z } from 'zod'

/**
 * Zod's default messages ("Invalid input: expected array, received string") say neither which
 * field nor, in words a person uses, what is wrong. Every request schema is parsed with
 * `plainIssue` as its error map, which only fills in issues the schema gave no message of its own
 * (zod prefers a schema's message to a per-parse map), so the messages written in the schemas stay
 * as they are. A generated message starts with FIELD, replaced by the field's name once the issue's
 * full path is known (the error map sees only the path inside the schema that failed).
 */
const FIELD = '\u0000field\u0000'

type Issue = z.core.$ZodIssue
type RawIssue = z.core.$ZodRawIssue

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
  date: 'a date',
}

function typeWords(expected: string): string {
  return TYPE_WORDS[expected] ?? expected
}

/** What was sent, in words: "text", "a number", "nothing"... */
function inputWords(input: unknown): string {
  if (input === undefined) return 'nothing'
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'a list'
  if (typeof input === 'string') return 'text'
  if (typeof input === 'number') return Number.isInteger(input) ? 'a whole number' : 'a number'
  if (typeof input === 'boolean') return typeof input
  return typeWords(typeof input)
}

function plural(count: number | bigint, word: string): string {
  return `${count} ${word}${count === 1 || count === BigInt(1) ? '' : 's'}`
}

function sizeWords(issue: { origin: string }, bound: number | bigint): string {
  if (issue.origin === 'string') return plural(bound, 'character')
  if (issue.origin === 'array' || issue.origin === 'set') return plural(bound, 'item')
  return String(bound)
}

function describe(issue: RawIssue | Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing'
      // A query parameter coerced to a number arrives as NaN: what was sent is not a number at all.
      if (Number.isNaN(issue.input)) return `must be ${typeWords(issue.expected)}`
      return `must be ${typeWords(issue.expected)}, not ${inputWords(issue.input)}`
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty'
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return 'must list at least one item'
      const bound = sizeWords(issue, issue.minimum)
      if (issue.exact) return `must be exactly ${bound}`
      return issue.inclusive === false ? `must be more than ${bound}` : `must be at least ${bound}`
    }
    case 'too_big': {
      const bound = sizeWords(issue, issue.maximum)
      if (issue.exact) return `must be exactly ${bound}`
      return issue.inclusive === false ? `must be less than ${bound}` : `must be at most ${bound}`
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`
    case 'invalid_format':
      return issue.format === 'regex' ? 'is not in the expected form' : `must be a valid ${issue.format}`
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} this request does not take: ${issue.keys.join(', ')}`
    case 'invalid_union': {
      // A value no option accepts: say which kinds of value would do (a number or text, say).
      const expected = (issue.errors ?? []).flatMap((branch) =>
        branch.flatMap((inner) => (inner.code === 'invalid_type' && inner.path.length === 0 ? [typeWords(inner.expected)] : [])),
      )
      if (issue.input === undefined) return 'is missing'
      if (expected.length === (issue.errors ?? []).length && expected.length > 0)
        return `must be ${[...new Set(expected)].join(' or ')}, not ${inputWords(issue.input)}`
      return 'is not valid'
    }
    default:
      return 'is not valid'
  }
}

/** The per-parse error map for request schemas (see the top of this file). */
export const plainIssue = (issue: RawIssue): string => FIELD + describe(issue)

/** "ids[2]", "citations[0].source"; the body itself when the path is empty. */
export function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'The request body'
  return path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name === '' ? String(key) : `${name}.${String(key)}`),
    '',
  )
}

/** One issue in plain words: the schema's own message, or the field's name and what is wrong with it. */
export function issueMessage(issue: Issue): string {
  if (!issue.message.startsWith(FIELD)) return issue.message
  const what = issue.message.slice(FIELD.length)
  // No body at all, or one sent as something other than JSON (readJsonBody gives undefined).
  if (issue.path.length === 0 && what === 'is missing') return 'The request body is missing: send JSON, with Content-Type: application/json'
  return `${fieldName(issue.path)} ${what}`
}

/**
 * Every issue, joined, ending with a full stop. `omit` drops a message the caller prints anyway
 * (a schema's whole-body message used as the prefix).
 */
export function issuesMessage(issues: readonly Issue[], omit?: string): string {
  const messages = [...new Set(issues.map(issueMessage))].filter((message) => message !== omit)
  const joined = messages.join('; ')
  return /[.!?]$/.test(joined) ? joined : `${joined}.`
}
