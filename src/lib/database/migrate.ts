import type { MigrateUpArgs } from '@payloadcms/db-sqlite'
import { sql } from '@payloadcms/db-sqlite'
import type { Migration, Payload } from 'payload'

import { proposeClaimCitations } from '../claims/proposeClaimCitations'
import { inNewTransaction } from '../transaction'
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

/** Data work a migration asks for, that needs the product's own code and so the current schema. */
type DeferredTask = 'proposeClaimCitations'

/** Where a pending task is remembered: Payload's key-value store, a table every schema has had. */
const pendingKey = (task: DeferredTask): string => `cms:after-migrations:${task}`

/**
 * Called by a migration whose data work saves documents through the Local API: a save in the middle
 * of the list reads and writes tables and columns later migrations have not added yet (an upgrade
 * from before them failed and the server never started). The migration records the task in the
 * database, in its own transaction, and afterMigrations does it once the schema is current. Kept in
 * the database rather than in memory, the task survives what memory would lose: a migration run by
 * another process (`payload migrate`), a failure of the task, a stop in between. It is cleared only
 * once done.
 */
export async function deferUntilMigrated(db: MigrateUpArgs['db'], task: DeferredTask): Promise<void> {
  // Raw SQL, as migrations write: the adapter's own upsert would use today's schema, not this one's.
  const data = JSON.stringify({ requestedAt: new Date().toISOString() })
  await db.run(
    sql`INSERT INTO payload_kv (key, data) VALUES (${pendingKey(task)}, ${data}) ON CONFLICT (key) DO UPDATE SET data = excluded.data`,
  )
}

/**
 * Data fixes made with the product's own code (hooks, hashes), so on the current schema, after every
 * migration. Each one is idempotent and reads little when there is nothing to fix.
 */
export async function afterMigrations(payload: Payload): Promise<void> {
  const key = pendingKey('proposeClaimCitations')
  if (await payload.kv.has(key)) {
    // A convenience for editors (proposals to review), not a condition of serving: a failure is
    // reported and the start goes on; the task stays pending for the next start.
    try {
      const report = await inNewTransaction(payload, (req) => proposeClaimCitations(req))
      await payload.kv.delete(key)
      if (report.proposed > 0) payload.logger.info(`Claim citations proposed for ${report.proposed} answer(s), as drafts for review.`)
    } catch (error) {
      payload.logger.error({
        err: error,
        msg: 'Proposing claim citations for answers written before them failed after the migrations, and nothing was changed. It is tried again at the next start; `npm run claims:propose` does it now.',
      })
    }
  }
  await restampStaleHashes(payload)
}
