/**
 * npm run bench:evidence: a source change under BENCH_ANSWERS (default 1,000) published answers that
 * cite it. On a throwaway SQLite database with the demo seed, the seeded published pancreatic answer
 * is copied and published BENCH_ANSWERS times (the real publication code); then an editor corrects
 * the text of the passage they cite, and the "lifecycle" job queue is run once. Prints the time and
 * the number of database adapter calls (every Local API read and write reaches the adapter through
 * one of them) for the save (which records the change and queues the job) and for the job (which
 * flags every answer and sends it back to review: routing, workflow event, emails in the outbox),
 * and checks that every answer was flagged and queued for re-review.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Where } from 'payload'

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 1000)
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-evidence-'))
Object.assign(process.env, {
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, 'bench.db')}`,
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? 'e'.repeat(40),
  SEED_DEMO: 'true',
  JOBS_AUTORUN: 'false',
  LOG_LEVEL: 'error',
  ANTHROPIC_API_KEY: '',
})

const { getPayload, createLocalReq } = await import('payload')
const { default: config } = await import('@payload-config')
const { migrateDatabase } = await import('@/lib/database/migrate')
const { seed } = await import('@seed/index')
const { publishAnswer } = await import('@/lib/workflow/publishIfApproved')
const { withTransaction } = await import('@/lib/transaction')
const { relationId } = await import('@/lib/relationId')
const { profileAdapter } = await import('./adapterProfile')

const payload = await getPayload({ config })
await migrateDatabase(payload)
await seed(payload, { allowDemo: true })

/** Every adapter operation is counted (reads and writes); transactions apart; by operation during the job. */
const profile = profileAdapter(payload)
const counts = profile.counts

const {
  docs: [template],
} = await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0, draft: true, overrideAccess: true })
const { docs: reviewers } = await payload.find({
  collection: 'users',
  where: { email: { equals: 'okafor@example.org' } },
  depth: 0,
  overrideAccess: true,
})
const { docs: editors } = await payload.find({ collection: 'users', where: { roles: { contains: 'editor' } }, depth: 0, limit: 1 })
if (!template || !reviewers[0] || !editors[0])
  throw new Error('The seed did not create the published pancreatic answer, its reviewer and an editor.')
const cited = template.citations![0]!
const sourceId = relationId(cited.source)!

const preparing = Date.now()
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
        // The direct answer's citations: the save copies the body's into the list itself (mirrorClaimCitations).
        citations: template.citations
          ?.filter((row) => !row.claimCitation)
          .map(({ source, passageId, quote }) => ({ source, passageId, quote })),
      },
      draft: true,
      overrideAccess: true,
      req,
    })
    await publishAnswer(req, answer, { reviewers: reviewers as never })
  })
}
const citing = await payload.count({
  collection: 'answers',
  where: { and: [{ _status: { equals: 'published' } }, { 'citations.passageId': { equals: cited.passageId } }] },
  overrideAccess: true,
})
console.log(
  `[bench] ${citing.totalDocs} published answers cite passage "${cited.passageId}" (prepared in ${((Date.now() - preparing) / 1000).toFixed(0)} s)`,
)

const source = await payload.findByID({ collection: 'guideline-sources', id: sourceId, depth: 0, overrideAccess: true })
const passages = source.passages.map((passage) =>
  passage.passageId === cited.passageId ? { ...passage, text: `${passage.text} (Corrected in the benchmark.)` } : passage,
)
const mark = () => ({ at: performance.now(), ...counts })
const since = (start: ReturnType<typeof mark>) => ({
  ms: performance.now() - start.at,
  queries: counts.queries - start.queries,
  transactions: counts.transactions - start.transactions,
})

const beforeSave = mark()
await payload.update({
  collection: 'guideline-sources',
  id: sourceId,
  data: { passages, changeNote: 'Benchmark correction.' },
  user: editors[0],
  overrideAccess: false,
  depth: 0,
})
const save = since(beforeSave)
const beforeJob = mark()
profile.profiling = true
await payload.jobs.run({ queue: 'lifecycle' })
profile.profiling = false
const job = since(beforeJob)

/** Counts answers by their latest version (a draft over a live version included). */
const countLatest = async (where: Where) =>
  (await payload.find({ collection: 'answers', where, draft: true, limit: 1, depth: 0, select: {}, overrideAccess: true })).totalDocs
const flagged = { totalDocs: await countLatest({ 'evidenceChanges.passageId': { equals: cited.passageId } }) }
const inReview = { totalDocs: await countLatest({ workflowStage: { equals: 'in_review' } }) }
const waiting = { totalDocs: await countLatest({ workflowStage: { equals: 'awaiting_reviewer' } }) }
const events = await payload.count({
  collection: 'workflow-events',
  where: { event: { equals: 'evidence_changed' } },
  overrideAccess: true,
})
const emails = await payload.count({ collection: 'notifications', where: { status: { equals: 'queued' } }, overrideAccess: true })

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const total = { ms: save.ms + job.ms, queries: save.queries + job.queries }
console.log(`\nEvidence change under ${citing.totalDocs} published answers citing the passage (SQLite, ${os.cpus().length} cores)\n`)
console.log(`step                                   | time     | adapter calls | transactions`)
console.log(
  `source save (record change, queue job) | ${seconds(save.ms).padStart(8)} | ${String(save.queries).padStart(13)} | ${save.transactions}`,
)
console.log(
  `flag job (one run of queue lifecycle)  | ${seconds(job.ms).padStart(8)} | ${String(job.queries).padStart(13)} | ${job.transactions}`,
)
console.log(`total                                  | ${seconds(total.ms).padStart(8)} | ${String(total.queries).padStart(13)} |`)
console.log(
  `\nPer answer: ${(total.ms / Math.max(citing.totalDocs, 1)).toFixed(1)} ms, ${(total.queries / Math.max(citing.totalDocs, 1)).toFixed(1)} adapter calls.`,
)
console.log(
  `Flagged: ${flagged.totalDocs} answers; re-review queued (evidence_changed events): ${events.totalDocs} (${inReview.totalDocs} in review, ${waiting.totalDocs} waiting for a reviewer with capacity); emails in the outbox: ${emails.totalDocs}.`,
)
if (process.env.BENCH_PROFILE) console.log(`\nAdapter calls of the job by operation: ${profile.summary()}`)
await payload.destroy()
fs.rmSync(dataDir, { recursive: true, force: true })
if (flagged.totalDocs < citing.totalDocs || events.totalDocs < citing.totalDocs) {
  console.error('Not every citing answer was flagged and routed.')
  process.exit(1)
}
process.exit(0)
