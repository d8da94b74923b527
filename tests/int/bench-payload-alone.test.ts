/**
 * Issue 15 (publishing 1,000 answers): `npm run bench:publish` compares the product's publication with
 * Payload alone, the same saves with every collection hook of the project switched off, to show how
 * much of the time is Payload's. These tests check that the comparison measures what it says: the
 * "Payload alone" answers are the same documents, saved and published without any project hook; the
 * product's answers went through them; the two sides alternate in ABBA order; and the hooks are back
 * in place afterwards, also when a save fails half-way.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { compareWithPayloadAlone, type BenchTemplate } from '@bench/publishing'
import { toSlug } from '@/lib/slugify'
import { ANSWERS, WORKFLOW_EVENTS } from '@collections/slugs'
import { createCancerType, createCompleteDraft, createSource, createUser } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let reviewer: User
let type: CancerType
let source: GuidelineSource

beforeAll(async () => {
  payload = await startPayload()
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Floor', credentials: 'MD' })
}, 120_000)
afterAll(async () => stopPayload(payload))

/** A template of its own for each comparison: its copies are told apart by the template's title. */
const newBench = async (): Promise<BenchTemplate> => ({
  template: await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id }),
  reviewers: [reviewer],
})

async function copy(bench: BenchTemplate, i: number): Promise<Answer> {
  const title = `${bench.template.title} (benchmark copy ${i})`
  const { docs } = await payload.find({ collection: ANSWERS, where: { title: { equals: title } }, depth: 0, overrideAccess: true })
  expect(docs, `benchmark copy ${i}`).toHaveLength(1)
  return docs[0]!
}

const eventsOf = async (answer: Answer) =>
  (await payload.count({ collection: WORKFLOW_EVENTS, where: { answer: { equals: answer.id } }, overrideAccess: true })).totalDocs

/** What a save stores for the page, without the ids and the document's own identity. */
const content = (answer: Answer) => ({
  body: answer.body,
  summary: answer.summary,
  keyTakeaway: answer.keyTakeaway,
  citations: answer.citations?.map(({ source, passageId, quote }) => ({ source, passageId, quote })),
  safetyWarnings: answer.safetyWarnings?.map(({ code, severity, where, claim, message }) => ({ code, severity, where, claim, message })),
  // Each copy has its own question text, which the hash covers: only whether there is one.
  hashed: typeof answer.contentHash === 'string' && answer.contentHash.length > 0,
  publicJson: answer.publicJson === null || answer.publicJson === undefined ? answer.publicJson : 'set',
  _status: answer._status,
  workflowStage: answer.workflowStage,
})

