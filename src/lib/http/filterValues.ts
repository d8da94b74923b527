import type { FlattenedField, Where } from 'payload'

import { validDocumentId } from './params'

type ValueKind = 'id' | 'number' | 'date'

/** Operators whose value is a list ("1,2" or an array over the Local API). */
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
/** Operators that compare a value of the field's own kind (not `exists`, `like`, `near`...). */
const COMPARISONS = new Set([
  'equals',
  'not_equals',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  ...LIST_OPERATORS,
])

const EXPECTED: Record<ValueKind, string> = {
  id: 'a document id',
  number: 'a number',
  date: 'a date such as 2026-01-31',
}

/**
 * The first filter (`where[field][operator]=value`) whose value cannot be what its field holds: an id
 * that no document can have, a number that is not one, a date that is not one, as a sentence naming
 * the field; undefined when every value fits. The database adapters turn such values into NaN or
 * an invalid date and fail with a database error (a 500, for anyone, signed in or not), where the
 * person sending them should be told what is wrong. Paths through a relationship ("cancerType.slug")
 * and polymorphic relationships are left to Payload.
 */
export function malformedFilter(fields: FlattenedField[], where: Where | undefined, idType: 'number' | 'text'): string | undefined {
  if (!where || typeof where !== 'object') return undefined
  for (const [path, constraint] of Object.entries(where)) {
    if (path === 'and' || path === 'or') {
      for (const nested of Array.isArray(constraint) ? constraint : []) {
        const found = malformedFilter(fields, nested as Where, idType)
        if (found) return found
      }
      continue
    }
    const kind = kindOf(fields, path)
    if (!kind || !constraint || typeof constraint !== 'object') continue
    for (const [operator, value] of Object.entries(constraint as Record<string, unknown>)) {
      if (!COMPARISONS.has(operator) || value === null || value === undefined || value === 'null') continue
      const values = LIST_OPERATORS.has(operator) ? listOf(value) : [value]
      const wrong = values.find((item) => !fits(kind, item, idType))
      if (wrong !== undefined) {
        const shown = typeof wrong === 'string' ? `"${wrong.slice(0, 100)}"` : JSON.stringify(wrong)?.slice(0, 100)
        return `The filter on "${path}" (${operator}) needs ${EXPECTED[kind]}, and ${shown} is not one.`
      }
    }
  }
  return undefined
}

function kindOf(fields: FlattenedField[], path: string, topLevel = true): ValueKind | undefined {
  const [name, ...rest] = path.split('.')
  // The document's own id; an array row's `id` is text on every adapter, left to Payload.
  if (name === 'id' && rest.length === 0) return topLevel ? 'id' : undefined
  const field = fields.find((candidate) => candidate.name === name)
  if (!field) return undefined
  if (rest.length > 0) {
    // Into a group or array row: its own fields. Anything else (a relationship's fields, JSON) is Payload's.
    if (field.type === 'group' || field.type === 'array' || field.type === 'tab')
      return kindOf(field.flattenedFields, rest.join('.'), false)
    return undefined
  }
  if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') return 'id'
  if (field.type === 'number') return 'number'
  if (field.type === 'date') return 'date'
  return undefined
}

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') return value.split(',').filter((item) => item !== '')
  return [value]
}

function fits(kind: ValueKind, value: unknown, idType: 'number' | 'text'): boolean {
  if (kind === 'id') return validDocumentId(idType, value) !== undefined
  if (kind === 'number')
    return (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '')) && Number.isFinite(Number(value))
  if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date)) return false
  return !Number.isNaN(new Date(value).getTime())
}
