/**
 * npm run bench: read throughput of the public API against the production server.
 *
 * Builds if the sources changed, prepares a throwaway SQLite database with the demo seed plus 1,000
 * published answers (each published by the real publication code, with its public JSON), starts
 * `next start` on it, and drives four targets with autocannon, one after another in the same run:
 *   (a) GET /api/public/v1/answers/SLUG          the public answer
 *   (b) GET /api/public/v1/answers?limit=20       the public list
 *   (c) GET /api/answers?where[slug][equals]=SLUG&depth=1   Payload's stock REST read of the same answer
 *   (d) a bare node:http server returning the bytes of (a): this machine's ceiling
 * and prints req/s, p50 and p99 latency for each, and the ratios (a)/(c) and (a)/(d).
 * BENCH_SECONDS (default 10) per target, BENCH_CONNECTIONS (default 50), BENCH_ANSWERS (default 1000).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'

import { freePort } from '@tests/helpers/server'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 1000)
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const root = path.resolve(import.meta.dirname, '..')

if (process.argv[2] === '--prepare')
  await prepare() // DATA_DIR comes from the parent's environment
else await main()

async function main() {
  const { buildIfNeeded } = await import('@scripts/buildIfNeeded.mjs')
  buildIfNeeded(root, (line: string) => console.log(`[bench] ${line}`))

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-public-'))
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'bench.db')}`,
    JOBS_AUTORUN: 'false',
    LOG_LEVEL: 'error',
    NEXT_TELEMETRY_DISABLED: '1',
  }
  let server: ChildProcess | undefined
  let ceiling: http.Server | undefined
  try {
    console.log(`[bench] Preparing a database with the demo seed and ${ANSWERS} published answers...`)
    const started = Date.now()
    const prepared = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', 'bench/publicApi.ts', '--prepare'], {
      cwd: root,
      env,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    })
    if (prepared.status !== 0)
      throw new Error(`Preparing the database failed:\n${prepared.stdout.slice(-3000)}\n${prepared.stderr.slice(-3000)}`)
    console.log(`[bench] ${prepared.stdout.trim().split('\n').at(-1)} (${((Date.now() - started) / 1000).toFixed(0)} s)`)

    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    server = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let serverOutput = ''
    server.stdout!.on('data', (chunk) => (serverOutput += chunk))
    server.stderr!.on('data', (chunk) => (serverOutput += chunk))
    await waitFor(`${base}/api/public/v1/cancer-types`, () => serverOutput)

    const answerPath = `/api/public/v1/answers/${SLUG}`
    const reference = await fetch(base + answerPath)
    const referenceBytes = Buffer.from(await reference.arrayBuffer())
    const list = await (await fetch(`${base}/api/public/v1/answers?limit=1`)).json()
    if (reference.status !== 200 || list.totalDocs < ANSWERS)
      throw new Error(`Unexpected data: answer ${reference.status}, ${list.totalDocs} published answers.`)
    const stock = await (await fetch(`${base}/api/answers?where[slug][equals]=${SLUG}&depth=1`)).json()
    if (stock.docs?.[0]?.slug !== SLUG) throw new Error('The stock REST read did not return the answer.')

    ceiling = http.createServer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': reference.headers.get('content-type')!,
        ETag: reference.headers.get('etag')!,
        'Cache-Control': reference.headers.get('cache-control')!,
      })
      res.end(referenceBytes)
    })
    await new Promise<void>((resolve) => ceiling!.listen(0, '127.0.0.1', resolve))
    const ceilingBase = `http://127.0.0.1:${(ceiling.address() as AddressInfo).port}`

    const targets = [
      { key: 'a', label: 'public answer', url: base + answerPath },
      { key: 'b', label: 'public list (20)', url: `${base}/api/public/v1/answers?limit=20` },
      { key: 'c', label: 'stock REST, depth=1', url: `${base}/api/answers?where[slug][equals]=${SLUG}&depth=1` },
      { key: 'd', label: 'node:http ceiling', url: ceilingBase + answerPath },
    ]
    const results: Record<string, { rps: number; p50: number; p99: number; errors: number; non2xx: number }> = {}
    for (const target of targets) {
      await autocannon({ url: target.url, connections: CONNECTIONS, duration: 2 }) // warm-up: JIT, caches, connections
      const run = await autocannon({ url: target.url, connections: CONNECTIONS, duration: SECONDS })
      results[target.key] = {
        rps: run.requests.average,
        p50: run.latency.p50,
        p99: run.latency.p99,
        errors: run.errors + run.timeouts,
        non2xx: run.non2xx,
      }
      console.log(`[bench] (${target.key}) done`)
    }

    console.log(
      `\nPublic read benchmark: ${list.totalDocs} published answers, SQLite, next start, autocannon ${CONNECTIONS} connections x ${SECONDS} s per target\n`,
    )
    console.log('target                       |      req/s |  p50 ms |  p99 ms | errors | non-2xx')
    for (const target of targets) {
      const r = results[target.key]!
      console.log(
        `(${target.key}) ${target.label.padEnd(24)} | ${r.rps.toFixed(0).padStart(10)} | ${r.p50.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${String(r.errors).padStart(6)} | ${String(r.non2xx).padStart(7)}`,
      )
    }
    const a = results.a!
    console.log(
      `\n(a)/(c): ${(a.rps / results.c!.rps).toFixed(2)}x the stock REST read (target >= 5x): ${a.rps / results.c!.rps >= 5 ? 'met' : 'NOT met'}`,
    )
    console.log(`(a)/(d): ${((a.rps / results.d!.rps) * 100).toFixed(1)} % of the node:http ceiling`)
    console.log(`(a) p99 ${a.p99.toFixed(1)} ms (target < 50 ms): ${a.p99 < 50 ? 'met' : 'NOT met'}`)
  } finally {
    server?.kill('SIGTERM')
    ceiling?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Runs in its own process: seeds, then publishes ANSWERS answers through publishAnswer. */
