/**
 * npm run bench:drafts: drafts 200 questions through the real SDK against the fake Messages API
 * with 300 ms injected latency, at concurrency 1 and at the configured limit (DRAFT_CONCURRENCY,
 * default 4), each in its own process on its own throwaway database, and prints drafts per minute,
 * p50/p95 queue-to-draft latency and the share of input tokens read from the prompt cache.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Id } from '@/lib/relationId'

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 200)
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300)
const LIMIT = Number(process.env.DRAFT_CONCURRENCY ?? 4)

type Result = {
  concurrency: number
  drafted: number
  seconds: number
  draftsPerMinute: number
  p50: number
  p95: number
  cacheShare: number
  costUsd: number
}

if (process.argv[2] === '--worker') {
  await worker(Number(process.argv[3]))
} else {
  const results: Result[] = []
  for (const concurrency of [1, LIMIT]) {
    const run = spawnSync(
      process.execPath,
      ['--conditions=production', '--import', 'tsx', 'bench/drafts.ts', '--worker', String(concurrency)],
      {
        encoding: 'utf8',
        env: { ...process.env },
        maxBuffer: 64 * 1024 * 1024,
      },
    )
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '))
    if (!line) {
      console.error(run.stdout.slice(-2000), run.stderr.slice(-2000))
      process.exit(1)
    }
    results.push(JSON.parse(line.slice('RESULT '.length)))
  }
  console.log(`\nDrafting benchmark: ${QUESTIONS} questions, fake Messages API with ${LATENCY_MS} ms latency, offline SQLite\n`)
  console.log('concurrency | drafts/min | p50 queue->draft | p95 queue->draft | input tokens from cache | cost')
  for (const r of results) {
    console.log(
      `${String(r.concurrency).padStart(11)} | ${r.draftsPerMinute.toFixed(1).padStart(10)} | ${`${r.p50.toFixed(1)} s`.padStart(16)} | ${`${r.p95.toFixed(1)} s`.padStart(16)} | ${`${(r.cacheShare * 100).toFixed(1)} %`.padStart(23)} | $${r.costUsd.toFixed(2)}`,
    )
  }
  const [one, many] = results as [Result, Result]
  console.log(
    `\nSpeed-up at concurrency ${many.concurrency} vs 1: ${(many.draftsPerMinute / one.draftsPerMinute).toFixed(2)}x drafts per minute (same run, same machine).`,
  )
}

async function worker(concurrency: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-drafts-'))
  const { FakeAnthropic } = await import('@tests/helpers/fakeAnthropic')
  const { validDraft } = await import('@tests/helpers/draftReplies')
  const fake = await new FakeAnthropic().start()
  fake.latencyMs = LATENCY_MS
  fake.respond = (request) => fake.toolUse(request, 'submit_draft', validDraft(request))
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'bench.db')}`,
    PAYLOAD_SECRET: 'b'.repeat(40),
    SEED_DEMO: 'true',
    ANTHROPIC_API_KEY: 'sk-bench',
    ANTHROPIC_BASE_URL: fake.baseURL,
    DRAFT_CONCURRENCY: String(concurrency),
    JOBS_AUTORUN: 'false',
    LOG_LEVEL: 'error',
  })
  const { getPayload, createLocalReq } = await import('payload')
  const { default: config } = await import('@payload-config')
  const { migrateDatabase } = await import('@/lib/database/migrate')
  const { seed } = await import('@seed/index')
  const { queueDraft } = await import('@/lib/drafting/queueDraft')
  const { withTransaction } = await import('@/lib/transaction')
  const payload = await getPayload({ config })
  await migrateDatabase(payload)
  await seed(payload, { allowDemo: true })
  await payload.jobs.run({ queue: 'drafting', limit: 100 })
  await payload.delete({ collection: 'model-usage', where: { id: { exists: true } }, overrideAccess: true })

  const withSources = ['pancreatic', 'breast', 'lung', 'colorectal', 'prostate', 'ovarian']
  const { docs: types } = await payload.find({ collection: 'cancer-types', where: { slug: { in: withSources } }, depth: 0 })
  const ids: Id[] = []
  for (let i = 0; i < QUESTIONS; i++) {
    const type = types[i % types.length]!
    const question = await payload.create({
      collection: 'questions',
      data: {
        text: `Benchmark question ${i}: what is the usual treatment for ${type.name.toLowerCase()} that has spread?`,
        cancerType: type.id,
        priority: 'normal',
        origin: 'editorial',
        status: 'new',
        submittedAt: new Date().toISOString(),
      },
      overrideAccess: true,
    })
    ids.push(question.id)
  }
  const started = Date.now()
  for (const id of ids) await withTransaction(await createLocalReq({}, payload), (req) => queueDraft(req, id))
  while (
    (await payload.count({ collection: 'questions', where: { and: [{ id: { in: ids } }, { status: { equals: 'drafting' } }] } }))
      .totalDocs > 0
  ) {
    await payload.jobs.run({ queue: 'drafting', limit: QUESTIONS })
  }
  const seconds = (Date.now() - started) / 1000

  const { docs: answers } = await payload.find({
    collection: 'answers',
    where: { question: { in: ids } },
    pagination: false,
    depth: 0,
    draft: true,
  })
  const latencies = answers.map((answer) => (new Date(answer.updatedAt).getTime() - started) / 1000).sort((a, b) => a - b)
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!
  const { docs: ledger } = await payload.find({ collection: 'model-usage', pagination: false, depth: 0 })
  const read = ledger.reduce((sum, entry) => sum + (entry.tokensCacheRead ?? 0), 0)
  const input = ledger.reduce((sum, entry) => sum + (entry.tokensIn ?? 0) + (entry.tokensCacheRead ?? 0) + (entry.tokensCacheWrite ?? 0), 0)
  const result: Result = {
    concurrency,
    drafted: answers.length,
    seconds,
    draftsPerMinute: (answers.length / seconds) * 60,
    p50: pick(0.5),
    p95: pick(0.95),
    cacheShare: input ? read / input : 0,
    costUsd: ledger.reduce((sum, entry) => sum + (entry.costUsd ?? 0), 0),
  }
  console.log(`RESULT ${JSON.stringify(result)}`)
  await payload.destroy()
  await fake.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}
