/**
 * npm run bench:admin: the admin at volume. A throwaway SQLite database gets the demo seed plus
 * BENCH_QUESTIONS (10,000) questions, BENCH_ANSWERS (2,000) answers and BENCH_VERSIONS (20,000)
 * answer versions, then the production server (`npm start`: scripts/start.mjs, build if needed,
 * scripts/server.mjs) serves it, and an editor and a reviewer, logged in over REST, request each
 * admin view BENCH_REQUESTS (30) times in a row after a warm-up. Prints p50/p95 per view.
 *
 * The volume is inserted at the adapter level (`payload.db.create` / `createVersion`, in a few large
 * transactions): copies of the seeded answers and questions, spread over workflow stages, reviewers
 * and due dates. No hooks run for them (the point is the admin's reads at volume, not the writes).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort, sessionCookie, startProduct, stopProduct } from '@tests/helpers/server'

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 10_000)
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 2_000)
const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 20_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30)
const WARMUP = 3
const GOAL_MS = 300
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const REVIEWER = 'okafor@example.org'
const EDITOR = 'editor@example.org'
const DAY_MS = 86_400_000

// Build first (if the sources changed): a build on a busy machine can outlast npm start's wait.
const { buildIfNeeded } = await import('@scripts/buildIfNeeded.mjs')
buildIfNeeded(path.resolve(import.meta.dirname, '..'), (line: string) => console.log(`[bench] ${line}`))

// BENCH_DATA_DIR keeps the seeded database there and reuses it on the next run (seeding takes
// minutes; profiling a change wants many runs on the same data). Without it, a throwaway directory.
const keptDir = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null
const dataDir = keptDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-admin-'))
const seededMarker = path.join(dataDir, 'bench-admin-seeded.json')
const loadAtStart = os.loadavg()
let reviewAnswerId = ''
try {
  if (keptDir && fs.existsSync(seededMarker)) {
    reviewAnswerId = (JSON.parse(fs.readFileSync(seededMarker, 'utf8')) as { reviewAnswerId: string }).reviewAnswerId
    console.log(`[bench] reusing the database seeded in ${dataDir}`)
  } else {
    fs.mkdirSync(dataDir, { recursive: true })
    const seeding = Date.now()
    reviewAnswerId = await seedVolume()
    console.log(`[bench] seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s`)
    if (keptDir) fs.writeFileSync(seededMarker, JSON.stringify({ reviewAnswerId }))
  }
  await measure()
} finally {
  if (!keptDir) fs.rmSync(dataDir, { recursive: true, force: true })
}
process.exit(0)

/** Array rows keep their ids in their own tables: a copy needs new ones (Lexical fields are left whole). */
function withNewRowIds(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map((row) => {
      if (!row || typeof row !== 'object') return row
      const copy = Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([key, inner]) => [key, withNewRowIds(inner)]))
      return 'id' in copy ? { ...copy, id: randomBytes(12).toString('hex') } : copy
    })
  if (value && typeof value === 'object' && !('root' in value))
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withNewRowIds(inner)]))
  return value
}

