/**
 * npm run bench: public delivery against the production server, in one run (issue 15).
 *
 * Builds if the sources changed, prepares a throwaway SQLite database with the demo seed plus
 * BENCH_ANSWERS (1,000) answers published by the real publication code (timed: figure (f)), then
 * serves it the way `npm start` does (scripts/server.mjs: the fast path in front of Next), twice on
 * the same database (instances A and B, as behind a load balancer), and drives with autocannon, one
 * target after another:
 *   (a) GET /api/public/v1/answers/SLUG          the public answer JSON
 *   (b) GET /api/public/v1/answers?limit=20       the public list
 *   (c) GET /api/answers?where[slug][equals]=SLUG&depth=1   Payload's stock REST read of the same answer
 *   (d) a bare node:http server returning the bytes and headers of (a): this machine's ceiling
 *   (e) GET /answers/SLUG                         the answer page (HTML)
 * then the propagation of a withdrawal made on A (admin over REST): 404 on A, 404 on B (change feed),
 * and the CDN purge at a receiver on 127.0.0.1 (CDN_PURGE_URL). Prints req/s, p50/p99, the ratios
 * against the targets with met / NOT met, and the load average at start and end (the machine
 * is shared: a figure taken under load says so).
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
/** Publishing 1,000 answers took 115 s before issue 15 (the figure); the target is 3x faster. */
const PUBLISH_BASELINE_SECONDS = 115
const root = path.resolve(import.meta.dirname, '..')

type Published = { seconds: number; perAnswerMs: number; published: number }
type Result = { rps: number; p50: number; p99: number; errors: number; non2xx: number; bytes: number }

const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

if (process.argv[2] === '--ceiling') serveCeiling()
else if (process.argv[2] === '--prepare')
  await prepare() // DATA_DIR comes from the parent's environment
else await main()

