/**
 * Question intake over the API (issue 16): POST /api/questions with an importer key, the CSV import's
 * checks per item, created and refused by index; bad input 400/413; the ordinary create (editors, the
 * admin's form) unchanged; the importer reads the status of its own questions only.
 */
import { handleEndpoints, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType } from '@/payload-types'
import { createApiKey } from '@/lib/apiKeys'
import { MAX_INTAKE_ITEMS } from '@/lib/questionImport/intake'
import { createCancerType, createQuestion, createUser, PASSWORD, unique } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

let payload: Payload
let rest: RestClient
let type: CancerType
let importerKey: string
let importerId: string | number
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload, unique('Intake cancer'))
  const importer = await createApiKey(payload, { name: 'Portal', role: 'importer' })
  importerKey = importer.key
  importerId = importer.doc.id
  const editor = await createUser(payload, { roles: ['editor'] })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const intake = (json: unknown, key = importerKey) => rest.post('/questions', { headers: { authorization: `Bearer ${key}` }, json })
const count = async () => (await payload.count({ collection: 'questions', overrideAccess: true })).totalDocs

describe('POST /api/questions with an importer key', () => {
  it('creates the valid items and refuses the others by index, with the CSV import rules', async () => {
    const existing = await createQuestion(payload, type.id)
    const fresh = `${unique('Is radiotherapy used')} after surgery?`
    const response = await intake({
      questions: [
        { question: `  ${fresh}  `, cancerType: type.slug, priority: 'High', origin: 'patient submission' },
        { question: existing.text.toUpperCase().replace(/\?$/, ''), cancerType: type.name },
        { question: fresh, cancerType: type.name },
        { question: 'Too short', cancerType: type.name },
        { question: 'Which cancer type is this question about?', cancerType: 'Spleen cancer' },
        { question: 'Is this priority one of the allowed ones?', cancerType: type.name, priority: 'asap' },
        'not an object',
        { question: 42, cancerType: type.name },
        { question: `${unique('What does staging mean')} here?`, cancerType: type.name.toLowerCase() },
      ],
    })
    expect(response.status, response.text).toBe(201)
    expect(response.body.created.map((c: { index: number }) => c.index)).toEqual([0, 8])
    expect(response.body.created[0]).toMatchObject({ index: 0, status: 'new', question: fresh })
    const refused = Object.fromEntries(response.body.refused.map((r: { index: number; reasons: string[] }) => [r.index, r.reasons]))
    expect(Object.keys(refused).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7])
    // An importer may read no question but its own: the existing one is named by id, never quoted.
    expect(refused[1]).toEqual([`Duplicate of an existing question (#${existing.id}).`])
    expect(refused[2]).toEqual(['Duplicate of item 0 in this request.'])
    expect(refused[3]).toEqual(['The question is too short: at least 10 characters (it has 9).'])
    expect(refused[4]).toEqual(['Unknown cancer type "Spleen cancer". Use the name or slug of an existing cancer type.'])
    expect(refused[5][0]).toMatch(/^Unknown priority "asap"\. Use low, normal, high or urgent/)
    expect(refused[6][0]).toMatch(/^Each item must be an object/)
    expect(refused[7]).toEqual(['question must be text.'])
    expect(response.body.refused[0].reason).toBe(refused[1][0])

    const saved = await payload.findByID({ collection: 'questions', id: response.body.created[0].id, overrideAccess: true, depth: 0 })
    expect(saved).toMatchObject({ text: fresh, priority: 'high', origin: 'patient_submission', status: 'new', intakeKey: importerId })
  })

  it('answers 200 with nothing created when every item is refused, and saves nothing', async () => {
    const before = await count()
    const response = await intake({ questions: [{ question: 'Short', cancerType: type.name }] })
    expect(response.status, response.text).toBe(200)
    expect(response.body.created).toEqual([])
    expect(response.body.refused).toHaveLength(1)
    expect(await count()).toBe(before)
  })

  it('refuses bad input with 400 and too many items with 413, saving nothing', async () => {
    const before = await count()
    const bad = [
      [{ questions: 'all of them' }, /questions must be a list/],
      [{ questions: [] }, /questions is empty: send at least one\./],
      [[{ question: 'A list without the wrapper?', cancerType: type.name }], /^Expected a JSON body \{ "questions"/],
      [{}, /^Expected a JSON body \{ "questions"/],
    ] as const
    for (const [json, message] of bad) {
      const response = await intake(json)
      expect(response.status, response.text).toBe(400)
      expect(response.body.errors[0].message).toMatch(message)
    }
    const notJson = await rest.post('/questions', { headers: { authorization: `Bearer ${importerKey}` }, rawBody: '{"questions": [' })
    expect(notJson.status, notJson.text).toBe(400)
    const many = Array.from({ length: MAX_INTAKE_ITEMS + 1 }, (_, i) => ({
      question: `Question number ${i} about treatment?`,
      cancerType: type.name,
    }))
    const tooMany = await intake({ questions: many })
    expect(tooMany.status, tooMany.text).toBe(413)
    expect(tooMany.body.errors[0].message).toBe(
      `At most ${MAX_INTAKE_ITEMS} questions per request (this one has ${MAX_INTAKE_ITEMS + 1}). Send them in several requests.`,
    )
    expect(await count()).toBe(before)
  })
})

describe('the ordinary create at the same address', () => {
  it("an editor's JSON create works exactly as before (Payload's create, its response)", async () => {
    const response = await rest.post('/questions', {
      cookie: editorCookie,
      json: { text: `${unique('Can I keep working')} during treatment?`, cancerType: type.id },
    })
    expect(response.status, response.text).toBe(201)
    expect(response.body.message).toBe('Question successfully created.')
    expect(response.body.doc).toMatchObject({ status: 'new', cancerType: expect.anything() })
    expect(response.body.doc.intakeKey ?? null).toBeNull()
  })

  it("the admin form's create (multipart _payload, as the admin UI posts it) works", async () => {
    const form = new FormData()
    form.append(
      '_payload',
      JSON.stringify({ text: `${unique('What is a biopsy')} and does it hurt?`, cancerType: type.id, priority: 'low' }),
    )
    const serverUrl = payload.config.serverURL || 'http://localhost:3000'
    const cookie = editorCookie
    const response = await handleEndpoints({
      config: payload.config,
      request: new Request(`${serverUrl}/api/questions?depth=0&fallback-locale=null`, {
        method: 'POST',
        headers: { cookie, origin: serverUrl },
        body: form,
      }),
    })
    const body = await response.json()
    expect(response.status, JSON.stringify(body)).toBe(201)
    expect(body.doc).toMatchObject({ priority: 'low', status: 'new' })
  })

  it('anonymous and cookie-less creates are refused as before (403), and an editor cannot set intakeKey', async () => {
    const anonymous = await rest.post('/questions', { json: { text: 'An anonymous question about surgery?', cancerType: type.id } })
    expect(anonymous.status).toBe(403)
    const forged = await rest.post('/questions', {
      cookie: editorCookie,
      json: { text: `${unique('Who sent this')} question?`, cancerType: type.id, intakeKey: importerId },
    })
    expect(forged.status, forged.text).toBe(201)
    expect(forged.body.doc.intakeKey ?? null).toBeNull()
  })
})

describe('GET /api/questions/intake/:id', () => {
  it('gives an importer the status of its own questions, 404 for any other', async () => {
    const sent = await intake({ questions: [{ question: `${unique('How long is recovery')} after a Whipple?`, cancerType: type.name }] })
    const id = sent.body.created[0].id
    const headers = { authorization: `Bearer ${importerKey}` }
    const status = await rest.get(`/questions/intake/${id}`, { headers })
    expect(status.status, status.text).toBe(200)
    expect(status.body).toEqual({
      id,
      question: sent.body.created[0].question,
      status: 'new',
      submittedAt: expect.any(String),
      updatedAt: expect.any(String),
    })

    const other = await createApiKey(payload, { name: 'Other portal', role: 'importer' })
    const theirs = await rest.get(`/questions/intake/${id}`, { headers: { authorization: `Bearer ${other.key}` } })
    expect(theirs.status).toBe(404)
    const editorial = await createQuestion(payload, type.id)
    expect((await rest.get(`/questions/intake/${editorial.id}`, { headers })).status).toBe(404)
    expect((await rest.get('/questions/intake/not-an-id', { headers })).status).toBe(404)
    const person = await rest.get(`/questions/intake/${id}`, { cookie: editorCookie })
    expect(person.status).toBe(401)
    expect(person.body.errors[0].message).toMatch(/^Send an importer API key/)
  })
})
