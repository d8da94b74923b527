import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-sqlite'

import { deferUntilMigrated } from '@/lib/database/migrate'

/**
 * Data only: answers written before claim citations (issue 13) get proposed ones, saved as a draft
 * version for review (src/lib/claims/proposeClaimCitations.ts). The proposal saves answers through
 * the Local API, so it waits for the end of the list (afterMigrations), recorded in the database
 * until done: run here, it failed on every later schema change of the answers collection.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await deferUntilMigrated(db, 'proposeClaimCitations')
}

/** The proposals are ordinary draft versions: an editor discards or edits them like any other. */
export async function down(_: MigrateDownArgs): Promise<void> {}
