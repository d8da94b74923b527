/**
 * Input limits (issue 10, item 7): slug length, NUL characters, literal search, request body size.
 * Each case checks the status, a message a person understands, and that nothing was saved.
 */
import config from '@payload-config'
import { REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { limitRequestBody } from '@/lib/http/requestBody'
import { markdownToLexical } from '@/lib/richText'
import {
  PASSWORD,
  approveAs,
  createAnswerInReview,
  createCancerType,
  createCompleteDraft,
  createQuestion,
  createSource,
  createUser,
} from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { publicApi } from '../helpers/publicApi'
import { countDocuments, expectRefused as expectRefusedBy } from '../helpers/refusals'
import { RestClient, errorMessage, type RestResponse } from '../helpers/rest'

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let editor: User, reviewer: User, secondReviewer: User, admin: User
let editorCookie: string, reviewerCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  editor = await createUser(payload, { roles: ['editor'] })
  admin = await createUser(payload, { roles: ['admin'] })
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
  secondReviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
  editorCookie = await rest.login(editor.email, PASSWORD)
  reviewerCookie = await rest.login(reviewer.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const snapshot = () => countDocuments(payload)
const expectRefused = (run: () => Promise<RestResponse>, status: number, message: RegExp) => expectRefusedBy(payload, run, status, message)

describe('slug length (maxLength 100 is enforced with the custom slug rules)', () => {
  const longSlug = 'a'.repeat(10_000)

  it('a 10,000-character slug is refused on a cancer type and an answer', async () => {
    await expectRefused(
      () => rest.post('/cancer-types', { cookie: editorCookie, json: { name: 'Long slug cancer', slug: longSlug } }),
      400,
      /max length of 100/,
    )
    const question = await createQuestion(payload, type.id)
    await expectRefused(
      () =>
        rest.post('/answers', {
          cookie: editorCookie,
          json: { question: question.id, title: 'Can surgery help in this case?', cancerType: type.id, slug: longSlug },
        }),
      400,
      /max length of 100/,
    )
  })

  it('101 characters are refused; 100 are accepted; the slug rules still apply', async () => {
    await expectRefused(
      () => rest.post('/cancer-types', { cookie: editorCookie, json: { name: 'Slug 101', slug: 'b'.repeat(101) } }),
      400,
      /max length of 100/,
    )
    await expectRefused(
      () => rest.post('/cancer-types', { cookie: editorCookie, json: { name: 'Slug rules', slug: 'Not A Slug' } }),
      400,
      /lower-case letters/,
    )
    const created = await rest.post('/cancer-types', { cookie: editorCookie, json: { name: 'Slug 100', slug: 'c'.repeat(100) } })
    expect(created.status, created.text).toBe(201)
    expect(created.body.doc.slug).toBe('c'.repeat(100))
  })
})

describe('NUL characters are refused (they truncated text on SQLite)', () => {
  const NUL = '\u0000'

  it('in a question text over REST: 400 naming the field, nothing saved', async () => {
    await expectRefused(
      () =>
        rest.post('/questions', {
          cookie: editorCookie,
          json: { text: `Is surgery ${NUL} an option for metastatic pancreatic cancer?`, cancerType: type.id },
        }),
      400,
      /"text" contains a NUL character/,
    )
  })

  it('in a draft save, an array row and a rich text node of an answer', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    await expectRefused(
      () => rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { title: `A title${NUL}cut short` } }),
      400,
      /"title" contains a NUL character/,
    )
    await expectRefused(
      () =>
        rest.patch(`/answers/${draft.id}?draft=true`, {
          cookie: editorCookie,
          json: { questionsToAsk: [{ question: 'What is the goal?', why: `Because${NUL}` }] },
        }),
      400,
      /"questionsToAsk\.0\.why" contains a NUL character/,
    )
    const body = await markdownToLexical(payload.config, `## Why\n\n- A reason ${NUL} from the guideline.`)
    expect(JSON.stringify(body)).toContain('\\u0000')
    await expectRefused(
      () => rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { body } }),
      400,
      /rich text of "body" contains a NUL character/,
    )
    const unchanged = await payload.findByID({ collection: 'answers', id: draft.id, draft: true, depth: 0 })
    expect(unchanged.title).toBe(draft.title)
  })

  it('through the Local API too (drafters and the seed write there), with overrideAccess', async () => {
    const before = await snapshot()
    await expect(
      payload.create({
        collection: 'questions',
        data: {
          text: `What about${NUL} radiotherapy for bone pain?`,
          cancerType: type.id,
          priority: 'normal',
          origin: 'editorial',
          status: 'new',
          submittedAt: new Date().toISOString(),
        },
        overrideAccess: true,
      }),
    ).rejects.toMatchObject({ status: 400, data: { errors: [{ path: 'text', message: expect.stringMatching(/NUL character/) }] } })
    expect(await snapshot()).toEqual(before)
  })

  it('in the custom endpoints: CSV import, drafting, review decisions', async () => {
    const csv = `question,cancer type\nIs surgery ${NUL} an option for this cancer?,${type.slug}\n`
    await expectRefused(
      () => rest.post('/questions/import/preview', { cookie: editorCookie, json: { csv } }),
      400,
      /"csv" contains a NUL character/,
    )
    await expectRefused(
      () => rest.post('/questions/import', { cookie: editorCookie, json: { fileName: `q${NUL}.csv`, csv: 'question,cancer type\n' } }),
      400,
      /"fileName" contains a NUL character/,
    )
    await expectRefused(
      () => rest.post('/questions/draft', { cookie: editorCookie, json: { ids: [`1${NUL}`] } }),
      400,
      /"ids\.0" contains a NUL character/,
    )
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    await expectRefused(
      () =>
        rest.post(`/answers/${answer.id}/decision`, {
          cookie: reviewerCookie,
          json: { decision: 'request_changes', comment: `Please fix${NUL} this` },
        }),
      400,
      /"comment" contains a NUL character/,
    )
  })
})

