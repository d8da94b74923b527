/**
 * The contracts a client sees, checked on the production server (`npm start`: Next's production
 * bundle, as users run it) over HTTP on 127.0.0.1:
 *   1. every refusal of the custom endpoints and the main REST refusals: status AND the message a
 *      person reads (these all read "An unknown error occurred." in production once, while the
 *      integration tests, which run the config unbundled, passed: see next.config.ts);
 *   2. the server log: a refusal is one info line, never an error with a stack;
 *   3. every public page and public API response showing an answer reflects its publication,
 *      revision and withdrawal within 2 s (the cancer type page once stayed stale for 5 minutes);
 *   4. the public page and JSON number each claim's references (issue 13), and what an attacker
 *      writes into a cited passage stays data.
 *
 * The server is made ready through a public page, so a page starts Payload, not the REST route:
 * that order is the one in which REST lost the field errors of a ValidationError when each route's
 * bundle carried its own copy of Payload.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { citeNode } from '@/lib/claims/markers'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'
import type { Json } from '../helpers/json'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-contract-'))
const SEEDED = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const MISSING = 99999
let server: ServerHandle | undefined
let base = ''
const cookies: Record<'admin' | 'editor' | 'reviewer', string> = { admin: '', editor: '', reviewer: '' }
let seededId: number | string
let pancreaticId: number | string

type Who = keyof typeof cookies | 'anonymous'
type Reply = { status: number; body: Json; text: string; headers: Headers }

async function call(who: Who, method: string, url: string, body?: unknown, rawBody?: string): Promise<Reply> {
  const headers: Record<string, string> = {}
  // As a browser sends them: Payload accepts the session cookie only with an allowed Origin.
  if (who !== 'anonymous') Object.assign(headers, { cookie: cookies[who], origin: base })
  if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = text
  }
  return { status: response.status, body: parsed, text, headers: response.headers }
}

/** A reviewer's approval of the answer as the API shows it to them: its contentHash names what they read. */
async function approvalOf(answerId: number | string) {
  const reviewed = await call('reviewer', 'GET', `/api/answers/${answerId}?draft=true&depth=0`)
  expect(reviewed.status, reviewed.text).toBe(200)
  return { decision: 'approve', attestation: true, contentHash: reviewed.body.contentHash }
}

/** The human message of a refusal: the first field error of a ValidationError, else the error. */
const messageOf = (reply: Reply): string | undefined =>
  reply.body?.errors?.[0]?.data?.errors?.[0]?.message ?? reply.body?.errors?.[0]?.message

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir, {}, { readyPath: '/' })
  cookies.admin = await sessionCookie(base, 'admin@example.org')
  cookies.editor = await sessionCookie(base, 'editor@example.org')
  cookies.reviewer = await sessionCookie(base, 'okafor@example.org')
  seededId = (await call('editor', 'GET', `/api/answers?where[slug][equals]=${SEEDED}&depth=0`)).body.docs[0].id
  pancreaticId = (await call('editor', 'GET', '/api/cancer-types?where[slug][equals]=pancreatic&depth=0')).body.docs[0].id
}, 15 * 60_000)

