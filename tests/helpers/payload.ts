import fs from 'node:fs'
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { migrateDatabase } from '@/lib/database/migrate'
import type { Id } from '@/lib/relationId'

export const isMongo = () => process.env.TEST_DATABASE === 'mongodb'

/** A Payload instance on this test file's throwaway database, schema built by the migrations. */
export async function startPayload(): Promise<Payload> {
  const payload = await getPayload({ config })
  await migrateDatabase(payload)
  return payload
}

export async function stopPayload(payload: Payload): Promise<void> {
  if (isMongo()) {
    // Test cleanup only: the app itself never touches the driver directly.
    await (payload.db as unknown as { connection: { dropDatabase(): Promise<void> } }).connection.dropDatabase()
  }
  await payload.destroy()
  const tmpDir = process.env.TEST_TMP_DIR
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true })
}

/** A well-formed id that no document has: a number on SQLite, an ObjectId on MongoDB. */
export const missingId = (): Id => (isMongo() ? '65f0c0ffee0000000000beef' : 987654)
