/**
 * The publishing loop that issue 15 timed ("publishing 1,000 answers through the real code took
 * 115 s"): `npm run bench`'s preparation as it was when the issue was written (commit c16e0e8). On a
 * throwaway SQLite database with the demo seed, each of BENCH_ANSWERS (default 1,000) answers is a
 * copy of the seeded published pancreatic answer: its question is created, the answer is created as a
 * draft, and `publishAnswer` makes it live, one transaction per answer.
 *
 * `npm run bench:publish:baseline` copies this file into a checkout of that commit and runs it there
 * and here, so that the same requests are timed on the old code and on this one in the same run.
 * Hence relative imports (c16e0e8 had `@/` and `@payload-config` but none of the later aliases) and
 * nothing but what both checkouts have: the old checkout gets this file, and runs its own modules.
 * Prints one line of JSON: answers, ms, cpuMs, published.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const answers = Number(process.env.BENCH_ANSWERS ?? 1000)
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-issue-loop-'))
// On exit, whatever happened: a failed import, a failed run, or files written while Payload shut down.
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }))
Object.assign(process.env, {
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, 'bench.db')}`,
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? 'p'.repeat(40),
  SEED_DEMO: 'true',
  JOBS_AUTORUN: 'false',
  LOG_LEVEL: 'error',
  ANTHROPIC_API_KEY: '',
  NEXT_TELEMETRY_DISABLED: '1',
})

const { getPayload, createLocalReq } = await import('payload')
const { default: config } = await import('../payload.config')
const { migrateDatabase } = await import('../src/lib/database/migrate')
const { seed } = await import('../seed')
const { publishAnswer } = await import('../src/lib/workflow/publishIfApproved')
const { withTransaction } = await import('../src/lib/transaction')

const payload = await getPayload({ config })
try {
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
  const started = performance.now()
  const cpu = process.cpuUsage()
  for (let i = 1; i <= answers; i++) {
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
          // The direct answer's citations: the body's are copied into the list by the save itself
          // (mirrorClaimCitations; c16e0e8 had no such rows, so there the filter keeps every row).
          citations: template.citations
            ?.filter((row) => !row.claimCitation)
            .map(({ source, passageId, quote }) => ({ source, passageId, quote })),
        },
        draft: true,
        overrideAccess: true,
        req,
      })
      await publishAnswer(req, answer, { reviewers })
    })
  }
  const ms = performance.now() - started
  const { user, system } = process.cpuUsage(cpu)
  const { totalDocs: published } = await payload.count({
    collection: 'answers',
    where: { _status: { equals: 'published' } },
    overrideAccess: true,
  })
  console.log(JSON.stringify({ answers, ms, cpuMs: (user + system) / 1000, published }))
} finally {
  await payload.destroy()
}
process.exit(0)
