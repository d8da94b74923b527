import type { Config } from 'payload'

type SchemaHook = NonNullable<NonNullable<Config['typescript']>['schema']>[number]
type JSONSchema4 = Parameters<SchemaHook>[0]['jsonSchema']

/** `number` or `string` (or either with `null`) becomes `number | string`, keeping `null`. */
function widen(schema: JSONSchema4): void {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  if (types.length === 0 || !types.some((type) => type === 'number' || type === 'string')) return
  if (!types.every((type) => type === 'number' || type === 'string' || type === 'null')) return
  schema.type = types.includes('null') ? ['number', 'string', 'null'] : ['number', 'string']
}

/**
 * `typescript.schema` hook for `payload generate:types`: document ids are `number` on SQLite and
 * `string` (ObjectId) on MongoDB, and Payload writes whichever the configured adapter uses. The
 * project runs on both, so every id (a collection's `id`, each relationship, join and polymorphic
 * `value`, and `db.defaultIDType`) is generated as `number | string`. The committed
 * src/payload-types.ts is then the same whichever DATABASE_URL generated it, and code that
 * compiles holds for both adapters.
 */
export const adapterNeutralIds: SchemaHook = ({ jsonSchema, config }) => {
  const collections = new Set<string>(config.collections.map((collection) => collection.slug))
  const isCollectionRef = (schema: JSONSchema4) =>
    typeof schema.$ref === 'string' && collections.has(schema.$ref.replace('#/definitions/', ''))

  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const schema = node as JSONSchema4
    // A relationship (or join, or polymorphic `value`): an id, or the populated document.
    if (Array.isArray(schema.oneOf) && schema.oneOf.some(isCollectionRef)) {
      for (const option of schema.oneOf) if (!isCollectionRef(option)) widen(option)
    }
    for (const value of Object.values(schema)) visit(value)
  }
  visit(jsonSchema)

  for (const slug of collections) {
    const id = jsonSchema.definitions?.[slug]?.properties?.id
    if (id) widen(id)
  }
  const db = jsonSchema.properties?.db
  if (db?.properties?.defaultIDType) widen(db.properties.defaultIDType)
  return jsonSchema
}
