/**
 * Schema changes ship as migrations: a database built only by the committed migrations must be
 * exactly the schema the collections declare. If this fails, run `npm run migrate:create`.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrateDatabase } from '@/lib/database/migrate'
import { isMongo, startPayload, stopPayload } from '../helpers/payload'

type DrizzleKit = { pushSchema: (schema: unknown, db: unknown) => Promise<{ statementsToExecute: string[] }> }
type SqliteAdapter = { requireDrizzleKit: () => DrizzleKit; schema: unknown; drizzle: unknown }

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
})
afterAll(async () => stopPayload(payload))

describe.skipIf(isMongo())('SQLite migrations (MongoDB has no schema to migrate)', () => {
  it('the committed migrations produce exactly the schema the config declares', async () => {
    const adapter = payload.db as unknown as SqliteAdapter
    const { statementsToExecute } = await adapter.requireDrizzleKit().pushSchema(adapter.schema, adapter.drizzle)
    expect(statementsToExecute, 'Schema drift: create a migration with `npm run migrate:create`').toEqual([])
  })

  it('running them again is a no-op', async () => {
    const before = await payload.find({ collection: 'payload-migrations', pagination: false })
    await migrateDatabase(payload)
    const after = await payload.find({ collection: 'payload-migrations', pagination: false })
    expect(after.totalDocs).toBe(before.totalDocs)
    expect(before.totalDocs).toBeGreaterThan(0)
  })
})
