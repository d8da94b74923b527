/**
 * `npm run bench:search`: what the public search index costs at 10,000 published answers (README
 * "Public search"). Builds the catalog's MiniSearch index from 10,000 answers made of the seed's
 * texts (titles and questions from the seeded patient questions, bodies of 6 to 12 guideline
 * passages and paragraphs of the seeded answer, about as long as the seeded answer), then prints the
 * build time, the heap the index keeps, and p50/p95 of searches a patient might type. The database
 * read that feeds the catalog is not part of it (one query of the published answers' public JSON).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

import { createMiniSearch, type SearchDocument } from '@/lib/public/search'
import { guidelineSources } from '@seed/data/guidelineSources'
import { questions } from '@seed/data/questions'

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 10_000)
const QUERIES = [
  'pancreas',
  'whipple',
  'pancreatc',
  'surgery spread',
  'chemotherapy side effects',
  'immunotherapy',
  'stage 4',
  'breast',
  'radiotherapy bone pain',
  '%',
  'what',
  'lung cancer screening',
]

/** Ten short prefixes each, as a script could send to make each search expensive. */
const HEAVY_QUERIES = [
  'cancer treatm patien surger chemot radiat immuno progno option stagin',
  'cance treat patie surge chemo radia immun progn optio stagi',
  'can sta tre pat sur che rad imm ris opt',
  'the and for wit tha are not can may you',
  'pan met sur che rad pro ris sta gui opt',
  'bre lun col pro ova ute rec bil lym ski',
]

// A fixed pseudo-random sequence, so every run indexes the same text.
let state = 42
const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!

// Each answer's text comes from its own cancer type's guideline passages (the seeded answer's
// paragraphs for pancreatic cancer), as a real catalog's would: "pancreas" matches the pancreatic
// answers, not every answer.
const seededBody = fs.readFileSync(path.resolve('seed/content/metastatic-pancreatic-surgery.md'), 'utf8')
const paragraphsOf = new Map<string, string[]>()
const addParagraph = (type: string, text: string) => paragraphsOf.set(type, [...(paragraphsOf.get(type) ?? []), text])
for (const line of seededBody.split(/\n+/).filter((text) => text.length > 40)) addParagraph('pancreatic', line)
for (const source of guidelineSources)
  for (const type of source.cancerTypes) for (const passage of source.passages) addParagraph(type, `${passage.heading}. ${passage.text}`)
const askedAbout = questions.filter((question) => paragraphsOf.has(question.cancerType))

function documents(n: number): SearchDocument[] {
  return Array.from({ length: n }, (_, i) => {
    const question = pick(askedAbout)
    const paragraphs = paragraphsOf.get(question.cancerType)!
    return {
      item: {
        slug: `answer-${i}`,
        title: `${question.text.replace(/\?$/, '')} (${i})?`,
        summary: pick(paragraphs),
        cancerType: { slug: question.cancerType, name: question.cancerType },
        lastReviewedAt: new Date(Date.UTC(2026, 0, 1) - i * 60_000).toISOString(),
      },
      cancerType: question.cancerType,
      question: question.text,
      text: Array.from({ length: 6 + Math.floor(random() * 7) }, () => pick(paragraphs)).join('\n'),
    }
  })
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const gc = () => (globalThis as { gc?: () => void }).gc?.()

async function main() {
  if (!(globalThis as { gc?: () => void }).gc) console.warn('Run with node --expose-gc (npm run bench:search does) for the memory figure.')
  console.log(
    `[search] ${ANSWERS} answers, Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  const docs = documents(ANSWERS)
  const textChars = docs.reduce(
    (sum, doc) => sum + doc.item.title.length + doc.item.summary.length + doc.question.length + doc.text.length,
    0,
  )
  console.log(
    `[search] indexed text: ${(textChars / ANSWERS).toFixed(0)} characters per answer on average, ${paragraphsOf.size} cancer types`,
  )

  gc()
  const before = process.memoryUsage().heapUsed
  // How long other work (a request) waits at most while the index builds: the build yields in chunks.
  const stalls = monitorEventLoopDelay({ resolution: 10 })
  stalls.enable()
  const started = performance.now()
  const search = await createMiniSearch(docs)
  const buildMs = performance.now() - started
  stalls.disable()
  gc()
  const indexBytes = process.memoryUsage().heapUsed - before
  console.log(
    `[search] build: ${buildMs.toFixed(0)} ms, longest wait for other work meanwhile ${(stalls.max / 1e6).toFixed(0)} ms; heap held by the catalog (index and list entries): ${mb(indexBytes)}`,
  )

  for (const q of QUERIES) await search.search(q) // warm
  const times: number[] = []
  const perQuery = new Map<string, number[]>()
  for (let round = 0; round < 50; round++) {
    for (const q of QUERIES) {
      const t = performance.now()
      await search.search(q, { limit: 20 })
      const ms = performance.now() - t
      times.push(ms)
      perQuery.set(q, [...(perQuery.get(q) ?? []), ms])
    }
  }
  times.sort((a, b) => a - b)
  console.log(
    `[search] ${times.length} searches: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`,
  )
  for (const [q, list] of perQuery) {
    const sorted = list.sort((a, b) => a - b)
    const { totalDocs } = await search.search(q)
    console.log(
      `  ${JSON.stringify(q).padEnd(28)} p50 ${percentile(sorted, 50).toFixed(2).padStart(6)} ms  ${String(totalDocs).padStart(6)} matches`,
    )
  }
  // What a client can make one search cost: many short prefixes, each matching much of the index.
  const worst: number[] = []
  for (const q of HEAVY_QUERIES) {
    const t = performance.now()
    for (let round = 0; round < 5; round++) await search.search(q, { limit: 20 })
    worst.push((performance.now() - t) / 5)
  }
  console.log(`[search] heavy queries (many short prefixes), mean of 5 runs each:`)
  HEAVY_QUERIES.forEach((q, i) => console.log(`  ${JSON.stringify(q).padEnd(72)} ${worst[i]!.toFixed(1).padStart(6)} ms`))
  // What a publication costs once the catalog exists: one answer dropped and indexed again.
  const updates: number[] = []
  for (let i = 0; i < 50; i++) {
    const [changed] = documents(1).map((document) => ({ ...document, item: { ...document.item, slug: `answer-${i}` } }))
    const t = performance.now()
    await search.replace([changed!.item.slug], [changed!])
    updates.push(performance.now() - t)
  }
  updates.sort((a, b) => a - b)
  console.log(
    `[search] update after a publication (one answer re-indexed, the index vacuumed, the list re-sorted): p50 ${percentile(updates, 50).toFixed(1)} ms, p95 ${percentile(updates, 95).toFixed(1)} ms`,
  )
  console.log(
    `[search] load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  // Keep the index reachable until the memory figure above was taken.
  if (!search) process.exit(1)
}

await main()
