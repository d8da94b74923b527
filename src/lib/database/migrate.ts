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

// On globalThis: in the production server the migrations and onInit may be in different bundles.
const DEFERRED = Symbol.for('cms.migrations.deferred')
const deferredTasks = (): Set<DeferredTask> => ((globalThis as Record<symbol, Set<DeferredTask> | undefined>)[DEFERRED] ??= new Set())

/**
 * Called by a migration whose data work saves documents through the Local API: a save in the middle
 * of the list reads and writes tables and columns later migrations have not added yet (an upgrade
 * from before them failed and the server never started). The work runs in afterMigrations, in the
 * same process. Should that process stop in between, the work is not done again by itself; each such
 * task has its own command (`npm run claims:propose`).
 */
export function deferUntilMigrated(task: DeferredTask): void {
  deferredTasks().add(task)
}

/**
 * Data fixes made with the product's own code (hooks, hashes), so on the current schema, after every
 * migration. Each one is idempotent and reads little when there is nothing to fix.
 */
export async function afterMigrations(payload: Payload): Promise<void> {
  if (deferredTasks().delete('proposeClaimCitations')) {
    const report = await inNewTransaction(payload, (req) => proposeClaimCitations(req))
    if (report.proposed > 0) payload.logger.info(`Claim citations proposed for ${report.proposed} answer(s), as drafts for review.`)
  }
  await restampStaleHashes(payload)
}
