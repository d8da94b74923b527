/**
 * Runs before each integration test file, in that file's own process: points DATABASE_URL at a
 * throwaway database (a fresh SQLite file, or a fresh MongoDB database named after a random id).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const runId = crypto.randomBytes(6).toString('hex')
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `cms-test-${runId}-`))

process.env.DATA_DIR = tmpDir
process.env.PAYLOAD_SECRET = crypto.randomBytes(32).toString('hex')
process.env.SEED_DEMO = 'true'
process.env.LOG_LEVEL = 'warn'
// Tests run jobs themselves (payload.jobs.run), so nothing writes behind their back.
process.env.JOBS_AUTORUN ??= 'false'
delete process.env.SERVER_URL

if (process.env.TEST_DATABASE === 'mongodb') {
  const url = new URL(process.env.MONGODB_URL!)
  url.pathname = `/cms_test_${runId}`
  process.env.DATABASE_URL = url.toString()
} else {
  process.env.DATABASE_URL = `file:${path.join(tmpDir, 'test.db')}`
}
process.env.TEST_TMP_DIR = tmpDir
