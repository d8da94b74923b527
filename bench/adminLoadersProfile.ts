/**
 * Times the admin's loaders directly on a database kept by `BENCH_DATA_DIR=... npm run bench:admin`
 * (no server, no rendering): per loader, ms per call and adapter calls by operation.
 */
import path from 'node:path'

import { profileAdapter } from './adapterProfile'

const dir = path.resolve(process.env.BENCH_DATA_DIR ?? '')
process.env.DATA_DIR = dir
Object.assign(process.env, { JOBS_AUTORUN: 'false', LOG_LEVEL: 'error', ANTHROPIC_API_KEY: '' })
for (const key of ['DATABASE_URL', 'PAYLOAD_SECRET', 'TEST_DATABASE']) delete process.env[key]
const { getPayload, createLocalReq } = await import('payload')
const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
const { migrateDatabase } = await import('@/lib/database/migrate')
await migrateDatabase(payload)
const profile = profileAdapter(payload)
const dash = await import('@/lib/dashboard/loadDashboard')
const { loadReview } = await import('@/lib/review/loadReview')
const fs = await import('node:fs')
const { reviewAnswerId } = JSON.parse(fs.readFileSync(path.join(dir, 'bench-admin-seeded.json'), 'utf8'))
const {
  docs: [reviewer],
} = await payload.find({ collection: 'users', where: { email: { equals: 'okafor@example.org' } }, overrideAccess: true })
const N = Number(process.env.N ?? 10)
const run = async (name: string, fn: () => Promise<unknown>) => {
  for (let i = 0; i < 2; i++) await fn()
  profile.byOperation.clear()
  profile.msByOperation.clear()
  profile.profiling = true
  const started = performance.now()
  for (let i = 0; i < N; i++) await fn()
  const ms = (performance.now() - started) / N
  profile.profiling = false
  console.log(
    `${name}: ${ms.toFixed(1)} ms per call; per call: ${[...profile.byOperation].map(([k, v]) => `${k} ${v / N} (${((profile.msByOperation.get(k) ?? 0) / N).toFixed(1)} ms)`).join(', ')}`,
  )
}
const only = process.env.ONLY
if (!only || only === 'editor') await run('loadEditorDashboard', () => dash.loadEditorDashboard(payload))
if (!only || only === 'forecast') await run('loadReviewerForecast', () => dash.loadReviewerForecast(payload))
if (!only || only === 'queue') await run('loadReviewQueue', () => dash.loadReviewQueue(payload, reviewer!))
if (!only || only === 'review')
  await run('loadReview', async () => {
    const req = await createLocalReq({ user: { ...reviewer!, collection: 'users' } as never }, payload)
    return loadReview(req, reviewAnswerId)
  })
await payload.destroy()
process.exit(0)
