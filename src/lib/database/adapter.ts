import path from 'node:path'
import fs from 'node:fs'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { migrations as sqliteMigrations } from '@migrations/sqlite'
import type { DatabaseTarget } from './resolveDatabase'
import { runAfterCommit } from './afterCommit'
import { serializeTransactions } from './serializeTransactions'

export const SQLITE_MIGRATION_DIR = path.resolve('migrations/sqlite')

/**
 * Builds the Payload database adapter for a resolved target.
 *
 * SQLite: transactions on (`transactionOptions: {}`; without it a throwing hook leaves the write
 * behind), schema only through the committed migrations (`push: false`, so dev, test and production
 * databases all have the schema the migrations produce), WAL so reads do not wait on writes, and
 * write transactions queued in the process (see serializeTransactions).
 * MongoDB: a replica set or Atlas, where Payload uses multi-document transactions.
 * Both: work registered with afterCommit runs once the transaction has committed.
 */
export function databaseAdapter(target: DatabaseTarget): DatabaseAdapterObj {
  if (target.kind === 'mongodb') {
    return runAfterCommit(mongooseAdapter({ url: target.url, transactionOptions: {} }))
  }
  fs.mkdirSync(path.dirname(target.file), { recursive: true })
  return runAfterCommit(
    serializeTransactions(
      sqliteAdapter({
        client: { url: target.url },
        transactionOptions: {},
        push: false,
        migrationDir: SQLITE_MIGRATION_DIR,
        prodMigrations: sqliteMigrations,
        busyTimeout: 5000,
        wal: true,
      }),
    ),
  )
}
