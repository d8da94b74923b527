import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-sqlite'

import { proposeClaimCitations } from '@/lib/claims/proposeClaimCitations'

/**
 * Data only, and last: answers written before claim citations (issue 13) get proposed ones, saved
 * as a draft version for review (src/lib/claims/proposeClaimCitations.ts). It saves answers through
 * the Local API, so it runs after every schema change their collection needs.
 */
export async function up({ req }: MigrateUpArgs): Promise<void> {
  const report = await proposeClaimCitations(req)
  if (report.proposed > 0) req.payload.logger.info(`Claim citations proposed for ${report.proposed} answer(s), as drafts for review.`)
}

/** The proposals are ordinary draft versions: an editor discards or edits them like any other. */
export async function down(_: MigrateDownArgs): Promise<void> {}