afterAll(async () => {
  if (server) await stopProduct(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

type Refusal = { who: Who; method: string; url: () => string; body?: unknown; rawBody?: string; status: number; message: string | RegExp }

const ONLY_EDITORS = (action: string) => `Only editors and admins can ${action}.`
const SIGN_IN = (action: string) => `Sign in as an editor or admin to ${action}.`

/** Every custom endpoint (collections/*\/endpoints), each way it refuses. */
const customEndpointRefusals: Record<string, Refusal> = {
  'submit: anonymous': {
    who: 'anonymous',
    method: 'POST',
    url: () => `/api/answers/${seededId}/submit`,
    status: 401,
    message: SIGN_IN('submit answers for review'),
  },
  'submit: a reviewer': {
    who: 'reviewer',
    method: 'POST',
    url: () => `/api/answers/${seededId}/submit`,
    status: 403,
    message: ONLY_EDITORS('submit answers for review'),
  },
  'submit: unknown answer': {
    who: 'editor',
    method: 'POST',
    url: () => `/api/answers/${MISSING}/submit`,
    status: 404,
    message: `Answer ${MISSING} does not exist.`,
  },
  'submit: a published answer': {
    who: 'editor',
    method: 'POST',
    url: () => `/api/answers/${seededId}/submit`,
    status: 409,
    message: 'This answer cannot be submitted: it is published.',
  },
  'decision: anonymous': {
    who: 'anonymous',
    method: 'POST',
    url: () => `/api/answers/${seededId}/decision`,
    body: { decision: 'approve' },
    status: 401,
    message: 'Sign in as a reviewer to record a review decision.',
  },
  'decision: an editor': {
    who: 'editor',
    method: 'POST',
    url: () => `/api/answers/${seededId}/decision`,
    body: { decision: 'approve' },
    status: 403,
    message: 'Only reviewers record review decisions.',
  },
  'decision: unknown decision': {
    who: 'reviewer',
    method: 'POST',
    url: () => `/api/answers/${seededId}/decision`,
    body: { decision: 'maybe' },
    status: 400,
    message: 'decision must be "approve", "request_changes" or "reject".',
  },
  'decision: on an answer not in review': {
    who: 'reviewer',
    method: 'POST',
    url: () => `/api/answers/${seededId}/decision`,
    body: { decision: 'request_changes', comment: 'Shorter, please.' },
    status: 409,
    message: 'This answer is not awaiting review (its stage is "published").',
  },
  'history: anonymous': {
    who: 'anonymous',
    method: 'GET',
    url: () => `/api/answers/${seededId}/history`,
    status: 401,
    message: SIGN_IN('see an answer’s history'),
  },
  'history: a reviewer': {
    who: 'reviewer',
    method: 'GET',
    url: () => `/api/answers/${seededId}/history`,
    status: 403,
    message: ONLY_EDITORS('see an answer’s history'),
  },
  'history: unknown answer': {
    who: 'editor',
    method: 'GET',
    url: () => `/api/answers/${MISSING}/history`,
    status: 404,
    // Issue 12: was Payload's bare "Not Found".
    message: `Answer ${MISSING} does not exist.`,
  },
  'history: malformed id': {
    who: 'editor',
    method: 'GET',
    url: () => '/api/answers/abc/history',
    status: 404,
    message: 'No answer with id "abc" exists.',
  },
  'override-publish: an editor': {
    who: 'editor',
    method: 'POST',
    url: () => `/api/answers/${seededId}/override-publish`,
    body: { reason: 'x' },
    status: 403,
    message: 'Only an admin can publish without the approval rule.',
  },
  'override-publish: no reason': {
    who: 'admin',
    method: 'POST',
    url: () => `/api/answers/${seededId}/override-publish`,
    body: { reason: 'urgent' },
    status: 400,
    message: 'Give the reason in at least 20 characters; it is shown to patients.',
  },
  'override-publish: already live': {
    who: 'admin',
    method: 'POST',
    url: () => `/api/answers/${seededId}/override-publish`,
    body: { reason: 'A reason long enough to be shown to patients.' },
    status: 409,
    message: 'This answer is already live as it stands: there is nothing new to publish. Edit it first, or withdraw it.',
  },
  'model usage: anonymous': {
    who: 'anonymous',
    method: 'GET',
    url: () => '/api/model-usage/monthly',
    status: 401,
    message: SIGN_IN('see model spend'),
  },
  'model usage: months not a number': {
    who: 'editor',
    method: 'GET',
    url: () => '/api/model-usage/monthly?months=all',
    status: 400,
    // Issue 12: was silently 12 months.
    message: 'months must be a whole number from 1 to 120.',
  },
  'model usage: months in hexadecimal': {
    who: 'editor',
    method: 'GET',
    url: () => '/api/model-usage/monthly?months=0x10',
    status: 400,
    // Number() would read it as 16.
    message: 'months must be a whole number from 1 to 120.',
  },
  'model usage: a nested query key': {
    who: 'editor',
    method: 'GET',
    url: () => '/api/model-usage/monthly?months[a]=1',
    status: 400,
    message: 'Unknown query parameter "months[a]".',
  },
  'decision: unknown answer': {
    who: 'reviewer',
    method: 'POST',
    url: () => `/api/answers/${MISSING}/decision`,
    body: { decision: 'approve', attestation: true },
    status: 404,
    message: `Answer ${MISSING} does not exist.`,
  },
  'model usage: a reviewer': {
    who: 'reviewer',
    method: 'GET',
    url: () => '/api/model-usage/monthly',
    status: 403,
    message: ONLY_EDITORS('see model spend'),
  },
  'bulk: a reviewer': {
    who: 'reviewer',
    method: 'POST',
    url: () => '/api/questions/bulk',
    body: { action: 'archive', ids: [1] },
    status: 403,
    message: ONLY_EDITORS('work the question backlog'),
  },
  'bulk: unknown action': {
    who: 'editor',
    method: 'POST',
    url: () => '/api/questions/bulk',
    body: { action: 'fly', ids: [1] },
    status: 400,
    message: 'action must be one of: draft, submit, archive, duplicate, reopen.',
  },
  'bulk: duplicate without the original': {
    who: 'editor',
    method: 'POST',
    url: () => '/api/questions/bulk',
    body: { action: 'duplicate', ids: [1] },
    status: 400,
    message: 'Say which question these duplicate (duplicateOf).',
  },
  'draft many: anonymous': {
    who: 'anonymous',
    method: 'POST',
    url: () => '/api/questions/draft',
    body: { ids: [1] },
    status: 401,
    message: SIGN_IN('send questions to drafting'),
  },
  'draft many: ids not a list': {
    who: 'editor',
    method: 'POST',
    url: () => '/api/questions/draft',
    body: { ids: 'x' },
    status: 400,
    // Issue 12: was "...: Invalid input: expected array, received string" (zod's default wording).
    message: 'Expected { "ids": [question ids] }: ids must be a list, not text.',
  },
  'draft many: no JSON body': {
    who: 'editor',
    method: 'POST',
    url: () => '/api/questions/draft',
    status: 400,
    message: 'Expected { "ids": [question ids] }: The request body is missing: send JSON, with Content-Type: application/json.',
  },
  'draft one: anonymous': {
    who: 'anonymous',
    method: 'POST',
    url: () => `/api/questions/${MISSING}/draft`,
    status: 401,
    message: SIGN_IN('send questions to drafting'),
  },
  'draft one: unknown question': {
    who: 'editor',
    method: 'POST',
    url: () => `/api/questions/${MISSING}/draft`,
    status: 404,
    message: `Question ${MISSING} does not exist.`,
  },
  'import preview: a reviewer': {
    who: 'reviewer',
    method: 'POST',
    url: () => '/api/questions/import/preview',
    body: { csv: 'question,cancer type\n' },
    status: 403,
    message: ONLY_EDITORS('import questions'),
  },
  'import preview: header only': {
    who: 'editor',
    method: 'POST',
    url: () => '/api/questions/import/preview',
    body: { csv: 'question,cancer type\n' },
    status: 400,
    message: 'The CSV has a header line but no questions under it.',
  },
  'import preview: no csv': {
    who: 'editor',
    method: 'POST',
    url: () => '/api/questions/import/preview',
    body: {},
    status: 400,
    message:
      'Expected a JSON body { "fileName": "questions.csv", "csv": "the text of the CSV file" }: csv is missing: send the text of the CSV file.',
  },
  'import: no valid row': {
    who: 'editor',
    method: 'POST',
    url: () => '/api/questions/import',
    body: { csv: 'question,cancer type\nWhat is a sarcoma of the little toe treated with?,toe cancer\n' },
    status: 400,
    message: 'None of the 1 rows can be imported; nothing was saved. Preview the file to see what is wrong on each line.',
  },
}

/** Payload's own REST routes, with the project's rules in their hooks. */
const restRefusals: Record<string, Refusal> = {
  'malformed JSON where in the query string': {
    who: 'anonymous',
    method: 'GET',
    url: () => '/api/answers?where=%7B',
    status: 400,
    message:
      'The query parameter "where" is not valid JSON. Send it as JSON (where={"title":{"equals":"..."}}, URL-encoded) or in brackets (where[title][equals]=...).',
  },
  'bulk edit of answers without draft=true': {
    who: 'editor',
    method: 'PATCH',
    url: () => `/api/answers?where[id][equals]=${seededId}`,
    body: { highRisk: true },
    status: 400,
    message:
      'A bulk edit of answers must be saved as drafts (draft=true): each answer then gets a new draft version over its newest one, and the published versions stay online.',
  },
  'unknown id': { who: 'anonymous', method: 'GET', url: () => `/api/answers/${MISSING}`, status: 404, message: 'Not Found' },
  'malformed id': {
    who: 'anonymous',
    method: 'GET',
    url: () => '/api/answers/abc',
    status: 404,
    message: 'No answer with id "abc" exists.',
  },
  'anonymous write': {
    who: 'anonymous',
    method: 'POST',
    url: () => '/api/questions',
    body: { text: 'Is chemotherapy needed after surgery?' },
    status: 403,
    message: 'You are not allowed to perform this action.',
  },
  'anonymous read of users': {
    who: 'anonymous',
    method: 'GET',
    url: () => '/api/users',
    status: 403,
    message: 'You are not allowed to perform this action.',
  },
  'forbidden role': {
    who: 'reviewer',
    method: 'POST',
    url: () => '/api/cancer-types',
    body: { name: 'Toe cancer' },
    status: 403,
    message: 'You are not allowed to perform this action.',
  },
  'publishing by hand': {
    who: 'editor',
    method: 'PATCH',
    url: () => `/api/answers/${seededId}`,
    body: { _status: 'published' },
    status: 403,
    message:
      'Answers are published only by the approval rule: enough assigned reviewers must approve the current content. Save your changes as a draft and submit them for review.',
  },
  'an editor taking an answer offline': {
    who: 'editor',
    method: 'PATCH',
    url: () => `/api/answers/${seededId}`,
    body: { _status: 'draft' },
    status: 403,
    message: 'Only an admin can take a published answer offline.',
  },
  'an editor reading the work leases': {
    who: 'editor',
    method: 'GET',
    url: () => '/api/work-leases',
    status: 403,
    message: 'You are not allowed to perform this action.',
  },
  'an admin forging a work lease': {
    who: 'admin',
    method: 'POST',
    url: () => '/api/work-leases',
    body: { key: 'draft-question:1', holder: 'me', claimedUntil: '2099-01-01T00:00:00.000Z' },
    status: 403,
    message: 'You are not allowed to perform this action.',
  },
  'deleting a cancer type in use': {
    who: 'admin',
    method: 'DELETE',
    url: () => `/api/cancer-types/${pancreaticId}`,
    status: 409,
    message: /^This cancer type is still used by .+\. Reassign them before deleting it\.$/,
  },
  'a filter value its field cannot hold, anonymous': {
    who: 'anonymous',
    method: 'GET',
    url: () => '/api/answers?where[cancerType][equals]=abc',
    status: 400,
    message: 'The filter on "cancerType" (equals) needs a document id, and "abc" is not one.',
  },
  'a date filter that is no date': {
    who: 'editor',
    method: 'GET',
    url: () => '/api/answers?where[publishedAt][greater_than]=notadate',
    status: 400,
    message: 'The filter on "publishedAt" (greater_than) needs a date such as 2026-01-31, and "notadate" is not one.',
  },
  'an anonymous read of every answer at once': {
    who: 'anonymous',
    method: 'GET',
    url: () => '/api/answers?limit=100000',
    status: 400,
    message: /^Without signing in, a read returns at most 100 documents at a time: ask for limit=1 to 100/,
  },
  'a body that is not JSON': {
    who: 'editor',
    method: 'POST',
    url: () => '/api/questions',
    rawBody: '{bad',
    status: 400,
    message: 'Invalid JSON',
  },
  'a body that is null': {
    who: 'editor',
    method: 'POST',
    url: () => '/api/questions',
    rawBody: 'null',
    status: 400,
    message: /^The request body must be a JSON object of the questions fields to save/,
  },
  'a body nested 5,000 levels deep, anonymous': {
    who: 'anonymous',
    method: 'POST',
    url: () => '/api/questions',
    rawBody: `{"x":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
    status: 400,
    message: /^"x" nests objects or lists more than 200 levels deep/,
  },
  'a password under 12 characters': {
    who: 'admin',
    method: 'POST',
    url: () => '/api/users',
    body: { email: 'short-password@example.org', name: 'Short', password: 'abc', roles: ['editor'] },
    status: 400,
    message: 'The password must be at least 12 characters (it has 3). A few words in a row make a good one.',
  },
  'a password reset without its token': {
    who: 'anonymous',
    method: 'POST',
    url: () => '/api/users/reset-password',
    body: {},
    status: 400,
    message: 'The reset link is incomplete: its token is missing. Open the link from the email again.',
  },
  'failed login': {
    who: 'anonymous',
    method: 'POST',
    url: () => '/api/users/login',
    body: { email: 'editor@example.org', password: 'wrong-password' },
    status: 401,
    message: 'The email or password provided is incorrect.',
  },
}

/** Where the refusals' log lines start in the server output. */
let refusalsLogFrom = 0
const refusalMessages: string[] = []

async function expectRefusal({ who, method, url, body, rawBody, status, message }: Refusal) {
  const reply = await call(who, method, url(), body, rawBody)
  expect(reply.status, reply.text).toBe(status)
  expect(reply.headers.get('content-type')).toMatch(/application\/json/)
  const text = messageOf(reply)
  expect(text, reply.text).not.toBe('An unknown error occurred.')
  if (typeof message === 'string') expect(text, reply.text).toBe(message)
  else expect(text, reply.text).toMatch(message)
  refusalMessages.push(reply.body.errors[0].message)
}

describe('refusals on the production server: status and message', () => {
  beforeAll(() => {
    refusalsLogFrom = server!.output().length
  })

  for (const [name, refusal] of Object.entries(customEndpointRefusals)) it(`custom endpoint, ${name}`, () => expectRefusal(refusal))
  for (const [name, refusal] of Object.entries(restRefusals)) it(`REST, ${name}`, () => expectRefusal(refusal))

  it('a ValidationError keeps its name and field errors, as the admin shows them beside each field', async () => {
    const reply = await call('editor', 'POST', '/api/questions', { text: 'Surgery?', cancerType: pancreaticId })
    expect(reply.status, reply.text).toBe(400)
    expect(reply.body.errors[0]).toMatchObject({
      name: 'ValidationError',
      message: 'The following field is invalid: Patient question',
      data: { collection: 'questions', errors: [{ path: 'text', message: expect.stringMatching(/at least 10 characters \(it has 8\)/) }] },
    })
    refusalMessages.push(reply.body.errors[0].message)
  })

  it('a quote that is not in its passage: 400 naming the citation, its passage and the quote (issue 13)', async () => {
    const seeded = (await call('editor', 'GET', `/api/answers/${seededId}?draft=true&depth=0`)).body
    const citations = seeded.citations.map(
      ({ source, passageId, quote }: { source: number | string; passageId: string; quote?: string }) => ({
        source,
        passageId,
        quote,
      }),
    )
    citations[0].quote = 'Surgery always cures this cancer.'
    const reply = await call('editor', 'PATCH', `/api/answers/${seededId}?draft=true`, { citations })
    expect(reply.status, reply.text).toBe(400)
    expect(reply.body.errors[0]).toMatchObject({
      name: 'ValidationError',
      data: {
        collection: 'answers',
        errors: [
          {
            path: 'citations.0.quote',
            message: expect.stringMatching(/^Citation 1: the quote "Surgery always cures this cancer\." is not in passage "[^"]+" of ".+"/),
          },
        ],
      },
    })
    expect((await call('editor', 'GET', `/api/answers/${seededId}?draft=true&depth=0`)).body.citations[0].quote).toBe(
      seeded.citations[0].quote,
    )
    refusalMessages.push(reply.body.errors[0].message)
  })

  it('drafting many unknown questions: 409 with the reason for each', async () => {
    const reply = await call('editor', 'POST', '/api/questions/draft', { ids: [MISSING] })
    expect(reply.status, reply.text).toBe(409)
    expect(reply.body).toMatchObject({
      queued: [],
      refused: [{ id: String(MISSING), status: 404, reason: `Question ${MISSING} does not exist.` }],
    })
  })

  it('the server logs each refusal as one info line: no error level, no stack', async () => {
    const logLines = () =>
      server!
        .output()
        .slice(refusalsLogFrom)
        .split('\n')
        .filter((line) => line.startsWith('{') && line.endsWith('}')) // a line still being written is left for the next look
        .map((line) => JSON.parse(line) as { level: number; msg?: string; err?: unknown })
    const infoMessages = () => logLines().flatMap((line) => (line.level === 30 ? [line.msg] : []))
    expect(refusalMessages.length).toBeGreaterThan(30)
    // The logger writes asynchronously: the last lines reach the pipe some time after the responses.
    await expect.poll(() => refusalMessages.filter((message) => !infoMessages().includes(message)), { timeout: 15_000 }).toEqual([])
    const errors = logLines().filter((line) => line.level >= 50 || line.err !== undefined)
    expect(errors, JSON.stringify(errors, null, 2).slice(0, 3000)).toEqual([])
  })
})

describe('accounts on the production server', () => {
  it("a deactivated account's session ends and it cannot sign in; a reviewer cannot rename themselves", async () => {
    const email = `leaving-${Date.now()}@example.org`
    const password = 'a long enough passphrase'
    const created = await call('admin', 'POST', '/api/users', { email, password, name: 'Leaving Editor', roles: ['editor'] })
    expect(created.status, created.text).toBe(201)
    const cookie = await sessionCookie(base, email, password)
    const me = async () =>
      (await (await fetch(`${base}/api/users/me`, { headers: { cookie, origin: base } })).json()) as { user: { id: unknown } | null }
    expect((await me()).user?.id).toBe(created.body.doc.id)
    const deactivated = await call('admin', 'PATCH', `/api/users/${created.body.doc.id}`, { active: false })
    expect(deactivated.status, deactivated.text).toBe(200)
    expect((await me()).user).toBeNull()
    const login = await fetch(`${base}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password }),
    })
    expect(login.status).toBe(403)
    expect(((await login.json()) as Json).errors[0].message).toBe('This account is deactivated. Ask an admin to reactivate it.')
    expect(login.headers.get('set-cookie') ?? '').not.toContain('payload-token=')

    const reviewer = (await call('reviewer', 'GET', '/api/users/me')).body.user
    const renamed = await call('reviewer', 'PATCH', `/api/users/${reviewer.id}`, { name: 'Prof. Maya Okafor, Chief of Oncology' })
    expect(renamed.status).toBe(403)
    expect(messageOf(renamed)).toBe('Only an admin can change name.')
  })

  it('changing your own password asks for the current one: 400 naming the field without it, 200 with it', async () => {
    const email = `careful-${Date.now()}@example.org`
    const password = 'the first long passphrase'
    const created = await call('admin', 'POST', '/api/users', { email, password, name: 'Careful Editor', roles: ['editor'] })
    expect(created.status, created.text).toBe(201)
    const cookie = await sessionCookie(base, email, password)
    const patchOwn = async (data: Json) =>
      fetch(`${base}/api/users/${created.body.doc.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie, origin: base },
        body: JSON.stringify(data),
      })
    const without = await patchOwn({ password: 'a second long passphrase' })
    expect(without.status).toBe(400)
    expect(((await without.json()) as Json).errors[0].data.errors[0]).toEqual({
      path: 'currentPassword',
      message: 'Enter your current password to change your password.',
    })
    const withIt = await patchOwn({ password: 'a second long passphrase', currentPassword: password })
    expect(withIt.status).toBe(200)
    expect(await withIt.text()).not.toContain(password)
    const signIn = (pass: string) =>
      fetch(`${base}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ email, password: pass }),
      })
    expect((await signIn('a second long passphrase')).status).toBe(200)
  })

  it('wrong current passwords are counted per account across REST and GraphQL, then 429 on both', async () => {
    const email = `guessed-${Date.now()}@example.org`
    const password = 'the only right passphrase'
    const created = await call('admin', 'POST', '/api/users', { email, password, name: 'Guessed Editor', roles: ['editor'] })
    expect(created.status, created.text).toBe(201)
    const id = created.body.doc.id
    const cookie = await sessionCookie(base, email, password)
    const headers = { 'content-type': 'application/json', cookie, origin: base }
    const overRest = (currentPassword: string) =>
      fetch(`${base}/api/users/${id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ password: 'a new long passphrase', currentPassword }),
      })
    // GraphQL is another route of the production bundle, with its own copy of the rate limiter's code.
    const overGraphql = async (currentPassword: string) => {
      const response = await fetch(`${base}/api/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          query: `mutation ($pass: String!) { updateUser(id: ${JSON.stringify(id)}, data: { password: "a new long passphrase", currentPassword: $pass }) { id } }`,
          variables: { pass: currentPassword },
        }),
      })
      return { status: response.status, body: (await response.json()) as Json }
    }
    for (let i = 0; i < 4; i++) expect((await overRest(`guess ${i}`)).status).toBe(400)
    const fifth = await overGraphql('guess 4')
    expect(JSON.stringify(fifth.body)).toContain('The current password is not right, so your password did not change.')
    const sixth = await overGraphql(password)
    expect(sixth.body.errors?.[0]?.message).toMatch(/^Too many wrong current passwords for this account\. Try again in 15 minutes/)
    expect(sixth.body.errors?.[0]?.extensions?.statusCode).toBe(429)
    const seventh = await overRest(password)
    expect(seventh.status).toBe(429)
    expect(Number(seventh.headers.get('retry-after'))).toBeGreaterThan(60)
  })
})

