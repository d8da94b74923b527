/**
 * `npm run claims:propose`: gives answers written before claim citations (issue 13) a proposed
 * citation node after each claim, as a new draft version for review (src/lib/claims/proposeClaimCitations.ts).
 * On SQLite a migration runs it once; on MongoDB, which has no schema migrations, run it once after
 * upgrading. Running it again changes nothing: an answer with any citation node is left alone.
 */
import '@seed/loadDotEnv'
import config from '@payload-config'
import { getPayload } from 'payload'

import { proposeClaimCitations } from '@/lib/claims/proposeClaimCitations'
import { migrateDatabase } from '@/lib/database/migrate'
import { inNewTransaction } from '@/lib/transaction'

const payload = await getPayload({ config })
try {
  await migrateDatabase(payload)
  const report = await inNewTransaction(payload, async (req) => proposeClaimCitations(req))
  console.log(`[claims] ${JSON.stringify(report)}`)
} finally {
  await payload.destroy()
}