async function prepare() {
  const { getPayload, createLocalReq } = await import('payload')
  const { default: config } = await import('@payload-config')
  const { migrateDatabase } = await import('@/lib/database/migrate')
  const { seed } = await import('@seed/index')
  const { publishAnswer } = await import('@/lib/workflow/publishIfApproved')
  const { withTransaction } = await import('@/lib/transaction')
  const payload = await getPayload({ config })
  await migrateDatabase(payload)
  await seed(payload, { allowDemo: true })
  const {
    docs: [template],
  } = await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0, draft: true, overrideAccess: true })
  const { docs: reviewers } = await payload.find({
    collection: 'users',
    where: { email: { equals: 'okafor@example.org' } },
    depth: 0,
    overrideAccess: true,
  })
  if (!template || !reviewers[0]) throw new Error('The seed did not create the published pancreatic answer and its reviewer.')
  for (let i = 1; i <= ANSWERS; i++) {
    await withTransaction(await createLocalReq({}, payload), async (req) => {
      const question = await payload.create({
        collection: 'questions',
        data: {
          text: `Benchmark question ${i}: ${template.title}`,
          cancerType: template.cancerType,
          priority: 'normal',
          origin: 'editorial',
          status: 'drafted',
          submittedAt: new Date().toISOString(),
        },
        overrideAccess: true,
        req,
      })
      const answer = await payload.create({
        collection: 'answers',
        data: {
          question: question.id,
          title: `${template.title} (benchmark copy ${i})`,
          cancerType: template.cancerType,
          summary: template.summary,
          body: template.body,
          questionsToAsk: template.questionsToAsk?.map(({ question, why }) => ({ question, why })),
          keyTakeaway: template.keyTakeaway,
          citations: template.citations?.map(({ source, passageId, quote }) => ({ source, passageId, quote })),
        },
        draft: true,
        overrideAccess: true,
        req,
      })
      await publishAnswer(req, answer, { reviewers: reviewers as never })
    })
  }
  const { totalDocs } = await payload.count({ collection: 'answers', where: { _status: { equals: 'published' } }, overrideAccess: true })
  console.log(`Prepared ${totalDocs} published answers.`)
  await payload.destroy()
  process.exit(0)
}

async function waitFor(url: string, output: () => string) {
  for (let attempt = 0; attempt < 240; attempt++) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`The server did not answer ${url} within 2 minutes:\n${output().slice(-3000)}`)
}
