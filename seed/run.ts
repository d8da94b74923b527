/**
 * `npm run seed` (tsx seed/run.ts [if-empty]): applies migrations, then seeds.
 * if-empty: seed only a database with no users (what the server does as `npm start` starts it).
 * Exit code 0 on success or a deliberate skip, 1 on failure.
 */
import './loadDotEnv'
import config from '@payload-config'
import { getPayload } from 'payload'

import { migrateDatabase } from '@/lib/database/migrate'
import { loadEnv } from '@/lib/env'
import { describeSeed, seed, seedIfEmpty, SeedRefusedError } from './index'

const ifEmpty = process.argv.slice(2).includes('if-empty')

async function main(): Promise<number> {
  const env = loadEnv()
  const payload = await getPayload({ config })
  try {
    await migrateDatabase(payload)
    if (ifEmpty) {
      console.log(await seedIfEmpty(payload, { allowDemo: env.seedDemo }))
      return 0
    }
    console.log(describeSeed(await seed(payload, { allowDemo: env.seedDemo })))
    return 0
  } catch (error) {
    if (error instanceof SeedRefusedError) {
      console.warn(`[seed] ${error.message}`)
      return 1
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