describe('nesting deeper than anything stored is refused (it overflowed the stack: a 500 for anyone)', () => {
  const nested = (levels: number) => '{"x":' + '['.repeat(levels) + ']'.repeat(levels) + '}'

  it('REST writes, signed in or not, and a custom endpoint: 400 with a message, nothing saved', async () => {
    for (const path of ['/answers', '/questions', '/users']) {
      await expectRefused(() => rest.post(path, { rawBody: nested(5_000) }), 400, /"x" nests objects or lists more than 200 levels deep/)
    }
    await expectRefused(() => rest.post('/questions', { cookie: editorCookie, rawBody: nested(5_000) }), 400, /more than 200 levels deep/)
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    await expectRefused(
      () => rest.post(`/answers/${answer.id}/decision`, { cookie: reviewerCookie, rawBody: nested(5_000) }),
      400,
      /more than 200 levels deep/,
    )
  })

  it('a rich text body nested 20,000 levels in a draft save names the field, over REST and the Local API', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    // Built as text: JSON.stringify itself overflows the stack on such a value (JSON.parse does not).
    const levels = 20_000
    const paragraphs = '{"type":"paragraph","version":1,"children":['.repeat(levels)
    const rawBody = `{"body":{"root":{"type":"root","version":1,"children":[${paragraphs}{"type":"text","text":"deep","version":1}${']}'.repeat(levels)}]}}}`
    await expectRefused(
      () => rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, rawBody }),
      400,
      /^"body" nests objects or lists more than 200 levels deep/,
    )
    const { body } = JSON.parse(rawBody) as { body: Answer['body'] }
    await expect(payload.update({ collection: 'answers', id: draft.id, data: { body }, draft: true })).rejects.toMatchObject({
      status: 400,
    })
    expect((await payload.findByID({ collection: 'answers', id: draft.id, draft: true, depth: 0 })).body).toEqual(draft.body)
  })
})

describe('public search treats %, _ and \\ as literal characters', () => {
  const published: Record<string, Answer> = {}

  async function publish(key: string, title: string) {
    // The title is set before it goes to review: content in review is locked (issue 12).
    const draft = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer, secondReviewer] },
      { title },
    )
    await approveAs(payload, reviewer, draft.id)
    let doc = await payload.findByID({ collection: 'answers', id: draft.id, depth: 0 })
    // A percentage makes the answer high-risk: two approvals.
    if (doc._status !== 'published') await approveAs(payload, secondReviewer, draft.id)
    doc = await payload.findByID({ collection: 'answers', id: draft.id, depth: 0 })
    expect(doc._status).toBe('published')
    published[key] = doc
  }

  beforeAll(async () => {
    await publish('percent', 'Does 5% of patients need a second scan?')
    await publish('underscore', 'What does the code stage_iv mean on my report?')
    await publish('backslash', 'Why does my portal show pT2\\N0 for the tumour?')
    await publish('plain', 'Can radiotherapy ease bone pain from metastases?')
  })

  const slugsFor = async (q: string) => {
    const response = await publicApi(`/answers?cancerType=${type.slug}&q=${encodeURIComponent(q)}`)
    expect(response.status, response.text).toBe(200)
    return (response.body.docs as { slug: string }[]).map((doc) => doc.slug).sort()
  }

  it('q=% finds only the answer with a literal %, q=_ only the one with _, q=\\ only the one with \\', async () => {
    expect(await slugsFor('%')).toEqual([published.percent!.slug])
    expect(await slugsFor('_')).toEqual([published.underscore!.slug])
    expect(await slugsFor('\\')).toEqual([published.backslash!.slug])
    expect(await slugsFor('5%')).toEqual([published.percent!.slug])
    expect(await slugsFor('%%')).toEqual([])
    expect(await slugsFor('s_a')).toEqual([])
  })

  it('a normal word still matches in any case, every word must match', async () => {
    expect(await slugsFor('Radiotherapy')).toEqual([published.plain!.slug])
    expect(await slugsFor('bone radiotherapy')).toEqual([published.plain!.slug])
    expect(await slugsFor('bone scan')).toEqual([])
    expect(await slugsFor('stage_iv')).toEqual([published.underscore!.slug])
  })
})