describe('text that is not what it looks like, on the production server', () => {
  it('a question with a text-direction override or half a surrogate pair is a 400 naming it; nothing is saved', async () => {
    const marker = `Is surgery an option ${Date.now()}`
    const reversed = await call('editor', 'POST', '/api/questions', { text: `${marker} \u202Eyrgrus retfa?`, cancerType: pancreaticId })
    expect(reversed.status, reversed.text).toBe(400)
    expect(reversed.body.errors[0].data.errors[0]).toMatchObject({
      path: 'text',
      message:
        'The question contains an invisible control or text-direction character (U+202E) that changes how it reads on screen: remove it.',
    })
    const broken = await call(
      'editor',
      'POST',
      '/api/questions',
      undefined,
      `{"text":"${marker} \\ud800 for me?","cancerType":${JSON.stringify(pancreaticId)}}`,
    )
    expect(broken.status, broken.text).toBe(400)
    expect(broken.text).toContain('contains a broken character (half of a UTF-16 surrogate pair, such as \\\\ud800), which is not text.')
    const saved = await call('editor', 'GET', `/api/questions?where[text][like]=${encodeURIComponent(marker)}&depth=0`)
    expect(saved.body.totalDocs).toBe(0)
  })

  it("a reviewer's credentials cannot be dated in the future: 400 with the reason", async () => {
    const reviewer = (await call('reviewer', 'GET', '/api/users/me')).body.user
    const future = await call('admin', 'PATCH', `/api/users/${reviewer.id}`, { credentialsVerifiedOn: '2099-01-01T00:00:00.000Z' })
    expect(future.status, future.text).toBe(400)
    expect(future.text).toContain('The date credentials were verified cannot be in the future')
    const after = await call('admin', 'GET', `/api/users/${reviewer.id}?depth=0`)
    expect(after.body.credentialsVerifiedOn).toBe(reviewer.credentialsVerifiedOn)
  })
})