async function main() {
  const loadAtStart = load()
  const { buildIfNeeded } = await import('@scripts/buildIfNeeded.mjs')
  buildIfNeeded(root, (line: string) => console.log(`[bench] ${line}`))

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-public-'))
  const purges: { at: number; body: string; surrogateKey?: string }[] = []
  const receiver = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      purges.push({ at: Date.now(), body, surrogateKey: req.headers['surrogate-key'] as string | undefined })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'bench.db')}`,
    JOBS_AUTORUN: 'false',
    LOG_LEVEL: 'error',
    NEXT_TELEMETRY_DISABLED: '1',
    CDN_PURGE_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/purge`,
    // 50 connections from one address would hit the anonymous rate limit within a second. A limit no
    // run reaches keeps the counting in every request (its cost is measured) without refusing any.
    PUBLIC_API_RATE_LIMIT: process.env.PUBLIC_API_RATE_LIMIT ?? '1000000000',
  }
  const servers: ChildProcess[] = []
  let ceiling: ChildProcess | undefined
  try {
    console.log(`[bench] Load average at start (1, 5, 15 min): ${loadAtStart} on ${os.cpus().length} cores`)
    console.log(`[bench] Preparing a database with the demo seed and ${ANSWERS} published answers...`)
    const prepared = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', 'bench/publicApi.ts', '--prepare'], {
      cwd: root,
      env,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    })
    if (prepared.status !== 0)
      throw new Error(`Preparing the database failed:\n${prepared.stdout.slice(-3000)}\n${prepared.stderr.slice(-3000)}`)
    const published = JSON.parse(prepared.stdout.trim().split('\n').at(-1)!) as Published
    console.log(`[bench] Published ${ANSWERS} answers in ${published.seconds.toFixed(1)} s (${published.perAnswerMs.toFixed(0)} ms each)`)

    // Two instances of the production server on one database, as `npm start` runs it.
    const start = async () => {
      const port = await freePort()
      const base = `http://127.0.0.1:${port}`
      const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], {
        cwd: root,
        env: { ...env, PORT: String(port), SERVER_URL: base, NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      servers.push(child)
      let output = ''
      child.stdout!.on('data', (chunk) => (output += chunk))
      child.stderr!.on('data', (chunk) => (output += chunk))
      await waitFor(`${base}/api/public/v1/cancer-types`, () => output)
      return base
    }
    const a = await start()
    const b = await start()

    const answerPath = `/api/public/v1/answers/${SLUG}`
    await fetch(a + answerPath) // prepared by Next's route; from here on the fast path answers
    // Uncompressed, as autocannon asks for it (fetch would ask for gzip and decode it, leaving the
    // ceiling with decoded bytes under the gzip body's Content-Length).
    const reference = await fetch(a + answerPath, { headers: { 'accept-encoding': 'identity' } })
    const referenceBytes = Buffer.from(await reference.arrayBuffer())
    const list = await (await fetch(`${a}/api/public/v1/answers?limit=1`)).json()
    if (reference.status !== 200 || list.totalDocs < ANSWERS)
      throw new Error(`Unexpected data: answer ${reference.status}, ${list.totalDocs} published answers.`)
    const stock = await (await fetch(`${a}/api/answers?where[slug][equals]=${SLUG}&depth=1`)).json()
    if (stock.docs?.[0]?.slug !== SLUG) throw new Error('The stock REST read did not return the answer.')
    // Not fatal: Next's ISR page cache lives on disk in .next and can hold a 404 from an earlier run
    // that withdrew the answer (until the page is served through servePrepared); (e) then says non-2xx.
    const page = await fetch(`${a}/answers/${SLUG}`)
    if (page.status !== 200) console.log(`[bench] WARNING: the answer page answered ${page.status}; (e) measures that response`)

    // The ceiling sends what the fast path sends for (a): the same bytes and the same headers.
    const referenceHeaders = Object.fromEntries(
      [...reference.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)),
    )
    // Its own process, like the server under test: in the bench's process it would share one thread
    // with autocannon's client and measure the client (it did: the ceiling came out at a third of (a)).
    const bodyFile = path.join(dataDir, 'ceiling-body')
    fs.writeFileSync(bodyFile, referenceBytes)
    ceiling = spawn(process.execPath, ['--conditions=production', '--import', 'tsx', 'bench/publicApi.ts', '--ceiling'], {
      cwd: root,
      env: { ...process.env, CEILING_BODY: bodyFile, CEILING_HEADERS: JSON.stringify(referenceHeaders) },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const ceilingPort = await new Promise<number>((resolve, reject) => {
      ceiling!.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())))
      ceiling!.once('exit', (code) => reject(new Error(`The ceiling server exited with ${code}`)))
    })
    const ceilingBase = `http://127.0.0.1:${ceilingPort}`

    const targets = [
      { key: 'a', label: 'public answer JSON', url: a + answerPath },
      { key: 'b', label: 'public list (20)', url: `${a}/api/public/v1/answers?limit=20` },
      { key: 'c', label: 'stock REST, depth=1', url: `${a}/api/answers?where[slug][equals]=${SLUG}&depth=1` },
      { key: 'd', label: 'node:http ceiling', url: ceilingBase + answerPath },
      { key: 'e', label: 'answer page HTML', url: `${a}/answers/${SLUG}` },
    ]
    const results: Record<string, Result> = {}
    for (const target of targets) {
      await autocannon({ url: target.url, connections: CONNECTIONS, duration: 2 }) // warm-up: JIT, caches, connections
      const run = await autocannon({ url: target.url, connections: CONNECTIONS, duration: SECONDS })
      results[target.key] = {
        rps: run.requests.average,
        bytes: run.requests.average ? run.throughput.average / run.requests.average : 0,
        p50: run.latency.p50,
        p99: run.latency.p99,
        errors: run.errors + run.timeouts,
        non2xx: run.non2xx,
      }
      console.log(`[bench] (${target.key}) done`)
    }

    const propagation = await withdrawAndWatch(a, b, purges)
    const loadAtEnd = load()

    console.log(
      `\nPublic delivery benchmark: ${list.totalDocs} published answers, SQLite, scripts/server.mjs (npm start's server), autocannon ${CONNECTIONS} connections x ${SECONDS} s per target\n`,
    )
    console.log('target                       |      req/s |  p50 ms |  p99 ms | errors | non-2xx | KB/response')
    for (const target of targets) {
      const r = results[target.key]!
      console.log(
        `(${target.key}) ${target.label.padEnd(24)} | ${r.rps.toFixed(0).padStart(10)} | ${r.p50.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${String(r.errors).padStart(6)} | ${String(r.non2xx).padStart(7)} | ${(r.bytes / 1024).toFixed(1).padStart(11)}`,
      )
    }
    const [ra, rc, rd, re] = [results.a!, results.c!, results.d!, results.e!]
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')
    console.log('')
    console.log(
      `(a)/(d): ${((ra.rps / rd.rps) * 100).toFixed(1)} % of the node:http ceiling (target >= 50 %): ${verdict(ra.rps >= rd.rps * 0.5)}`,
    )
    console.log(`(a)/(c): ${(ra.rps / rc.rps).toFixed(1)}x the stock REST read (target >= 30x): ${verdict(ra.rps >= rc.rps * 30)}`)
    console.log(`(a) p99: ${ra.p99.toFixed(1)} ms at ${CONNECTIONS} connections (target < 20 ms): ${verdict(ra.p99 < 20)}`)
    console.log(
      `(e)/(d): ${((re.rps / rd.rps) * 100).toFixed(1)} % of the node:http ceiling (target >= 20 %): ${verdict(re.rps >= rd.rps * 0.2)}`,
    )
    const per1000 = published.perAnswerMs // ms per answer = s per 1,000 answers
    console.log(
      `(f) publishing: ${published.seconds.toFixed(1)} s for ${published.published} answers, ${published.perAnswerMs.toFixed(0)} ms each, ` +
        `${per1000.toFixed(1)} s per 1,000 (before: ${PUBLISH_BASELINE_SECONDS} s; target >= 3x faster, <= ${(PUBLISH_BASELINE_SECONDS / 3).toFixed(1)} s): ` +
        verdict(per1000 <= PUBLISH_BASELINE_SECONDS / 3),
    )
    // The 115 s was another run on another day; the ratio measured side by side is the baseline's bench.
    console.log('    (the same loop on the code the issue timed and on this one, side by side: npm run bench:publish:baseline)')
    console.log(
      `Withdrawal on A: 404 on A ${propagation.originMs} ms after the request returned; on B (change feed) after ${propagation.otherMs} ms ` +
        `(target <= 1000 ms): ${verdict(propagation.otherMs <= 1000)}`,
    )
    console.log(
      propagation.purgeMs === undefined
        ? `CDN purge: no request with answer-${SLUG} at the receiver within 5 s (target <= 1000 ms): NOT met`
        : `CDN purge: received ${propagation.purgeMs} ms after the withdrawal request returned (target <= 1000 ms): ${verdict(propagation.purgeMs <= 1000)}`,
    )
    console.log(`\nLoad average (1, 5, 15 min) at start: ${loadAtStart}; at end: ${loadAtEnd}; ${os.cpus().length} cores`)
  } finally {
    for (const server of servers) server.kill('SIGTERM')
    ceiling?.kill('SIGTERM')
    receiver.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Withdraws SLUG on A as the admin (the real REST path), then measures from the moment the request
 * returned: A answers 404, B answers 404 (it had the answer prepared: only the change feed can tell
 * it), and the CDN purge naming the answer reaches the receiver.
 */
async function withdrawAndWatch(a: string, b: string, purges: { at: number; body: string; surrogateKey?: string }[]) {
  const answerPath = `/api/public/v1/answers/${SLUG}`
  for (const base of [a, b]) for (let i = 0; i < 2; i++) await fetch(base + answerPath)
  const login = await fetch(`${a}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: a },
    body: JSON.stringify({ email: 'admin@example.org', password: 'demo-password' }),
  })
  if (login.status !== 200) throw new Error(`The admin login failed: ${login.status}`)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const { docs } = await (await fetch(`${a}/api/answers?where[slug][equals]=${SLUG}&depth=0`)).json()
  const withdraw = await fetch(`${a}/api/answers/${docs[0].id}`, {
    method: 'PATCH',
    headers: { cookie, origin: a, 'content-type': 'application/json' },
    body: JSON.stringify({ _status: 'draft' }),
  })
  const returned = Date.now()
  if (withdraw.status !== 200) throw new Error(`The withdrawal failed: ${withdraw.status} ${await withdraw.text()}`)
  const until404 = async (base: string) => {
    while ((await fetch(base + answerPath)).status !== 404) {
      if (Date.now() - returned > 30_000) throw new Error(`${base} still served the withdrawn answer after 30 s`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    return Date.now() - returned
  }
  const originMs = await until404(a)
  const otherMs = await until404(b)
  const tag = `answer-${SLUG}`
  while (!purges.some((purge) => purge.body.includes(tag) || purge.surrogateKey?.includes(tag)) && Date.now() - returned < 5_000)
    await new Promise((resolve) => setTimeout(resolve, 5))
  const purge = purges.find((purge) => purge.body.includes(tag) || purge.surrogateKey?.includes(tag))
  return { originMs, otherMs, purgeMs: purge && Math.max(0, purge.at - returned) }
}

/**
 * Runs in its own process: seeds, then publishes ANSWERS answers through the real publication code
 * (bench/publishing.ts, also `npm run bench:publish`), timed; the last line of output is the JSON the
 * parent reads.
 */
async function prepare() {
  const { getPayload } = await import('payload')
  const { default: config } = await import('@payload-config')
  const { migrateDatabase } = await import('@/lib/database/migrate')
  const { seed } = await import('@seed/index')
  const { publishBenchAnswers } = await import('./publishing')
  const payload = await getPayload({ config })
  await migrateDatabase(payload)
  await seed(payload, { allowDemo: true })
  const { seconds, perAnswerMs } = await publishBenchAnswers(payload, ANSWERS)
  const { totalDocs } = await payload.count({ collection: 'answers', where: { _status: { equals: 'published' } }, overrideAccess: true })
  if (totalDocs <= ANSWERS) throw new Error(`Only ${totalDocs} answers are published.`)
  console.log(JSON.stringify({ seconds, perAnswerMs, published: ANSWERS } satisfies Published))
  await payload.destroy()
  process.exit(0)
}

/** Target (d), in its own process: the bytes and headers of (a) from a bare node:http server. */
function serveCeiling() {
  const body = fs.readFileSync(process.env.CEILING_BODY!)
  const headers = JSON.parse(process.env.CEILING_HEADERS!) as Record<string, string>
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers)
    res.end(body)
  })
  server.listen(0, '127.0.0.1', () => console.log(String((server.address() as AddressInfo).port)))
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
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
