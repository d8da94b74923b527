import path from 'node:path'
import fs from 'node:fs'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter, type SQLiteSchemaHook } from '@payloadcms/db-sqlite'
import { index } from '@payloadcms/db-sqlite/drizzle/sqlite-core'
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
    // ensureIndexes: the unique indexes (a work lease's key, slugs) exist before the first write,
    // instead of being built in the background while the first writes go through unchecked.
    return runAfterCommit(mongooseAdapter({ url: target.url, transactionOptions: {}, ensureIndexes: true }))
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
        afterSchemaInit: [indexCurrentStages, indexLatestVersionReads],
      }),
    ),
  )
}

/**
 * The dashboard's pipeline counts, overdue and flagged lists and reviewer forecast ask for the
 * answers' newest versions (`latest`) by workflow stage and review due date. Payload indexes
 * `latest` alone, so each of those queries read every newest version row, and an answer's row is
 * large (its body, about 13 KB, lies before the stage column in the row): 2,000 answers made the
 * editor's dashboard miss 300 ms. This index answers the counts from the index alone and the
 * forecast's read of the answers in review (id, parent, stage, due date, the sort's createdAt)
 * without touching a row. A collection's `indexes` cannot name `latest` (Payload prefixes every
 * field with `version.` in the versions table), hence the schema hook; the migration
 * 20261130_130205_answer_stage_index creates it. MongoDB keeps Payload's own indexes.
 */
const indexCurrentStages: SQLiteSchemaHook = ({ schema, extendTable }) => {
  const table = schema.tables._answers_v
  if (!table) throw new Error('The answers versions table is missing from the SQLite schema.')
  extendTable({
    table,
    extraConfig: (columns) => ({
      latestStageDue: index('_answers_v_latest_stage_due_idx').on(
        columns.latest,
        columns.version_workflowStage,
        columns.version_reviewDueAt,
        columns.parent,
        columns.createdAt,
      ),
    }),
  })
  return schema
}

/**
 * Two reads of an answer's newest version: finding a question's answer (`findAnswerForQuestion`:
 * every answer save, the backlog, drafting) and Payload's own read of a document's latest version
 * (the admin's edit view, saves). Both ask for `latest` and one more column; with single-column
 * indexes SQLite chose the one on `latest`, which holds every answer, so both grew with the number
 * of answers. These find the version directly. The migration 20261130_161838_answer_question_index
 * creates them.
 */
const indexLatestVersionReads: SQLiteSchemaHook = ({ schema, extendTable }) => {
  const table = schema.tables._answers_v
  if (!table) throw new Error('The answers versions table is missing from the SQLite schema.')
  extendTable({
    table,
    extraConfig: (columns) => ({
      questionLatest: index('_answers_v_question_latest_idx').on(columns.version_question, columns.latest),
      parentLatest: index('_answers_v_parent_latest_idx').on(columns.parent, columns.latest),
    }),
  })
  return schema
}