describe('public pages and API on the production server: fresh within 2 s', () => {
  const FRESH_WITHIN_MS = 2_000
  const typePage = '/cancer-types/pancreatic'

  type Check = [url: string, fresh: (status: number, body: string) => boolean]

  /**
   * Requests each URL (all at once) until its check holds. Fails when a request sent more than 2 s
   * after the change still gets the old content. Returns, per URL, how long after the change the
   * first request that got the new content was sent, and how many requests that took.
   */
  async function freshWithin(since: number, checks: Check[]): Promise<string[]> {
    return Promise.all(
      checks.map(async ([url, fresh]) => {
        for (let attempt = 1; ; attempt++) {
          const sentAt = Date.now()
          const response = await fetch(`${base}${url}`)
          if (fresh(response.status, await response.text())) return `${url} ${sentAt - since} ms (request ${attempt})`
          if (sentAt - since > FRESH_WITHIN_MS)
            throw new Error(`${url} still stale for a request sent ${sentAt - since} ms after the change (status ${response.status})`)
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
      }),
    )
  }

  /**
   * Requests each page until it is served from the prepared store (issue 15: answer and cancer type
   * pages are route handlers into it), so that a stale copy would show: the same bytes again (304).
   */
  async function cached(...urls: string[]) {
    for (const url of urls) {
      const first = await fetch(`${base}${url}`)
      expect((await fetch(`${base}${url}`, { headers: { 'if-none-match': first.headers.get('etag')! } })).status, url).toBe(304)
    }
  }

  /**
   * Through the real workflow over HTTP: the editor submits, the assigned reviewer approves. Just
   * before the approval, `warm` fills the caches that the publication must then refresh.
   */
  async function submitAndApprove(answerId: number | string, warm: () => Promise<void>): Promise<number> {
    const submitted = await call('editor', 'POST', `/api/answers/${answerId}/submit`)
    expect(submitted.status, submitted.text).toBe(200)
    expect(submitted.body.reviewers.map((reviewer: { name: string }) => reviewer.name)).toEqual(['Dr Maya Okafor'])
    await warm()
    const approved = await call('reviewer', 'POST', `/api/answers/${answerId}/decision`, await approvalOf(answerId))
    expect(approved.status, approved.text).toBe(201)
    return Date.now()
  }

  it('publication, revision and withdrawal show on the home, cancer type and answer pages and in the API', async () => {
    // A new answer on the seeded one's evidence (same body and citations), through the workflow.
    const seeded = (await call('editor', 'GET', `/api/answers/${seededId}?draft=true&depth=0`)).body
    const stamp = Date.now()
    const title = `Can an operation help pancreatic cancer that has spread? (${stamp})`
    const question = await call('editor', 'POST', '/api/questions', {
      text: `Could an operation still help once pancreatic cancer has spread? (${stamp})`,
      cancerType: pancreaticId,
    })
    expect(question.status, question.text).toBe(201)
    const created = await call('editor', 'POST', '/api/answers?draft=true', {
      question: question.body.doc.id,
      cancerType: pancreaticId,
      title,
      summary: `An operation is rarely the first step once it has spread (${stamp}).`,
      body: seeded.body,
      questionsToAsk: seeded.questionsToAsk.map(({ question: text, why }: { question: string; why: string }) => ({ question: text, why })),
      keyTakeaway: seeded.keyTakeaway,
      citations: seeded.citations.map(({ source, passageId, quote }: { source: number | string; passageId: string; quote?: string }) => ({
        source,
        passageId,
        quote,
      })),
    })
    expect(created.status, created.text).toBe(201)
    const answer = created.body.doc as { id: number | string; slug: string }
    const answerPage = `/answers/${answer.slug}`
    const apiAnswer = `/api/public/v1/answers/${answer.slug}`
    const apiList = '/api/public/v1/answers?cancerType=pancreatic'
    const countOf = (body: string) =>
      (JSON.parse(body) as { slug: string; answerCount: number }[]).find((type) => type.slug === 'pancreatic')?.answerCount
    const countBefore = countOf(await (await fetch(`${base}/api/public/v1/cancer-types`)).text())

    // The public API keeps responses for 5 s: read them right before each change, so that a cache
    // the change failed to clear would still be serving the old data.
    const readApi = async () =>
      void (await Promise.all(
        [apiAnswer, apiList, '/api/public/v1/cancer-types'].map((url) => fetch(`${base}${url}`).then((r) => r.text())),
      ))

    // Publication.
    await cached(typePage, `/answers/${SEEDED}`)
    expect(await (await fetch(`${base}${typePage}`)).text()).not.toContain(title)
    let since = await submitAndApprove(answer.id, readApi)
    const published = await freshWithin(since, [
      ['/', (status, body) => body.includes(title)],
      [typePage, (status, body) => body.includes(title)],
      [answerPage, (status, body) => status === 200 && body.includes(title)],
      [apiAnswer, (status, body) => status === 200 && JSON.parse(body).title === title],
      [apiList, (status, body) => body.includes(title)],
      ['/api/public/v1/cancer-types', (status, body) => countOf(body) === countBefore! + 1],
    ])

    // Revision: a draft changes nothing public; the approved revision shows everywhere.
    await cached(typePage, answerPage)
    const summary = `Revised: an operation is rarely the first step once it has spread (${Date.now()}).`
    const edited = await call('editor', 'PATCH', `/api/answers/${answer.id}?draft=true`, { summary })
    expect(edited.status, edited.text).toBe(200)
    expect(await (await fetch(`${base}${answerPage}`)).text()).not.toContain(summary)
    since = await submitAndApprove(answer.id, readApi)
    const revised = await freshWithin(since, [
      ['/', (status, body) => body.includes(summary)],
      [typePage, (status, body) => body.includes(summary)],
      [answerPage, (status, body) => body.includes(summary)],
      [apiAnswer, (status, body) => status === 200 && JSON.parse(body).summary === summary],
      [apiList, (status, body) => body.includes(summary)],
    ])

    // Withdrawal by an admin.
    await cached(typePage, answerPage)
    await readApi()
    const withdrawn = await call('admin', 'PATCH', `/api/answers/${answer.id}`, { _status: 'draft' })
    expect(withdrawn.status, withdrawn.text).toBe(200)
    since = Date.now()
    const gone = await freshWithin(since, [
      ['/', (status, body) => !body.includes(title)],
      [typePage, (status, body) => status === 200 && !body.includes(title)],
      [answerPage, (status) => status === 404],
      [apiAnswer, (status) => status === 404],
      [apiList, (status, body) => status === 200 && !body.includes(title)],
      ['/api/public/v1/cancer-types', (status, body) => countOf(body) === countBefore],
    ])
    console.log(
      `[freshness] first fresh request, after the change:\n  published: ${published.join('; ')}\n  revised: ${revised.join('; ')}\n  withdrawn: ${gone.join('; ')}`,
    )
  })
})

describe('checks on every save, on the production server (issue 13)', () => {
  it("an editor's edit over HTTP is checked on save: the answer and the review screen show the new flags, most severe first", async () => {
    const seeded = (await call('editor', 'GET', `/api/answers/${seededId}?draft=true&depth=0`)).body
    const question = await call('editor', 'POST', '/api/questions', {
      text: 'Can a stent help when a bile duct is blocked?',
      cancerType: pancreaticId,
    })
    expect(question.status, question.text).toBe(201)
    const created = await call('editor', 'POST', '/api/answers?draft=true', {
      question: question.body.doc.id,
      title: 'Can a stent help with a blocked bile duct?',
      cancerType: pancreaticId,
      summary: seeded.summary,
      citations: seeded.citations.map(({ source, passageId, quote }: Json) => ({ source, passageId, quote })),
    })
    expect(created.status, created.text).toBe(201)
    const id = created.body.doc.id
    expect(created.body.doc.safetyWarnings.map((flag: Json) => flag.code)).not.toContain('directive_wording')

    const edited = await call('editor', 'PATCH', `/api/answers/${id}?draft=true`, {
      summary: 'A stent always works and the result is guaranteed. You should stop taking blood thinners.',
    })
    expect(edited.status, edited.text).toBe(200)
    const flags = (await call('editor', 'GET', `/api/answers/${id}?draft=true&depth=0`)).body.safetyWarnings as Json[]
    expect(flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'directive_wording', severity: 'high', where: 'direct answer' }),
        expect.objectContaining({ code: 'absolute_wording', severity: 'medium', where: 'direct answer' }),
      ]),
    )
    const ranks = flags.map((flag) => ['high', 'medium', 'low'].indexOf(flag.severity))
    expect(ranks).toEqual([...ranks].sort())

    // The review screen (server-rendered admin view) lists them with their severity, high first.
    const page = await fetch(`${base}/admin/review/${id}`, { headers: { cookie: cookies.editor, origin: base } })
    const html = (await page.text()).replace(/<!-- -->/g, '')
    expect(page.status).toBe(200)
    // Its safety-warnings list, most severe first (each claim above shows its own flags too).
    const warnings = html.slice(html.indexOf('id="warnings-heading"'))
    const high = warnings.indexOf('HIGH: directive wording')
    expect(high, 'the review screen shows the directive flag').toBeGreaterThan(-1)
    expect(warnings.indexOf('MEDIUM: absolute wording')).toBeGreaterThan(high)
    // The claim it is about carries it, highlighted as high severity.
    const claims = html.slice(html.indexOf('id="claims-heading"'), html.indexOf('id="warnings-heading"'))
    expect(claims).toMatch(/claim--flagged severity-high[^]*?You should stop taking blood thinners\.[^]*?HIGH: directive wording/)
  })
})

