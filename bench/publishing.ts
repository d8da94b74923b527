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
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createLocalReq, type Field, type Payload } from 'payload'

import type { Answer, User } from '@/payload-types'

import { type AdapterProfile, profileAdapter } from './adapterProfile'

const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
/** Issue 15: publishing 1,000 answers took 115 s; the target is 3x faster. */
const ISSUE_SECONDS = 115
const TARGET_SECONDS = (ISSUE_SECONDS / 3).toFixed(1)

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

export type BenchTemplate = {
  /** The answer each benchmark answer copies (read as a draft: the drafter's fields). */
  template: Answer
  /** Who approved: publishAnswer credits them on the public page. */
  reviewers: User[]
}

/** The seeded published pancreatic answer and its reviewer: what `npm run bench` publishes 1,000 copies of. */
export async function seededBenchTemplate(payload: Payload): Promise<BenchTemplate> {
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
  return { template, reviewers }
}

const questionData = (i: number, template: Answer) => ({
  text: `Benchmark question ${i}: ${template.title}`,
  cancerType: template.cancerType,
  priority: 'normal' as const,
  origin: 'editorial' as const,
  status: 'drafted' as const,
  submittedAt: new Date().toISOString(),
})

/** One benchmark answer through the product's code: its question, the drafter's save, publishAnswer; one transaction. */
async function publishCopy(payload: Payload, { template, reviewers }: BenchTemplate, i: number): Promise<void> {
  const { publishAnswer } = await import('@/lib/workflow/publishIfApproved')
  const { saveDraftedAnswer } = await import('@/lib/workflow/transitions')
  const { withTransaction } = await import('@/lib/transaction')
  await withTransaction(await createLocalReq({}, payload), async (req) => {
    const question = await payload.create({ collection: 'questions', data: questionData(i, template), overrideAccess: true, req })
    // The drafter's own save (src/lib/drafting/saveDraft.ts) makes the first draft.
    const answer = await saveDraftedAnswer(req, undefined, {
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
    })
    await publishAnswer(req, answer, { reviewers })
  })
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
  const counter = profile ?? profileAdapter(payload)
  const template = await seededBenchTemplate(payload)
  const calls = counter.counts.queries
  const started = performance.now()
  const cpu = process.cpuUsage()
  let hundred = started
  for (let i = 1; i <= n; i++) {
    await publishCopy(payload, template, i)
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

export type PayloadAloneComparison = {
  /** Answers timed on each side (warm-up left out). */
  answers: number
  /** The product's publication (publishCopy): ms and CPU ms per answer. */
  product: { ms: number; cpuMs: number }
  /** The same three saves of the same documents with every collection hook of the project off. */
  payloadAlone: { ms: number; cpuMs: number }
  /** Of the product's time, the claim-level checks every save of an answer runs (DESIGN.md, "Evidence"), per answer. */
  checksMs: number
  /**
   * Each hook of the answers collection in the product's saves, ms per answer, slowest first
   * ("beforeChange checkAnswerOnSave"); a hook's time includes the reads and writes it makes, and
   * the answers collection's hooks those run (counted once, under the outer hook).
   */
  answerHooksMs: { hook: string; ms: number }[]
}

type HookLists = Record<string, unknown[] | undefined>

/**
 * The floor under publishing: Payload doing the same saves without the product's work. Publishes
 * copies of the template alternately through the product's code and as "Payload alone", in batches
 * of `batchSize` in ABBA order (so that the drift of a shared machine falls on both sides), after
 * `warmup` answers of each that are not timed. "Payload alone" makes the same three saves in one
 * transaction (the question; the answer as a draft, with every field the product's save stores,
 * safety flags and content hash included; then its publication, with the data publishAnswer wrote)
 * while every collection hook is switched off (the project's, and Payload's own on collections
 * these saves do not touch, such as its jobs): no reads of other documents, no
 * checks, no workflow event, feed row or purge. Payload's validation (the project's few field
 * validators included) and its rich-text field hooks still run; the slugs are given, so the
 * project's slug fields look nothing up. The hooks are restored whatever happens. Also times each hook
 * of the answers collection inside the product's saves, the claim-level checks (`checkAnswerOnSave`)
 * among them.
 */
export async function compareWithPayloadAlone(
  payload: Payload,
  bench: BenchTemplate,
  {
    batches = 20,
    batchSize = 10,
    warmup = 20,
    firstCopy = 1,
  }: {
    batches?: number
    batchSize?: number
    warmup?: number
    /**
     * The number of the first copy: after the copies of the template already in the database, as
     * `publishBenchAnswers` numbers them. A copy whose question text or title is taken would have
     * its slug field read the taken slugs for a free one, work that the Payload-alone side (its
     * slugs given) and a real publication do not do.
     */
    firstCopy?: number
  } = {},
): Promise<PayloadAloneComparison> {
  const { withTransaction } = await import('@/lib/transaction')
  const { checkAnswerOnSave } = await import('@collections/Answers/hooks/checkAnswerOnSave')
  let copy = firstCopy - 1
  // What publishAnswer writes, taken from a publication of the product's own code.
  let publication: Partial<Answer> | undefined
  const ownUpdate = Object.getOwnPropertyDescriptor(payload, 'update')
  const update = payload.update.bind(payload)
  payload.update = ((args: Parameters<Payload['update']>[0]) => {
    if (args.collection === 'answers' && (args.data as Partial<Answer>)._status === 'published')
      publication = structuredClone(args.data) as Partial<Answer>
    return update(args)
  }) as Payload['update']
  try {
    await publishCopy(payload, bench, ++copy)
  } finally {
    // Back to exactly what it was: Payload's method comes from the prototype.
    if (ownUpdate) Object.defineProperty(payload, 'update', ownUpdate)
    else Reflect.deleteProperty(payload, 'update')
  }
  if (!publication) throw new Error('publishAnswer did not publish through payload.update.')
  const {
    docs: [published],
  } = await payload.find({
    collection: 'answers',
    where: { title: { equals: `${bench.template.title} (benchmark copy ${copy})` } },
    depth: 0,
  })
  if (!published) throw new Error('The publication made to learn its data is not there.')
  const draft = draftFields(payload, published, Object.keys(publication))

  // Each comparison's slugs are its own: a database may hold an earlier one's copies.
  const runId = randomUUID().slice(0, 8)
  const payloadAlone = async (i: number) =>
    withTransaction(await createLocalReq({}, payload), async (req) => {
      // Slugs given, so that the project's slug fields do not look for a free one (the product's side does).
      const question = await payload.create({
        collection: 'questions',
        data: { ...questionData(i, bench.template), slug: `payload-alone-${runId}-question-${i}` },
        overrideAccess: true,
        req,
      })
      const answer = await payload.create({
        collection: 'answers',
        data: {
          ...draft,
          question: question.id,
          title: `${bench.template.title} (benchmark copy ${i})`,
          slug: `payload-alone-${runId}-answer-${i}`,
        } as Answer,
        draft: true,
        depth: 0,
        overrideAccess: true,
        req,
      })
      await payload.update({ collection: 'answers', id: answer.id, data: publication!, depth: 0, overrideAccess: true, req })
    })

  const collections = Object.values(payload.collections).map((collection) => collection.config)
  const projectHooks = new Map(collections.map((config) => [config, config.hooks as unknown as HookLists]))
  const answersConfig = payload.collections.answers!.config
  // The time of each hook of the answers collection inside the product's saves (the checks among them).
  // A hook that reads answers (keepOneAnswerPerQuestion's find) runs the collection's operation hooks
  // again inside it: only the outermost hook's time is counted, so no time is counted twice.
  const hookMs = new Map<string, number>()
  let checksKey: string | undefined
  let timing = false
  let inHook = 0
  const timedAnswerHooks = Object.fromEntries(
    Object.entries(projectHooks.get(answersConfig)!).map(([kind, hooks]) => [
      kind,
      hooks?.map((hook) => {
        const run = hook as (...args: unknown[]) => unknown
        const key = `${kind} ${run.name || 'anonymous'}`
        if (hook === checkAnswerOnSave) checksKey = key
        return async (...args: unknown[]) => {
          const outermost = inHook === 0
          const started = performance.now()
          inHook += 1
          try {
            return await run(...args)
          } finally {
            inHook -= 1
            if (timing && outermost) hookMs.set(key, (hookMs.get(key) ?? 0) + performance.now() - started)
          }
        }
      }),
    ]),
  )
  if (!checksKey) throw new Error("checkAnswerOnSave is not among the answers collection's hooks.")
  const switchHooks = (side: 'product' | 'payloadAlone' | 'restore') => {
    for (const [config, hooks] of projectHooks) {
      const next =
        side === 'payloadAlone'
          ? Object.fromEntries(Object.keys(hooks).map((kind) => [kind, []]))
          : side === 'product' && config === answersConfig
            ? timedAnswerHooks
            : hooks
      ;(config as { hooks: unknown }).hooks = next
    }
  }

  const totals = { product: { ms: 0, cpuMs: 0 }, payloadAlone: { ms: 0, cpuMs: 0 } }
  const run = async (side: keyof typeof totals, count: number, measure: boolean) => {
    switchHooks(side)
    timing = measure && side === 'product'
    const started = performance.now()
    const cpu = process.cpuUsage()
    for (let j = 0; j < count; j++) await (side === 'product' ? publishCopy(payload, bench, ++copy) : payloadAlone(++copy))
    const { user, system } = process.cpuUsage(cpu)
    if (measure) {
      totals[side].ms += performance.now() - started
      totals[side].cpuMs += (user + system) / 1000
    }
  }
  try {
    await run('product', warmup, false)
    await run('payloadAlone', warmup, false)
    for (let batch = 0; batch < batches; batch++) {
      const order: (keyof typeof totals)[] = batch % 4 === 0 || batch % 4 === 3 ? ['product', 'payloadAlone'] : ['payloadAlone', 'product']
      for (const side of order) await run(side, batchSize, true)
    }
  } finally {
    switchHooks('restore')
  }
  const answers = batches * batchSize
  const per = ({ ms, cpuMs }: { ms: number; cpuMs: number }) => ({ ms: ms / Math.max(answers, 1), cpuMs: cpuMs / Math.max(answers, 1) })
  return {
    answers,
    product: per(totals.product),
    payloadAlone: per(totals.payloadAlone),
    checksMs: (hookMs.get(checksKey) ?? 0) / Math.max(answers, 1),
    answerHooksMs: [...hookMs].map(([hook, ms]) => ({ hook, ms: ms / Math.max(answers, 1) })).sort((a, b) => b.ms - a.ms),
  }
}

/**
 * A published answer as the data of a new draft: every stored field but the publication's own, the
 * ids (the document's, its array rows') and what identifies it (question, slug, status).
 */
/** A row as data for a new document: Payload gives each row of the new document an id of its own. */
function withoutId(row: Record<string, unknown>): Record<string, unknown> {
  const data = { ...row }
  delete data.id
  return data
}

function draftFields(payload: Payload, answer: Answer, publicationKeys: string[]): Partial<Answer> {
  const skip = new Set([...publicationKeys, 'id', 'createdAt', 'updatedAt', 'question', 'slug', '_status'])
  const withoutRowIds = (fields: Field[], data: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...data }
    for (const field of fields) {
      if (!('name' in field) || out[field.name] === null || out[field.name] === undefined) continue
      if (field.type === 'array' && Array.isArray(out[field.name]))
        out[field.name] = (out[field.name] as Record<string, unknown>[]).map((row) => withoutRowIds(field.fields, withoutId(row)))
      else if (field.type === 'group') out[field.name] = withoutRowIds(field.fields, out[field.name] as Record<string, unknown>)
    }
    return out
  }
  const fields = payload.collections.answers!.config.fields
  return Object.fromEntries(
    Object.entries(withoutRowIds(fields, answer as unknown as Record<string, unknown>)).filter(([key]) => !skip.has(key)),
  )
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

  const batches = Number(process.env.BENCH_FLOOR_BATCHES ?? 20)
  if (batches > 0) {
    console.log(
      `\n[bench] Against Payload alone: ${batches} batches of 10 answers each way, alternated (ABBA), after 20 warm-up answers each...`,
    )
    const floorLoad = os.loadavg()
    const { answers, product, payloadAlone, answerHooksMs } = await compareWithPayloadAlone(payload, await seededBenchTemplate(payload), {
      batches,
      firstCopy: n + 1,
    })
    const row = (label: string, ms: number, cpuMs?: number) =>
      console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(6)} ms${cpuMs === undefined ? '' : `  (CPU ${cpuMs.toFixed(1)} ms)`}`)
    const own = product.ms - payloadAlone.ms
    const shown = answerHooksMs.slice(0, 8)
    const inHooks = answerHooksMs.reduce((sum, { ms }) => sum + ms, 0)
    console.log(`\nPer answer, ${answers} answers each way, in this process:`)
    row('the product (question, draft, publishAnswer)', product.ms, product.cpuMs)
    row('Payload alone (the same saves, no project hook)', payloadAlone.ms, payloadAlone.cpuMs)
    row("the product's own work (the difference)", own)
    row("  in the answer's hooks", inHooks)
    for (const { hook, ms } of shown) row(`    ${hook}`, ms)
    row(`    ${answerHooksMs.length - shown.length} other hooks`, inHooks - shown.reduce((sum, { ms }) => sum + ms, 0))
    row('  elsewhere (publishAnswer, the question, the commit)', own - inHooks)
    const ratio = payloadAlone.ms / product.ms
    console.log(
      `Payload alone / the product: ${(100 * ratio).toFixed(1)} % of the time, ${((100 * payloadAlone.cpuMs) / product.cpuMs).toFixed(1)} % of the CPU`,
    )
    console.log(
      `At that ratio, Payload alone would publish the ${n} answers above in ${(ratio * result.seconds).toFixed(1)} s (the product: ${result.seconds.toFixed(1)} s; the issue's target for 1,000: at most ${TARGET_SECONDS} s, 3x faster than ${ISSUE_SECONDS} s)`,
    )
    console.log(
      `load average:  ${floorLoad.map((x) => x.toFixed(2)).join(' ')} at start, ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} at end`,
    )
  }
  await payload.destroy()
  fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main()
