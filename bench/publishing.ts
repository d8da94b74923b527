/**
 * npm run bench:publish: publishing BENCH_ANSWERS (default 1,000) answers through the real code. On a
 * throwaway SQLite database with the demo seed, each answer is a copy of the seeded published
 * pancreatic answer: a question is created, then a draft answer by the drafter's own save
 * (`saveDraftedAnswer`), then `publishAnswer` (the code the approval rule and the admin override
 * call) makes it live, one transaction per answer. Prints the
 * time, the time per answer and the adapter calls (by operation with BENCH_PROFILE=1).
 *
 * `publishBenchAnswers(payload, n)` is exported for `npm run bench`, which prepares its database with it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Payload } from 'payload'

import { type AdapterProfile, profileAdapter } from './adapterProfile'

const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'

export type PublishingResult = {
  /** Answers published (n). */
  answers: number
  seconds: number
  perAnswerMs: number
  /** Database adapter calls made while publishing (all n answers). */
  adapterCalls: number
  /** CPU time of this process while publishing: less sensitive than `seconds` to other work on the machine. */
  cpuSeconds: number
}

/**
 * Publishes n copies of the seeded published pancreatic answer (question + draft + publishAnswer, one
 * transaction each). The database must hold the demo seed. Pass the profile when the adapter is
 * already wrapped (a second wrapper would count every call twice).
 */
export async function publishBenchAnswers(
  payload: Payload,
  n: number,
  profile?: AdapterProfile,
  onProgress?: (published: number, lastHundredMs: number) => void,
): Promise<PublishingResult> {
  const { createLocalReq } = await import('payload')
  const { publishAnswer } = await import('@/lib/workflow/publishIfApproved')
  const { saveDraftedAnswer } = await import('@/lib/workflow/transitions')
  const { withTransaction } = await import('@/lib/transaction')
  const counter = profile ?? profileAdapter(payload)
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
  const calls = counter.counts.queries
  const started = performance.now()
  const cpu = process.cpuUsage()
  let hundred = started
  for (let i = 1; i <= n; i++) {
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
      // The drafter's own save (src/lib/drafting/saveDraft.ts) makes the first draft.
      const answer = await saveDraftedAnswer(req, undefined, {
        question: question.id,
        title: `${template.title} (benchmark copy ${i})`,
        cancerType: template.cancerType,
        summary: template.summary,
        body: template.body,
        questionsToAsk: template.questionsToAsk?.map(({ question, why }) => ({ question, why })),
        keyTakeaway: template.keyTakeaway,
        citations: template.citations?.map(({ source, passageId, quote }) => ({ source, passageId, quote })),
      })
      await publishAnswer(req, answer, { reviewers })
    })
    if (i % 100 === 0 && onProgress) {
      onProgress(i, performance.now() - hundred)
      hundred = performance.now()
    }
  }
  const ms = performance.now() - started
  const { user, system } = process.cpuUsage(cpu)
  return {
    answers: n,
    seconds: ms / 1000,
    perAnswerMs: ms / Math.max(n, 1),
    adapterCalls: counter.counts.queries - calls,
    cpuSeconds: (user + system) / 1e6,
  }
}

async function main() {
  const n = Number(process.env.BENCH_ANSWERS ?? 1000)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-publish-'))
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'bench.db')}`,
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? 'p'.repeat(40),
    SEED_DEMO: 'true',
    JOBS_AUTORUN: 'false',
    LOG_LEVEL: 'error',
    ANTHROPIC_API_KEY: '',
  })
  const { getPayload } = await import('payload')
  const { default: config } = await import('@payload-config')
  const { migrateDatabase } = await import('@/lib/database/migrate')
  const { seed } = await import('@seed/index')
  const payload = await getPayload({ config })
  await migrateDatabase(payload)
  await seed(payload, { allowDemo: true })
  const profile = profileAdapter(payload)
  profile.profiling = Boolean(process.env.BENCH_PROFILE)
  const load = os.loadavg()
  const result = await publishBenchAnswers(payload, n, profile, (published, ms) =>
    console.log(`[bench] ${published} published, the last 100 in ${(ms / 1000).toFixed(1)} s`),
  )
  const published = await payload.count({ collection: 'answers', where: { _status: { equals: 'published' } }, overrideAccess: true })
  console.log(`\nPublishing ${n} answers through publishAnswer (SQLite, ${os.cpus().length} cores)\n`)
  console.log(`time:          ${result.seconds.toFixed(1)} s`)
  console.log(`per answer:    ${result.perAnswerMs.toFixed(1)} ms`)
  console.log(`CPU time:      ${result.cpuSeconds.toFixed(1)} s (this process)`)
  console.log(`adapter calls: ${result.adapterCalls} (${(result.adapterCalls / Math.max(n, 1)).toFixed(1)} per answer)`)
  console.log(`published now: ${published.totalDocs}`)
  console.log(
    `load average:  ${load.map((x) => x.toFixed(2)).join(' ')} at start, ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} at end`,
  )
  if (process.env.BENCH_PROFILE) console.log(`\nAdapter calls by operation: ${profile.summary()}`)
  await payload.destroy()
  fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main()