describe('request body size (MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES)', () => {
  const MB = 1024 * 1024
  /** A chunked body (no Content-Length) of `total` bytes; `pulled()` says how much was read from it. */
  function chunkedBody(total: number, chunk = 64 * 1024) {
    let sent = 0
    const piece = new TextEncoder().encode('{"csv":"' + 'x'.repeat(chunk - 8))
    const filler = new TextEncoder().encode('y'.repeat(chunk))
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close()
        controller.enqueue(sent === 0 ? piece : filler)
        sent += chunk
      },
    })
    return { stream, pulled: () => sent }
  }

  it('a 10 MB JSON answer through the REST route handler: 413 with a message, nothing saved', async () => {
    const post = limitRequestBody(config, REST_POST(config))
    const question = await createQuestion(payload, type.id)
    const json = JSON.stringify({ question: question.id, title: 'A very large answer', cancerType: type.id, summary: 'x'.repeat(10 * MB) })
    const before = await snapshot()
    const response = await post(
      new Request(`${payload.config.serverURL || 'http://localhost:3000'}/api/answers?draft=true`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(json)),
          cookie: editorCookie,
          origin: payload.config.serverURL || 'http://localhost:3000',
        },
        body: json,
      }),
      { params: Promise.resolve({ slug: ['answers'] }) },
    )
    expect(response.status).toBe(413)
    expect((await response.json()).errors[0].message).toMatch(/request body is too large: at most 1 MB/)
    expect(await snapshot()).toEqual(before)
  })

  it('a chunked body without Content-Length is cut off at the limit by the route handler', async () => {
    const post = limitRequestBody(config, REST_POST(config))
    const body = chunkedBody(20 * MB)
    const response = await post(
      new Request('http://localhost:3000/api/answers?draft=true', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: editorCookie, origin: 'http://localhost:3000' },
        body: body.stream,
        duplex: 'half',
      } as RequestInit),
      { params: Promise.resolve({ slug: ['answers'] }) },
    )
    expect(response.status).toBe(413)
    expect(body.pulled()).toBeLessThanOrEqual(1 * MB + 2 * 64 * 1024)
  })

  it('an answer of normal size still saves through the same route handler', async () => {
    const post = limitRequestBody(config, REST_POST(config))
    const question = await createQuestion(payload, type.id)
    const response = await post(
      new Request('http://localhost:3000/api/answers?draft=true', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: editorCookie, origin: 'http://localhost:3000' },
        body: JSON.stringify({ question: question.id, title: 'An ordinary draft answer', cancerType: type.id, summary: 'Short.' }),
      }),
      { params: Promise.resolve({ slug: ['answers'] }) },
    )
    expect(response.status, await response.clone().text()).toBe(201)
  })

  it('the CSV preview endpoint reads a 20 MB chunked body only up to its 4 MB limit: 413', async () => {
    const body = chunkedBody(20 * MB)
    const before = await snapshot()
    const response = await rest.request('POST', '/questions/import/preview', {
      cookie: editorCookie,
      headers: { 'content-type': 'application/json' },
      stream: body.stream,
    })
    expect(response.status, response.text).toBe(413)
    expect(errorMessage(response)).toMatch(/request body is too large: at most 4 MB/)
    expect(body.pulled()).toBeLessThanOrEqual(4 * MB + 2 * 64 * 1024)
    expect(await snapshot()).toEqual(before)
  })

  it('a declared Content-Length over the limit is refused before reading: 413 on every custom endpoint', async () => {
    for (const path of ['/questions/draft', '/questions/bulk', '/questions/import']) {
      const body = chunkedBody(20 * MB)
      const response = await rest.request('POST', path, {
        cookie: editorCookie,
        headers: { 'content-type': 'application/json', 'content-length': String(20 * MB) },
        stream: body.stream,
      })
      expect(response.status, `${path}: ${response.text}`).toBe(413)
      expect(body.pulled(), path).toBeLessThanOrEqual(2 * 64 * 1024)
    }
  })

  it('an admin is limited too (override-publish with a 2 MB reason)', async () => {
    const adminCookie = await rest.login(admin.email, PASSWORD)
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    await expectRefused(
      () => rest.post(`/answers/${draft.id}/override-publish`, { cookie: adminCookie, json: { reason: 'r'.repeat(2 * MB) } }),
      413,
      /at most 1 MB/,
    )
  })
})
