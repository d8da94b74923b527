/**
 * `npm run seed` (tsx seed/run.ts [if-empty]): applies migrations, then seeds.
 * if-empty: seed only a database with no users (what `npm start` runs on every start).
 * Exit code 0 on success or a deliberate skip, 1 on failure.
 */
import './loadDotEnv'
import config from '@payload-config'
import { getPayload } from 'payload'

import { USERS } from '@collections/slugs'
import { migrateDatabase } from '@/lib/database/migrate'
import { loadEnv } from '@/lib/env'
import { seed, SeedRefusedError } from './index'

const ifEmpty = process.argv.slice(2).includes('if-empty')

async function main(): Promise<number> {
  const env = loadEnv()
  const payload = await getPayload({ config })
  try {
    await migrateDatabase(payload)
    const { totalDocs: userCount } = await payload.count({ collection: USERS, overrideAccess: true })
    if (ifEmpty && userCount > 0) {
      console.log(`[seed] Seed skipped: the database already has ${userCount} user(s).`)
      return 0
    }
    const report = await seed(payload, { allowDemo: env.seedDemo })
    console.log(`[seed] Seed done. Created: ${JSON.stringify(report.created)}. Already there: ${JSON.stringify(report.skipped)}.`)
    return 0
  } catch (error) {
    if (error instanceof SeedRefusedError) {
      // With if-empty (npm start), an empty database that is not the embedded default is a real
      // deployment: it starts empty and the first account registered at /admin becomes its admin.
      console.warn(`[seed] ${error.message}`)
      return ifEmpty ? 0 : 1
    }
    console.error(`[seed] ${error instanceof Error ? error.stack : String(error)}`)
    return 1
  } finally {
    await payload.destroy()
  }
}

const code = await main()
// Let piped output drain before exiting (process.exit would drop unflushed writes).
await new Promise((resolve) => process.stdout.write('', resolve))
process.exit(code)
