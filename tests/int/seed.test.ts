import { createLocalReq, type CollectionSlug, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { currentContentHash } from '@/lib/workflow/contentHash'
import { DEMO_PASSWORD } from '@seed/data/users'
import { seed, seedIfEmpty, SeedRefusedError } from '@seed/index'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'
import type { Json } from '../helpers/json'

let payload: Payload
let firstReport: Awaited<ReturnType<typeof seed>>

beforeAll(async () => {
  payload = await startPayload()
  firstReport = await seed(payload, { allowDemo: true })
})
afterAll(async () => stopPayload(payload))

const all = async (collection: CollectionSlug, extra: Record<string, unknown> = {}) =>
  (await payload.find({ collection, pagination: false, depth: 0, overrideAccess: true, ...extra })).docs as Json[]

describe('seed', () => {
  it('creates the demo team: an admin, two editors, three reviewers with different specialties', async () => {
    const users = await all('users')
    const withRole = (role: string) => users.filter((user) => user.roles.includes(role))
    expect(withRole('admin')).toHaveLength(1)
    expect(withRole('editor')).toHaveLength(2)
    const reviewers = withRole('reviewer')
    expect(reviewers).toHaveLength(3)
    const specialtySets = reviewers.map((reviewer) => JSON.stringify([...reviewer.specialties].sort()))
    expect(new Set(specialtySets).size).toBe(3)
    for (const reviewer of reviewers) {
      expect(reviewer.credentials).toBeTruthy()
      expect(reviewer.active).toBe(true)
    }
  })

  it('creates enough content: 8+ cancer types, 6+ sources with passages, 25+ questions across types and statuses', async () => {
    expect((await all('cancer-types')).length).toBeGreaterThanOrEqual(8)
    const sources = await all('guideline-sources')
    expect(sources.length).toBeGreaterThanOrEqual(6)
    for (const source of sources) {
      expect(source.passages.length).toBeGreaterThan(0)
      expect(source.url).toMatch(/^https:\/\//)
      expect(source.version).toBeTruthy()
    }
    expect(sources.filter((source) => source.status === 'superseded').every((source) => source.supersededBy)).toBe(true)
    const questions = await all('questions')
    expect(questions.length).toBeGreaterThanOrEqual(25)
    expect(new Set(questions.map((question) => question.cancerType)).size).toBeGreaterThanOrEqual(6)
    expect(questions.filter((question) => question.status === 'drafting').length).toBeGreaterThan(0)
  })

  it('questions seeded as in progress really are: their draft jobs run and end drafted or failed with a reason', async () => {
    await payload.jobs.run({ queue: 'drafting', limit: 100 })
    const questions = await all('questions')
    expect(questions.filter((question) => question.status === 'drafting')).toEqual([])
    const statuses = new Set(questions.map((question) => question.status))
    for (const status of ['new', 'drafted', 'draft_failed', 'published', 'archived', 'duplicate']) expect(statuses).toContain(status)
    for (const question of questions.filter((q) => q.status === 'drafted')) {
      expect((await all('answers', { where: { question: { equals: question.id } }, draft: true })).length, question.text).toBe(1)
    }
    for (const question of questions.filter((q) => q.status === 'draft_failed'))
      expect(question.draftFailureReason).toMatch(/No guideline sources for/)
  })

  it('publishes the metastatic pancreatic surgery answer through a real approval bound to its content', async () => {
    const [answer] = await all('answers', { where: { slug: { equals: 'is-surgery-an-option-for-metastatic-pancreatic-cancer' } } })
    expect(answer._status).toBe('published')
    expect(answer.workflowStage).toBe('published')
    expect(answer.body.root.children.some((node: { type: string }) => node.type === 'heading')).toBe(true)
    expect(answer.questionsToAsk.length).toBeGreaterThanOrEqual(5)
    expect(answer.keyTakeaway).toBeTruthy()
    expect(answer.nextReviewDue > answer.lastReviewedAt).toBe(true)
    const approvals = await all('approvals', { where: { answer: { equals: answer.id } } })
    expect(approvals).toHaveLength(1)
    expect(approvals[0]).toMatchObject({
      decision: 'approve',
      attestation: true,
      contentHash: await currentContentHash(await createLocalReq({}, payload), answer),
    })
    expect(answer.reviewedBy).toEqual([approvals[0].reviewer])
    // Publishing is not authorship: the last content change is still the editor's.
    const [editor] = await all('users', { where: { email: { equals: 'editor@example.org' } } })
    expect(answer.lastEditedBy).toBe(editor.id)
    const question = await payload.findByID({ collection: 'questions', id: answer.question, depth: 0 })
    expect(question.status).toBe('published')
  })

  it('every seeded citation resolves to a passage of its source', async () => {
    const sources = new Map((await all('guideline-sources')).map((source) => [source.id, source]))
    for (const answer of await all('answers', { draft: true })) {
      expect(answer.citations.length).toBeGreaterThan(0)
      for (const citation of answer.citations) {
        const passage = sources.get(citation.source)?.passages.find((p: { passageId: string }) => p.passageId === citation.passageId)
        expect(passage, citation.passageId).toBeTruthy()
        expect(passage.text).toContain(citation.quote)
      }
    }
  })

  it('the public sees the published answer with its reviewer, and the demo logins work', async () => {
    const rest = new RestClient(payload)
    const list = await rest.get('/answers')
    expect(list.body.docs.map((doc: { slug: string }) => doc.slug)).toEqual(['is-surgery-an-option-for-metastatic-pancreatic-cancer'])
    expect(list.body.docs[0].reviewCredits[0]).toMatchObject({ name: 'Dr Maya Okafor', credentials: expect.stringContaining('MD') })
    await expect(rest.login('admin@example.org', DEMO_PASSWORD)).resolves.toMatch(/payload-token=/)
  })

  it('seeding twice changes nothing', async () => {
    const snapshot = async () => {
      const state: Record<string, unknown> = {}
      for (const collection of [
        'users',
        'cancer-types',
        'guideline-sources',
        'questions',
        'answers',
        'approvals',
        'payload-jobs',
      ] as CollectionSlug[]) {
        state[collection] = (await all(collection, { draft: collection === 'answers' })).map((doc) => [doc.id, doc.updatedAt])
      }
      state.versions = (await payload.countVersions({ collection: 'answers' })).totalDocs
      return state
    }
    const before = await snapshot()
    const second = await seed(payload, { allowDemo: true })
    expect(second.created).toEqual({})
    expect(Object.values(second.skipped).reduce((a, b) => a + b, 0)).toBe(
      Object.entries(firstReport.created)
        .filter(([collection]) => collection !== 'approvals')
        .reduce((sum, [, count]) => sum + count, 0),
    )
    expect(await snapshot()).toEqual(before)
  })

  it('on start, a database with users is left alone, even where demo data is not allowed', async () => {
    const users = (await payload.count({ collection: 'users', overrideAccess: true })).totalDocs
    const versions = (await payload.countVersions({ collection: 'answers' })).totalDocs
    await expect(seedIfEmpty(payload, { allowDemo: false })).resolves.toBe(
      `[seed] Seed skipped: the database already has ${users} user(s).`,
    )
    await expect(seedIfEmpty(payload, { allowDemo: true })).resolves.toMatch(/Seed skipped/)
    expect((await payload.countVersions({ collection: 'answers' })).totalDocs).toBe(versions)
  })

  it('refuses, saying why, when demo data is not allowed (a database other than the embedded default)', async () => {
    await expect(seed(payload, { allowDemo: false })).rejects.toThrow(SeedRefusedError)
    await expect(seed(payload, { allowDemo: false })).rejects.toThrow(/SEED_DEMO=true/)
  })
})

describe('the checks on the seeded answers', () => {
  it('every answer the seed writes is checked on save, and none has a high-severity flag', async () => {
    // The seed's own (person-written) answers; the drafts its queued jobs made are machine drafts,
    // flagged or not on their merits.
    const answers = await all('answers', { draft: true, where: { 'provenance.draftedBy': { equals: 'person' } } })
    expect(answers.length).toBeGreaterThan(0)
    // Checked on save like any other: every stored flag has a severity.
    for (const answer of answers)
      for (const flag of answer.safetyWarnings ?? []) expect(flag.severity, `${answer.title}: ${flag.code}`).toMatch(/^(high|medium|low)$/)
    const high = answers.flatMap((answer) =>
      (answer.safetyWarnings ?? [])
        .filter((flag: Json) => flag.severity === 'high')
        .map((flag: Json) => `${answer.title}: ${flag.code} (${flag.where}) ${flag.message}`),
    )
    expect(high).toEqual([])
  })
})
