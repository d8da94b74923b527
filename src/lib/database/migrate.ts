import type { Migration, Payload } from 'payload'

import { restampStaleHashes } from '../workflow/restamp'

/**
 * Brings the schema up to date with the committed migrations: the same list the SQLite adapter
 * runs as `prodMigrations` when a production server starts. The start script, the seed CLI and the
 * tests call this, so every database in every mode is built by the same migrations.
 * MongoDB needs no schema migrations.
 */
export async function migrateDatabase(payload: Payload): Promise<void> {
  if (payload.db.name !== 'sqlite') return
  const { prodMigrations } = payload.db as unknown as { prodMigrations?: Migration[] }
  await payload.db.migrate({ migrations: prodMigrations })
  await afterMigrations(payload)
}

/**
 * Whether the schema was current when Payload called onInit: MongoDB needs no migrations, and the
 * SQLite adapter runs `prodMigrations` while connecting in production (the server's start). Anywhere
 * else (tests, the seed CLI) migrateDatabase runs after Payload has started, and calls
 * afterMigrations itself.
 */
export function migratedAtConnect(payload: Payload): boolean {
  return payload.db.name !== 'sqlite' || process.env.NODE_ENV === 'production'
}

/**
 * Data fixes made with the product's own code (hooks, hashes), so on the current schema, after every
 * migration: a migration in the middle of the list would save documents with columns later
 * migrations have not yet added. Each one is idempotent and reads little when there is nothing to fix.
 */
export async function afterMigrations(payload: Payload): Promise<void> {
  await restampStaleHashes(payload)
}
