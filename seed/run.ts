/**
 * `npm run seed` (payload run seed/run.ts [--if-empty]). Applies migrations, then seeds.
 * --if-empty: seed only a database with no users (what `npm start` does on every start).
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { USERS } from '../collections/slugs'
import { migrateDatabase } from '../src/lib/database/migrate'
import { loadEnv } from '../src/lib/env'
import { seed, SeedRefusedError } from './index'

const ifEmpty = process.argv.includes('--if-empty')
const env = loadEnv()
const payload = await getPayload({ config })
let exitCode = 0
try {
  await migrateDatabase(payload)
  const { totalDocs: userCount } = await payload.count({ collection: USERS, overrideAccess: true })
  if (ifEmpty && userCount > 0) {
    payload.logger.info(`Seed skipped: the database already has ${userCount} user(s).`)
  } else {
    const report = await seed(payload, { allowDemo: env.seedDemo })
    payload.logger.info(`Seed done. Created: ${JSON.stringify(report.created)}. Already there: ${JSON.stringify(report.skipped)}.`)
  }
} catch (error) {
  exitCode = 1
  if (error instanceof SeedRefusedError && ifEmpty) {
    // An empty non-demo database is a real deployment: start it empty, first /admin user becomes admin.
    payload.logger.warn(error.message)
    exitCode = 0
  } else {
    payload.logger.error(error instanceof Error ? error.message : String(error))
  }
} finally {
  await payload.destroy()
}
process.exit(exitCode)
