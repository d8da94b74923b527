import { ValidationError, type CollectionBeforeOperationHook, type Field } from 'payload'
import { fieldAffectsData } from 'payload/shared'

type Problem = { path: string; message: string }

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isId = (value: unknown) => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '')
const isRelation = (value: unknown) => isId(value) || (isObject(value) && (isId(value.id) || isId(value.value)))

function kind(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  return typeof value === 'string' ? 'text' : `a ${typeof value}`
}

/** What a field's value must be in a JSON body, in words, and whether this value is it. */
function expected(field: Field & { name: string }, value: unknown): string | null {
  const many = 'hasMany' in field && field.hasMany === true
  const each = (test: (item: unknown) => boolean, one: string, list: string) =>
    many ? (Array.isArray(value) && value.every(test) ? null : `a list of ${list}`) : test(value) ? null : one
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
    case 'select':
    case 'radio':
      return each((item) => typeof item === 'string', 'text', 'texts')
    case 'date':
      return typeof value === 'string' || value instanceof Date ? null : 'a date (ISO 8601 text)'
    case 'number':
      return each((item) => typeof item === 'number' && Number.isFinite(item), 'a number', 'numbers')
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'true or false'
    case 'relationship':
    case 'upload':
      return each(isRelation, 'a document id', 'document ids')
    case 'richText':
      return isObject(value) && isObject(value.root) && Array.isArray(value.root.children)
        ? null
        : 'rich text (an object with a "root" node)'
    case 'array':
      // The admin's form sends an array with no rows as its row count, 0 (or "0" in a multipart
      // body), and Payload's own beforeValidate turns exactly that into []: refusing it made every
      // "Save Draft" of an answer with an empty array (the review record's credits, before
      // publication) a 400. Any other number is still refused.
      if (value === 0 || value === '0') return null
      return Array.isArray(value) && value.every(isObject) ? null : 'a list of rows (objects)'
    case 'group':
      return isObject(value) ? null : 'an object'
    default:
      return null
  }
}

function wrongTypes(fields: Field[], data: Record<string, unknown>, path: string[]): Problem[] {
  const problems: Problem[] = []
  for (const field of fields) {
    if (!fieldAffectsData(field)) {
      if ('fields' in field) problems.push(...wrongTypes(field.fields, data, path))
      if (field.type === 'tabs') {
        for (const tab of field.tabs) {
          if ('name' in tab && tab.name) {
            const value = data[tab.name]
            if (isObject(value)) problems.push(...wrongTypes(tab.fields, value, [...path, tab.name]))
          } else problems.push(...wrongTypes(tab.fields, data, path))
        }
      }
      continue
    }
    const value = data[field.name]
    // Absent: not part of this write. Null: a cleared value, which validation judges.
    if (value === undefined || value === null) continue
    const fieldPath = [...path, field.name]
    const want = expected(field, value)
    if (want) {
      problems.push({ path: fieldPath.join('.'), message: `${fieldPath.join('.')} must be ${want}, not ${kind(value)}.` })
      continue
    }
    if (field.type === 'array' && Array.isArray(value)) {
      ;(value as Record<string, unknown>[]).forEach((row, index) =>
        problems.push(...wrongTypes(field.fields, row, [...fieldPath, String(index)])),
      )
    } else if (field.type === 'group') {
      problems.push(...wrongTypes(field.fields, value as Record<string, unknown>, fieldPath))
    }
  }
  return problems
}

/**
 * A value of the wrong JSON type (a number for a text, a string for a list of rows) is a 400 naming
 * the field, before any hook or the database sees it: Payload's validators assume the types they
 * check and otherwise fail deep inside (500), or store text where rich text belongs.
 */
export const rejectWrongTypes: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: unknown }).data
  if (data === undefined) return args
  if (!isObject(data)) {
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ path: '', message: `The body must be a JSON object of fields, not ${kind(data)}.` }],
      req,
    })
  }
  const problems = wrongTypes(collection.fields, data, [])
  if (problems.length > 0) throw new ValidationError({ collection: collection.slug, errors: problems, req })
  return args
}
