/**
 * `npm run bench:catalog`: the memory the public catalog's read of every published answer needs at
 * volume (README "Public search"). A throwaway SQLite database gets the demo seed and BENCH_ANSWERS
 * (10,000) published copies of the seeded answer, inserted at the adapter level (no hooks: the point
 * is the read). Then each way of reading them runs in a process of its own under a capped heap
 * (`--max-old-space-size`, BENCH_HEAP_CAPS MB): the catalog's read in pages of 500 by id, and the
 * same read as one query (a page larger than the catalog: what it did until the sixteenth session).
 * Prints, for each cap, whether the read finished and how long it took.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 10_000)
const CAPS = (process.env.BENCH_HEAP_CAPS ?? '200,300,600,1000').split(',').map(Number)
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const BATCH = 250
const ONE_QUERY = 1_000_000_000

const [, , role, dataDirArg, pageSizeArg] = process.argv

async function startPayload(dataDir: string) {
  process.env.DATA_DIR = dataDir
  Object.assign(process.env, { SEED_DEMO: 'true', JOBS_AUTORUN: 'false', LOG_LEVEL: 'error', ANTHROPIC_API_KEY: '' })
  for (const key of ['DATABASE_URL', 'PAYLOAD_SECRET', 'TEST_DATABASE']) delete process.env[key]
  const { getPayload } = await import('payload')
  const { default: config } = await import('@payload-config')
  return getPayload({ config })
}

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

const strip = (doc: object) => {
  const copy = withNewRowIds(doc) as Record<string, unknown>
  for (const key of ['id', 'createdAt', 'updatedAt']) delete copy[key]
  return copy
}

async function seedVolume(dataDir: string) {
  const payload = await startPayload(dataDir)
  const { migrateDatabase } = await import('@/lib/database/migrate')
  const { seed } = await import('@seed/index')
  const { duplicateKey } = await import('@/lib/questionImport/normalize')
  await migrateDatabase(payload)
  await seed(payload, { allowDemo: true })
  const [answer] = (
    await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0, limit: 1, overrideAccess: true })
  ).docs
  const [question] = (await payload.find({ collection: 'questions', depth: 0, limit: 1, overrideAccess: true })).docs
  if (!answer || !question) throw new Error('The seed did not create the pancreatic answer and a question.')
  for (let start = 0; start < ANSWERS; start += BATCH) {
    const transactionID = (await payload.db.beginTransaction())!
    const req = { transactionID } as never
    for (let i = start; i < Math.min(start + BATCH, ANSWERS); i++) {
      const text = `Catalog question ${i + 1}: what should I know about option ${i + 1}?`
      const copy = await payload.db.create({
        collection: 'questions',
        data: { ...strip(question), text, duplicateKey: duplicateKey(text), slug: `catalog-question-${i + 1}`, status: 'published' },
        req,
      })
      const slug = `${SLUG}-copy-${i + 1}`
      await payload.db.create({
        collection: 'answers',
        data: {
          ...strip(answer),
          question: copy.id,
          slug,
          title: `${answer.title} (copy ${i + 1})`,
          _status: 'published',
          publicJson: { ...(answer.publicJson as object), slug },
        },
        req,
      })
    }
    await payload.db.commitTransaction(transactionID)
  }
  await payload.destroy()
}

/** In a child process: one read of every published answer, as the catalog makes it. */
async function read(dataDir: string, pageSize: number) {
  const payload = await startPayload(dataDir)
  const { readPublished } = await import('@/lib/public/catalog')
  const { docs } = await payload.find({ collection: 'cancer-types', pagination: false, depth: 0, overrideAccess: true })
  const types = docs.map(({ id, slug, name }) => ({ id, slug, name }))
  const started = performance.now()
  const documents = await readPublished(payload, types, { pageSize })
  console.log(JSON.stringify({ documents: documents.length, ms: Math.round(performance.now() - started) }))
  process.exit(0)
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-catalog-'))
  try {
    console.log(`[catalog] ${ANSWERS} published answers, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`)
    const seeding = Date.now()
    await seedVolume(dataDir)
    console.log(`[catalog] seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s`)
    for (const cap of CAPS) {
      for (const [label, pageSize] of [
        ['pages of 500 by id', 500],
        ['one query', ONE_QUERY],
      ] as const) {
        let result: string
        try {
          const output = execFileSync(
            process.execPath,
            [
              `--max-old-space-size=${cap}`,
              '--conditions=production',
              '--import',
              'tsx',
              import.meta.filename,
              'read',
              dataDir,
              String(pageSize),
            ],
            { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
          )
          const { documents, ms } = JSON.parse(output.trim().split('\n').at(-1)!) as { documents: number; ms: number }
          result = `${documents} answers in ${(ms / 1000).toFixed(1)} s`
        } catch (error) {
          const stderr = String((error as { stderr?: string }).stderr ?? '')
          result = /heap out of memory/.test(stderr) ? 'out of memory' : `failed: ${stderr.split('\n').find(Boolean) ?? error}`
        }
        console.log(`[catalog] heap cap ${String(cap).padStart(5)} MB, ${label.padEnd(18)} ${result}`)
      }
    }
    console.log(`[catalog] load average at the end ${os.loadavg()[0]!.toFixed(2)}`)
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

if (role === 'read') await read(dataDirArg!, Number(pageSizeArg))
else await main()
process.exit(0)
