/**
 * No API key: the offline extractive drafter. Every seeded question whose cancer type has current
 * guideline sources gets a reviewable draft; the others fail with the reason. No model is called.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, GuidelineSource, Question } from '@/payload-types'
import { seed } from '@seed/index'
import { createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { DRAFTER: 'auto', JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
  await seed(payload, { allowDemo: true })
})
afterAll(async () => stopPayload(payload))

describe('offline extractive drafter', () => {
  it('drafts every seeded question that has sources, and explains the rest', async () => {
    const rest = new RestClient(payload)
    const editor = await createUser(payload, { roles: ['editor'] })
    const cookie = await rest.login(editor.email, PASSWORD)
    const sources = (
      await payload.find({ collection: 'guideline-sources', where: { status: { equals: 'current' } }, pagination: false, depth: 0 })
    ).docs as GuidelineSource[]
    const coveredTypes = new Set(sources.flatMap((source) => source.cancerTypes.map(String)))
    // The seed's own draft jobs first; then every question that can be (re)drafted, drafted at once.
    await payload.jobs.run({ queue: 'drafting', limit: 100 })
    const draftable = (
      await payload.find({
        collection: 'questions',
        where: { status: { in: ['new', 'draft_failed', 'drafted', 'changes_requested'] } },
        pagination: false,
        depth: 0,
      })
    ).docs as Question[]
    expect(draftable.length).toBeGreaterThanOrEqual(30)

    const response = await rest.post('/questions/draft', { cookie, json: { ids: draftable.map((question) => question.id) } })
    expect(response.status).toBe(202)
    expect(response.body.queued).toHaveLength(draftable.length)
    await payload.jobs.run({ queue: 'drafting', limit: 100 })

    const passages = new Map(
      sources.flatMap((source) => (source.passages ?? []).map((passage) => [`${source.id}:${passage.passageId}`, passage.text])),
    )
    let drafted = 0
    for (const question of draftable) {
      const after = await payload.findByID({ collection: 'questions', id: question.id, depth: 0 })
      if (!coveredTypes.has(String(question.cancerType))) {
        expect(after.status).toBe('draft_failed')
        expect(after.draftFailureReason).toMatch(/^No guideline sources for /)
        continue
      }
      expect(after.status, `${question.text}: ${after.draftFailureReason}`).toBe('drafted')
      const [answer] = (await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 }))
        .docs as Answer[]
      expect(answer!.provenance).toMatchObject({ draftedBy: 'extractive', modelId: null, costUsd: 0, modelCalls: 0 })
      expect(answer!.summary!.length).toBeGreaterThan(20)
      expect(answer!.questionsToAsk).toHaveLength(5)
      expect(answer!.keyTakeaway).toBeTruthy()
      const headings = (answer!.body!.root.children as unknown as { type: string }[]).filter((node) => node.type === 'heading')
      expect(headings.length).toBeGreaterThanOrEqual(3)
      expect(answer!.citations!.length).toBeGreaterThanOrEqual(1)
      for (const citation of answer!.citations!) {
        // Extractive means every quote is the guideline text itself.
        expect(passages.get(`${citation.source}:${citation.passageId}`)).toContain(citation.quote!.replace(/…$/, ''))
      }
      drafted += 1
    }
    expect(drafted).toBeGreaterThanOrEqual(20)
    console.log(
      `[offline drafter] ${drafted} of ${draftable.length} draftable seeded questions drafted; the rest have no guideline sources`,
    )
  })

  it('the admin labels the provenance "extractive, not written by a model"', () => {
    const provenance = payload.collections.answers.config.flattenedFields.find((field) => field.name === 'provenance') as unknown as {
      flattenedFields: { name: string; options?: { label: string; value: string }[] }[]
    }
    const draftedBy = provenance.flattenedFields.find((field) => field.name === 'draftedBy')!
    expect(draftedBy.options).toContainEqual({ label: 'Extractive, not written by a model', value: 'extractive' })
  })
})
