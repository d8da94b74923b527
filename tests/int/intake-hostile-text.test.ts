/**
 * Patient text that looks like something else: a duplicate with invisible characters, text that is
 * not valid Unicode, control and text-direction characters, and a patient's name in a public address
 * that an editor clears.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, User } from '@/payload-types'
import { createApiKey } from '@/lib/apiKeys'
import { createAnswerInReview, createCancerType, createSource, createUser, PASSWORD, unique } from '../helpers/fixtures'
import { relationId } from '@/lib/relationId'
import { currentContentHash } from '@/lib/workflow/contentHash'
import { RestClient } from '../helpers/rest'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { DRAFTER: 'extractive', JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let type: CancerType
let importerKey: string
let editor: User

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload, unique('Findings cancer'))
  importerKey = (await createApiKey(payload, { name: 'Patient portal', role: 'importer' })).key
  editor = await createUser(payload, { roles: ['editor'] })
  await payload.create({
    collection: 'guideline-sources',
    data: {
      publisher: 'nccn',
      title: unique('Surgery guideline'),
      version: 'Version 1.2026',
      publicationDate: '2026-01-15',
      url: 'https://www.nccn.org/guidelines',
      cancerTypes: [type.id],
      status: 'current',
      passages: ['one', 'two', 'three'].map((n) => ({
        passageId: `surgery-${n}`,
        heading: `Surgery ${n}`,
        text: `Surgery is an option for some patients with localized disease. Surgery is usually not an option when the cancer has spread, part ${n}.`,
      })),
    },
    overrideAccess: true,
  })
})
afterAll(async () => stopPayload(payload))

const intake = (json: unknown) => rest.post('/questions', { headers: { authorization: `Bearer ${importerKey}` }, json })
const intakeRaw = (body: string) => rest.post('/questions', { headers: { authorization: `Bearer ${importerKey}` }, rawBody: body })
const countWithKeyPrefix = async (prefix: string) =>
  (await payload.find({ collection: 'questions', where: { text: { like: prefix } }, overrideAccess: true, pagination: false, depth: 0 }))
    .docs

describe('duplicate defence of question intake', () => {
  it('refuses a question that differs from an existing one only by invisible characters (zero-width space, soft hyphen, word joiner)', async () => {
    const marker = unique('Is surgery an option')
    const base = `${marker} for me?`
    const first = await intake({ questions: [{ question: base, cancerType: type.slug }] })
    expect(first.status, first.text).toBe(201)
    // The same question as a patient, an editor and a reviewer see it; only invisible format characters added.
    const lookalikes = [
      base.replace(' ', ' \u200B'), // zero-width space
      base.replace(' ', '\u00AD '), // soft hyphen
      `${base}\u2060`, // trailing word joiner
      base.replace(' ', '\u200C '), // zero-width non-joiner
    ]
    const again = await intake({ questions: lookalikes.map((question) => ({ question, cancerType: type.slug })) })
    // Every look-alike is refused as a duplicate of the first, nothing created.
    expect(again.body.created, 'look-alike duplicates were created').toEqual([])
    expect(again.text).toContain(`Duplicate of an existing question (#${first.body.created[0].id})`)
    expect((await countWithKeyPrefix(marker)).length).toBe(1)
  })

  it('refuses text with a lone UTF-16 surrogate (the database would store another character): 400, nothing saved', async () => {
    const marker = unique('Is chemotherapy an option')
    const body = JSON.stringify({ questions: [{ question: `${marker} XSURR for me?`, cancerType: type.slug }] }).replace('XSURR', '\\ud800')
    const first = await intakeRaw(body)
    const second = await intakeRaw(body)
    const saved = await countWithKeyPrefix(marker)
    expect([first.status, second.status]).toEqual([400, 400])
    expect(first.text).toContain('contains a broken character (half of a UTF-16 surrogate pair')
    expect(saved).toEqual([])
    // Every other door too: the collection's own REST create.
    const cookie = await rest.login(editor.email, PASSWORD)
    const direct = await rest.post('/questions', {
      cookie,
      json: { text: `${marker} X for me?`.replace('X', '\ud800'), cancerType: type.id },
    })
    expect(direct.status, direct.text).toBe(400)
  })
})

describe('hostile characters in intake', () => {
  it('refuses control characters and text-direction overrides in a patient question, naming the character', async () => {
    const marker = unique('Is radiotherapy an option')
    const response = await intake({
      questions: [
        { question: `${marker} \u0007\u001b[31mafter surgery?`, cancerType: type.slug }, // BEL + ANSI escape
        { question: `${marker} \u202Eyrgrus retfa?`, cancerType: type.slug }, // right-to-left override
      ],
    })
    expect((await countWithKeyPrefix(marker)).map((q) => q.text)).toEqual([])
    expect(response.text).toContain('an invisible control or text-direction character (U+0007)')
    expect(response.text).toContain('an invisible control or text-direction character (U+202E)')
    // An editor's save meets the same rule (the field's validation).
    const cookie = await rest.login(editor.email, PASSWORD)
    const saved = await rest.post('/questions', { cookie, json: { text: `${marker} \u202Eyrgrus retfa?`, cancerType: type.id } })
    expect(saved.status, saved.text).toBe(400)
    expect(saved.text).toContain('U+202E')
  })
})

describe('a question stored with such a character before the rule', () => {
  it('still moves through the workflow: an editor changes its priority, its answer is approved and published', async () => {
    const source = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: unique('Dr Bidi'), credentials: 'MD' })
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    const questionId = relationId(answer.question)!
    // As an earlier version of the site stored it (the CSV import, the intake and the admin took it).
    await payload.db.updateOne({
      collection: 'questions',
      id: questionId,
      data: { text: `${unique('Is surgery an option')} \u202Eyrgrus retfa?` },
      returning: false,
    })
    const cookie = await rest.login(editor.email, PASSWORD)
    const changed = await rest.patch(`/questions/${questionId}`, { cookie, json: { priority: 'high' } })
    expect(changed.status, changed.text).toBe(200)
    // Its status follows the answer's publication: the text is not checked again for it.
    // The reviewer approves the page as it reads now (the hash covers the question shown with it).
    const latest = await payload.findByID({ collection: 'answers', id: answer.id, draft: true, depth: 0 })
    const contentHash = await currentContentHash(await createLocalReq({}, payload), latest)
    await payload.create({
      collection: 'approvals',
      data: { answer: answer.id, decision: 'approve', attestation: true, contentHash },
      user: reviewer,
      overrideAccess: false,
    })
    expect((await payload.findByID({ collection: 'answers', id: answer.id, draft: true, depth: 0 })).workflowStage).toBe('published')
    expect((await payload.findByID({ collection: 'questions', id: questionId, depth: 0 })).status).toBe('published')
  })
})

describe("a patient's original wording in the public URL", () => {
  it('an answer slug made from the patient wording is made again from the new title when the editor clears it', async () => {
    const name = 'maria-lopez'
    const asked = `${unique('My wife Maria Lopez')} has cancer that spread, is surgery an option?`
    const sent = await intake({ questions: [{ question: asked, cancerType: type.slug, origin: 'patient submission' }] })
    expect(sent.status, sent.text).toBe(201)
    const questionId = sent.body.created[0].id
    const cookie = await rest.login(editor.email, PASSWORD)
    const queued = await rest.post(`/questions/${questionId}/draft`, { cookie })
    expect(queued.status, queued.text).toBe(202)
    await payload.jobs.run({ queue: 'drafting', limit: 10 })
    const [answer] = (
      await payload.find({
        collection: 'answers',
        where: { question: { equals: questionId } },
        draft: true,
        depth: 0,
        overrideAccess: true,
      })
    ).docs as Answer[]
    expect(answer, 'the offline drafter made an answer').toBeTruthy()
    // The extractive drafter's title is the patient's text; the slug (the public URL and sitemap entry) is made from it.
    expect(answer!.slug).toContain(name)

    // The editor removes the name everywhere a reviewer will look, and empties the slug ("Made from the title when left empty").
    const q = await rest.patch(`/questions/${questionId}`, { cookie, json: { text: 'Is surgery an option when cancer has spread?' } })
    expect(q.status, q.text).toBe(200)
    const a = await rest.patch(`/answers/${answer!.id}?draft=true`, {
      cookie,
      json: { title: 'Is surgery an option when cancer has spread?', slug: '' },
    })
    expect(a.status, a.text).toBe(200)
    const after = await payload.findByID({ collection: 'answers', id: answer!.id, draft: true, depth: 0, overrideAccess: true })
    // An emptied slug is made again from the title as it is now; a save that does not send it keeps it.
    expect(after.slug).toBe('is-surgery-an-option-when-cancer-has-spread')
    expect((await rest.patch(`/answers/${answer!.id}?draft=true`, { cookie, json: { summary: after.summary } })).status).toBe(200)
    const kept = await payload.findByID({ collection: 'answers', id: answer!.id, draft: true, depth: 0, overrideAccess: true })
    expect(kept.slug).toBe('is-surgery-an-option-when-cancer-has-spread')
  })
})