describe('claim-level references on the public page and JSON, on the production server (issue 13)', () => {
  const HOSTILE_HEADING = '<script>alert("heading")</script> Stages'
  const HOSTILE_QUOTE = 'organs <script>alert("quote")</script>'

  it('each claim carries [N] linked to #ref-N in a numbered reference list; a hostile heading or quote stays data', async () => {
    const stamp = Date.now()
    // A guideline passage whose heading and text an attacker wrote, cited only in the body.
    const source = await call('editor', 'POST', '/api/guideline-sources', {
      publisher: 'nci-pdq',
      title: `Hostile PDQ (${stamp})`,
      version: '2026',
      publicationDate: '2026-01-15',
      url: 'https://www.cancer.gov/types/pancreatic',
      cancerTypes: [pancreaticId],
      status: 'current',
      passages: [{ passageId: 'staging', heading: HOSTILE_HEADING, text: `The cancer has spread to other ${HOSTILE_QUOTE}.` }],
    })
    expect(source.status, source.text).toBe(201)
    const seeded = (await call('editor', 'GET', `/api/answers/${seededId}?draft=true&depth=0`)).body
    const body = structuredClone(seeded.body)
    const paragraph = body.root.children.find((node: Json) => node.type === 'paragraph')
    paragraph.children.push(citeNode({ source: source.body.doc.id, passageId: 'staging', quote: HOSTILE_QUOTE }))
    const question = await call('editor', 'POST', '/api/questions', {
      text: `Does it matter where pancreatic cancer has spread? (${stamp})`,
      cancerType: pancreaticId,
    })
    expect(question.status, question.text).toBe(201)
    const created = await call('editor', 'POST', '/api/answers?draft=true', {
      question: question.body.doc.id,
      cancerType: pancreaticId,
      title: `Where pancreatic cancer has spread (${stamp})`,
      summary: seeded.summary,
      body,
      questionsToAsk: seeded.questionsToAsk.map(({ question: text, why }: Json) => ({ question: text, why })),
      keyTakeaway: seeded.keyTakeaway,
      citations: seeded.citations.map(({ source: cited, passageId, quote }: Json) => ({ source: cited, passageId, quote })),
    })
    expect(created.status, created.text).toBe(201)
    const answer = created.body.doc as { id: number | string; slug: string }
    const submitted = await call('editor', 'POST', `/api/answers/${answer.id}/submit`)
    expect(submitted.status, submitted.text).toBe(200)
    const approved = await call('reviewer', 'POST', `/api/answers/${answer.id}/decision`, await approvalOf(answer.id))
    expect(approved.status, approved.text).toBe(201)

    const json = await call('anonymous', 'GET', `/api/public/v1/answers/${answer.slug}`)
    expect(json.status, json.text).toBe(200)
    const references = json.body.references as Json[]
    expect(references[0]).toMatchObject({ n: 1, passageId: seeded.citations[0].passageId })
    const hostile = references.find((reference) => reference.passageId === 'staging')
    expect(hostile).toMatchObject({
      publisher: 'NCI PDQ',
      title: `Hostile PDQ (${stamp})`,
      version: '2026',
      passageHeading: HOSTILE_HEADING,
    })
    expect(json.body.summaryReferences).toContain(1)
    expect(json.body.claims.length).toBeGreaterThan(0)
    expect(json.body.claims.some((claim: Json) => claim.references.includes(hostile.n))).toBe(true)
    // The body tells other sites the number, not the CMS's ids or the quote.
    expect(JSON.stringify(json.body.body)).not.toMatch(/"source"|"quote"|alert/)

    const page = await fetch(`${base}/answers/${answer.slug}`)
    expect(page.status).toBe(200)
    const html = (await page.text()).replace(/<!-- -->/g, '')
    const sup = (n: number) => `<sup class="cite"><a href="#ref-${n}" aria-label="Reference ${n}">[${n}]</a></sup>`
    expect(html, 'the direct answer is followed by its reference numbers').toContain(`</strong>${sup(1)}`)
    expect(html, "the body's claim carries its number").toContain(sup(hostile.n))
    expect(html).toContain('<li id="ref-1" value="1">')
    expect(html).toContain(
      `<li id="ref-${hostile.n}" value="${hostile.n}">NCI PDQ: <a href="https://www.cancer.gov/types/pancreatic">Hostile PDQ (${stamp})</a>, 2026`,
    )
    expect(html).toContain('<span class="passage">Section: &lt;script&gt;alert(&quot;heading&quot;)&lt;/script&gt; Stages</span>')
    // Neither the heading nor the quote is ever markup, anywhere in the page.
    expect(html).not.toContain('<script>alert(')
    expect(html).toContain('not medical advice')
    expect(html).toContain('application/ld+json')
  })
})
