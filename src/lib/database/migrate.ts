import type { Migration, Payload } from 'payload'

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
}