/** Migrates and seeds DATA_DIR's database like `npm start` would, then adds the volume. Returns a reviewer's answer in review. */
async function seedVolume(): Promise<string> {
  process.env.DATA_DIR = dataDir
  Object.assign(process.env, { SEED_DEMO: 'true', JOBS_AUTORUN: 'false', LOG_LEVEL: 'error', ANTHROPIC_API_KEY: '' })
  for (const key of ['DATABASE_URL', 'PAYLOAD_SECRET', 'TEST_DATABASE']) delete process.env[key]
  const { getPayload } = await import('payload')
  const { default: config } = await import('@payload-config')
  const { migrateDatabase } = await import('@/lib/database/migrate')
  const { seed } = await import('@seed/index')
  const { duplicateKey } = await import('@/lib/questionImport/normalize')
  const payload = await getPayload({ config })
  await migrateDatabase(payload)
  await seed(payload, { allowDemo: true })

  const {
    docs: [template],
  } = await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0, draft: true, overrideAccess: true })
  const { docs: questionTemplates } = await payload.find({ collection: 'questions', depth: 0, limit: 1, overrideAccess: true })
  const { docs: reviewers } = await payload.find({
    collection: 'users',
    where: { roles: { contains: 'reviewer' } },
    depth: 0,
    pagination: false,
    sort: 'email',
    overrideAccess: true,
  })
  const { docs: cancerTypes } = await payload.find({ collection: 'cancer-types', depth: 0, pagination: false, overrideAccess: true })
  const reviewer = reviewers.find((user) => user.email === REVIEWER)
  if (!template || !questionTemplates[0] || !reviewer)
    throw new Error('The seed did not create the pancreatic answer, a question and its reviewer.')
  const strip = (doc: object) => {
    const copy = withNewRowIds(doc) as Record<string, unknown>
    for (const key of ['id', 'createdAt', 'updatedAt']) delete copy[key]
    return copy
  }
  const questionData = strip(questionTemplates[0])
  const now = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()

  // Which answer goes where: half live, the rest across the review pipeline.
  const stageOf = (i: number) =>
    i % 20 < 10 ? 'published' : i % 20 < 14 ? 'in_review' : i % 20 < 16 ? 'awaiting_reviewer' : i % 20 < 18 ? 'changes_requested' : 'draft'
  const questionStatus: Record<string, string> = {
    published: 'published',
    in_review: 'in_review',
    awaiting_reviewer: 'in_review',
    changes_requested: 'changes_requested',
    draft: 'drafted',
  }
  const openStatuses = ['new', 'new', 'new', 'drafting', 'drafted', 'draft_failed', 'archived', 'duplicate']
  const versionsPerAnswer = Math.max(1, Math.floor(VERSIONS / Math.max(ANSWERS, 1)))

  const inTransaction = async (work: (req: { transactionID: string | number }) => Promise<void>) => {
    const transactionID = (await payload.db.beginTransaction())!
    await work({ transactionID })
    await payload.db.commitTransaction(transactionID)
  }
  const BATCH = 250
  for (let start = 0; start < QUESTIONS; start += BATCH) {
    await inTransaction(async (req) => {
      for (let i = start; i < Math.min(start + BATCH, QUESTIONS); i++) {
        const answered = i < ANSWERS
        const status = answered ? questionStatus[stageOf(i)] : openStatuses[i % openStatuses.length]
        const cancerType = cancerTypes[i % cancerTypes.length]!.id
        const text = `Volume question ${i + 1}: what should I know about treatment option ${i + 1}?`
        const question = await payload.db.create({
          collection: 'questions',
          data: {
            ...questionData,
            text,
            // What the collection's own hook would store (no hooks run at the adapter level).
            duplicateKey: duplicateKey(text),
            slug: `volume-question-${i + 1}`,
            cancerType,
            status,
            submittedAt: iso(now - (i % 365) * DAY_MS),
            ...(status === 'draft_failed'
              ? { draftFailureReason: 'The model was unavailable.', lastDraftAttemptAt: iso(now - i * 1000) }
              : {}),
          },
          req: req as never,
        })
        if (!answered) continue
        const stage = stageOf(i)
        const assigned = reviewers[i % reviewers.length]!.id
        const live = stage === 'published'
        const data: Record<string, unknown> = {
          ...strip(template),
          question: question.id,
          title: `${template.title} (volume copy ${i + 1})`,
          slug: `${template.slug}-volume-${i + 1}`,
          cancerType,
          workflowStage: stage,
          _status: live ? 'published' : 'draft',
          assignedReviewers: stage === 'in_review' || stage === 'changes_requested' ? [assigned] : [],
          reviewDueAt: stage === 'in_review' || stage === 'awaiting_reviewer' ? iso(now + ((i % 40) - 10) * DAY_MS) : null,
          nextReviewDue: live ? iso(now + ((i % 400) - 20) * DAY_MS) : null,
          reviewedBy: live ? [assigned] : [],
          publicJson: live ? { ...(template.publicJson as object), slug: `${template.slug}-volume-${i + 1}` } : null,
        }
        const answer = await payload.db.create({ collection: 'answers', data, req: req as never })
        // What drafting and review leave behind: the draft's model call (this month, for the editor
        // dashboard's spend) and the reviewer's decision (the review screen and history read them).
        await payload.db.create({
          collection: 'model-usage',
          data: {
            month: iso(now).slice(0, 7),
            question: question.id,
            answer: answer.id,
            model: 'claude-sonnet-4-5',
            purpose: i % 10 === 0 ? 'batch' : 'draft',
            outcome: 'used',
            tokensIn: 6_000 + (i % 500),
            tokensOut: 1_200 + (i % 300),
            costUsd: 0.036 + (i % 50) / 10_000,
            latencyMs: 9_000 + (i % 4_000),
          },
          req: req as never,
        })
        if (live || stage === 'changes_requested')
          await payload.db.create({
            collection: 'approvals',
            data: {
              answer: answer.id,
              reviewer: assigned,
              decision: live ? 'approve' : 'request_changes',
              comment: live ? '' : 'Please cite the guideline for the second claim.',
              attestation: live,
              contentHash: data.contentHash,
              reviewCycle: 1,
            },
            req: req as never,
          })
        // The newest version carries the whole answer (the admin reads it); the earlier ones only the
        // top-level fields (what lists and history read), which keeps 20,000 versions quick to insert.
        for (let v = 0; v < versionsPerAnswer; v++) {
          const latest = v === versionsPerAnswer - 1
          const at = iso(now - (versionsPerAnswer - v) * 3_600_000)
          const versionData = latest
            ? { ...data, ...strip({ citations: data.citations, questionsToAsk: data.questionsToAsk, safetyWarnings: data.safetyWarnings }) }
            : {
                title: data.title,
                slug: data.slug,
                question: data.question,
                cancerType: data.cancerType,
                summary: data.summary,
                _status: 'draft',
                workflowStage: 'draft',
              }
          await payload.db.createVersion({
            collectionSlug: 'answers',
            parent: answer.id,
            versionData: versionData as never,
            autosave: false,
            createdAt: at,
            updatedAt: at,
            returning: false,
            req: req as never,
          })
        }
      }
    })
  }
  // A reviewer's answer in review, for the review screen.
  const { docs: inReview } = await payload.find({
    collection: 'answers',
    where: { and: [{ workflowStage: { equals: 'in_review' } }, { assignedReviewers: { contains: reviewer.id } }] },
    draft: true,
    depth: 0,
    limit: 1,
    overrideAccess: true,
  })
  const counts = {
    questions: (await payload.count({ collection: 'questions', overrideAccess: true })).totalDocs,
    answers: (await payload.count({ collection: 'answers', overrideAccess: true })).totalDocs,
    versions: (await payload.countVersions({ collection: 'answers', overrideAccess: true })).totalDocs,
    usage: (await payload.count({ collection: 'model-usage', overrideAccess: true })).totalDocs,
    decisions: (await payload.count({ collection: 'approvals', overrideAccess: true })).totalDocs,
  }
  console.log(
    `[bench] database: ${counts.questions} questions, ${counts.answers} answers, ${counts.versions} answer versions, ${counts.usage} model calls, ${counts.decisions} review decisions`,
  )
  await payload.destroy()
  if (!inReview[0]) throw new Error(`No answer in review is assigned to ${REVIEWER}.`)
  return String(inReview[0].id)
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function measure() {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const starting = Date.now()
  const server = await startProduct(port, dataDir)
  console.log(`[bench] npm start serving in ${((Date.now() - starting) / 1000).toFixed(0)} s`)
  try {
    const editor = await sessionCookie(base, EDITOR)
    const reviewer = await sessionCookie(base, REVIEWER)
    // `shows`: something only the real page for that user has (a refusal, a login page or an error
    // page is also a 200, and would otherwise be timed as the view).
    // A CSV of 200 rows, every other one a question already in the backlog (in another case and spacing).
    const csv = ['question,cancer type']
    for (let i = 1; i <= 200; i++)
      csv.push(
        i % 2 === 0
          ? `VOLUME QUESTION ${i * 37}:  what should I know about treatment option ${i * 37}?,pancreatic`
          : `Imported question ${i}: is there anything new about treatment ${i}?,pancreatic`,
      )
    const targets: { name: string; path: string; cookie: string; shows: string; json?: unknown }[] = [
      { name: 'backlog view (editor)', path: '/admin/backlog', cookie: editor, shows: 'aria-label="Bulk actions"' },
      { name: 'review screen (reviewer)', path: `/admin/review/${reviewAnswerId}`, cookie: reviewer, shows: '<h1>Review: ' },
      { name: 'dashboard (editor)', path: '/admin', cookie: editor, shows: 'id="pipeline"' },
      { name: 'dashboard (reviewer)', path: '/admin', cookie: reviewer, shows: 'id="awaiting-review"' },
      { name: 'answers list, admin view (editor)', path: '/admin/collections/answers', cookie: editor, shows: 'collection-list--answers' },
      {
        name: 'answers list, REST (editor)',
        path: '/api/answers?limit=10&page=1&sort=-updatedAt&depth=0&draft=true',
        cookie: editor,
        shows: '"totalDocs":',
      },
      {
        name: 'CSV import preview, 200 rows (editor)',
        path: '/api/questions/import/preview',
        cookie: editor,
        json: { fileName: 'bench.csv', csv: csv.join('\n') },
        shows: '"invalid":100',
      },
    ]
    const rows: { name: string; p50: number; p95: number; bytes: number }[] = []
    for (const target of targets) {
      const times: number[] = []
      let bytes = 0
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const started = performance.now()
        const response = await fetch(`${base}${target.path}`, {
          method: target.json ? 'POST' : 'GET',
          headers: { cookie: target.cookie, origin: base, ...(target.json ? { 'content-type': 'application/json' } : {}) },
          body: target.json ? JSON.stringify(target.json) : undefined,
          redirect: 'manual',
        })
        const body = await response.arrayBuffer()
        const ms = performance.now() - started
        if (response.status !== 200) throw new Error(`${target.path} answered ${response.status}`)
        if (!Buffer.from(body).toString('utf8').includes(target.shows))
          throw new Error(`${target.path} did not show ${target.shows}: not the page the bench means to time`)
        bytes = body.byteLength
        if (i >= WARMUP) times.push(ms)
      }
      times.sort((a, b) => a - b)
      rows.push({ name: target.name, p50: percentile(times, 50), p95: percentile(times, 95), bytes })
    }
    console.log(`\nAdmin at volume (SQLite, ${os.cpus().length} cores, ${REQUESTS} sequential requests each after ${WARMUP} warm-up)\n`)
    console.log(`view                                    |  p50 ms |  p95 ms | body KB | p95 < ${GOAL_MS} ms`)
    for (const row of rows)
      console.log(
        `${row.name.padEnd(39)} | ${row.p50.toFixed(0).padStart(7)} | ${row.p95.toFixed(0).padStart(7)} | ${(row.bytes / 1024).toFixed(0).padStart(7)} | ${row.p95 < GOAL_MS ? 'yes' : 'NO'}`,
      )
    console.log(
      `\nLoad average: ${loadAtStart.map((x) => x.toFixed(2)).join(' ')} at start, ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} at end`,
    )
  } finally {
    await stopProduct(server)
  }
}