describe('the comparison with Payload alone', () => {
  it('publishes the same answers both ways, alternating ABBA, with no project hook on the Payload-alone side', async () => {
    const hooksBefore = new Map(Object.values(payload.collections).map((collection) => [collection.config.slug, collection.config.hooks]))
    const beforeChangeBefore = payload.collections.answers!.config.hooks.beforeChange
    const updateBefore = Object.getOwnPropertyDescriptor(payload, 'update')

    const bench = await newBench()
    const result = await compareWithPayloadAlone(payload, bench, { batches: 2, batchSize: 1, warmup: 1 })

    expect(result.answers).toBe(2)
    for (const side of [result.product, result.payloadAlone]) {
      expect(side.ms).toBeGreaterThan(0)
      expect(side.cpuMs).toBeGreaterThan(0)
    }
    // The checks ran inside the product's timed saves (the draft's, at least), among the answer's
    // other hooks, whose time is part of the product's.
    expect(result.checksMs).toBeGreaterThan(0)
    const hooks = new Map(result.answerHooksMs.map(({ hook, ms }) => [hook, ms]))
    expect(hooks.get('beforeChange checkAnswerOnSave')).toBe(result.checksMs)
    expect(hooks.get('afterChange recordWorkflowEvent')).toBeGreaterThan(0)
    const inHooks = result.answerHooksMs.reduce((sum, { ms }) => sum + ms, 0)
    expect(inHooks).toBeLessThan(result.product.ms)

    // Copy 1 shows what publishAnswer writes; 2 and 3 are the warm-up (product, then Payload alone);
    // batch 0 runs the product first (4, then 5), batch 1 Payload alone first (6, then 7).
    const payloadAlone = [3, 5, 6]
    const product = [1, 2, 4, 7]
    const reference = content(await copy(bench, 1))
    expect(reference._status).toBe('published')
    expect(reference.publicJson).toBe('set')
    expect(reference.hashed).toBe(true)
    expect(reference.safetyWarnings?.length ?? 0).toBeGreaterThan(0)
    for (const i of product) {
      const answer = await copy(bench, i)
      expect(content(answer)).toEqual(reference)
      // The product's hooks ran: the draft's save and the publication are in the workflow history.
      expect(await eventsOf(answer)).toBe(2)
    }
    for (const i of payloadAlone) {
      const answer = await copy(bench, i)
      // The same page, flags and hash, stored as the product stores them...
      expect(content(answer)).toEqual(reference)
      // ...without any project hook: no workflow event was recorded.
      expect(await eventsOf(answer)).toBe(0)
    }

    // Every collection has its own hooks back, and the checks' hook is no longer wrapped.
    for (const collection of Object.values(payload.collections))
      expect(collection.config.hooks).toBe(hooksBefore.get(collection.config.slug))
    expect(payload.collections.answers!.config.hooks.beforeChange).toBe(beforeChangeBefore)
    // payload.update, watched to learn what a publication writes, is Payload's own again.
    expect(Object.getOwnPropertyDescriptor(payload, 'update')).toEqual(updateBefore)
  })

  it('puts the hooks back when a save fails half-way', async () => {
    const hooksBefore = new Map(Object.values(payload.collections).map((collection) => [collection.config.slug, collection.config.hooks]))
    const bench = await newBench()
    const create = payload.create.bind(payload)
    let answerCreates = 0
    // The third answer created is the first Payload-alone one (after the product's two): it fails.
    payload.create = ((args: Parameters<Payload['create']>[0]) => {
      if (args.collection === ANSWERS && ++answerCreates === 3) throw new Error('The disk is full.')
      return create(args)
    }) as Payload['create']
    try {
      await expect(compareWithPayloadAlone(payload, bench, { batches: 1, batchSize: 1, warmup: 1 })).rejects.toThrow('The disk is full.')
    } finally {
      payload.create = create
    }
    expect(answerCreates).toBe(3)
    for (const collection of Object.values(payload.collections))
      expect(collection.config.hooks).toBe(hooksBefore.get(collection.config.slug))
    // The product's copies before the failure are there, with their history; Payload alone's rolled back.
    expect(await eventsOf(await copy(bench, 2))).toBe(2)
    expect(
      (await payload.count({ collection: ANSWERS, where: { title: { like: bench.template.title } }, overrideAccess: true })).totalDocs,
    ).toBe(3)
    // The project's hooks work again: the next comparison's first copy, through the product, records its history.
    const again = await newBench()
    await compareWithPayloadAlone(payload, again, { batches: 0, warmup: 0 })
    expect(await eventsOf(await copy(again, 1))).toBe(2)
  })

  it('numbers its copies after the ones already published, so that no copy of the product looks for a free slug', async () => {
    const bench = await newBench()
    // Copies 1 to 3: the publication learnt from, then one warm-up answer each way.
    await compareWithPayloadAlone(payload, bench, { batches: 0, warmup: 1 })
    await compareWithPayloadAlone(payload, bench, { batches: 0, warmup: 1, firstCopy: 4 })
    for (const i of [1, 2, 4, 5]) {
      const answer = await copy(bench, i)
      // The slug made from the title, not a numbered sibling of a taken one.
      expect(answer.slug).toBe(toSlug(answer.title))
    }
  })
})
