/**
 * API keys and question intake against the production server (`npm start`, scripts/server.mjs), issue 16:
 * keys work as `Authorization: Bearer` from any Origin, reach nothing else (admin, REST, GraphQL, jobs),
 * are refused at once when revoked, the public API's rate limit answers 429 on the fast path (the home
 * page's search too, with an HTML page), and
 * intake creates and refuses questions by index. One server for all of it.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Json } from '../helpers/json'
import { launchBrowser, signIn } from '../helpers/browser'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-api-keys-'))
const FOREIGN = 'https://portal.elsewhere.example'
const ANONYMOUS_LIMIT = 30
const INTAKE_LIMIT = 3
let server: ServerHandle | undefined
let base = ''
let admin = ''
let editor = ''

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir, {
    PUBLIC_API_RATE_LIMIT: String(ANONYMOUS_LIMIT),
    PUBLIC_API_SITE_KEY_RATE_LIMIT: '100000',
    QUESTION_INTAKE_RATE_LIMIT: String(INTAKE_LIMIT),
  })
  admin = await sessionCookie(base, 'admin@example.org')
  editor = await sessionCookie(base, 'editor@example.org')
}, 9 * 60_000)
afterAll(async () => {
  if (server) await stopProduct(server)
})

async function call(
  method: string,
  url: string,
  { key, cookie, json, origin = FOREIGN }: { key?: string; cookie?: string; json?: unknown; origin?: string } = {},
) {
  const headers: Record<string, string> = { origin }
  if (key) headers.authorization = `Bearer ${key}`
  if (cookie) Object.assign(headers, { cookie, origin: base })
  if (json !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
    redirect: 'manual',
  })
  const text = await response.text()
  let body: Json
  try {
    body = JSON.parse(text)
  } catch {
    body = text // the admin's refusal is plain text
  }
  return { status: response.status, headers: response.headers, body, text }
}

async function issue(role: 'importer' | 'site') {
  const created = await call('POST', '/api/api-keys', { cookie: admin, json: { name: `E2E ${role}`, role } })
  expect(created.status, created.text).toBe(201)
  expect(created.body.doc.key).toMatch(/^ck_[A-Za-z0-9_-]{43}$/)
  expect(created.body.doc.keyHash).toBeUndefined()
  return { id: created.body.doc.id, key: created.body.doc.key as string }
}

describe('API keys on the production server', () => {
  it('an importer key takes in questions from a foreign Origin and reads their status', async () => {
    const { key } = await issue('importer')
    const response = await call('POST', '/api/questions', {
      key,
      json: {
        questions: [
          {
            question: 'Can I drive myself home after my first chemotherapy session?',
            cancerType: 'pancreatic',
            origin: 'patient submission',
          },
          { question: 'Too short', cancerType: 'pancreatic' },
          { question: 'What is this cancer type about, exactly?', cancerType: 'No such cancer' },
        ],
      },
    })
    expect(response.status, response.text).toBe(201)
    expect(response.body.created).toEqual([
      { index: 0, id: expect.anything(), status: 'new', question: 'Can I drive myself home after my first chemotherapy session?' },
    ])
    expect(response.body.refused.map((r: { index: number; reason: string }) => [r.index, r.reason])).toEqual([
      [1, 'The question is too short: at least 10 characters (it has 9).'],
      [2, 'Unknown cancer type "No such cancer". Use the name or slug of an existing cancer type.'],
    ])
    const again = await call('POST', '/api/questions', {
      key,
      json: { questions: [{ question: 'can I drive myself home after my first chemotherapy session', cancerType: 'pancreatic' }] },
    })
    expect(again.status).toBe(200)
    expect(again.body.refused[0].reason).toBe(`Duplicate of an existing question (#${response.body.created[0].id}).`)

    const status = await call('GET', `/api/questions/intake/${response.body.created[0].id}`, { key })
    expect(status.status, status.text).toBe(200)
    expect(status.body).toMatchObject({ status: 'new' })

    const bad = await call('POST', '/api/questions', { key, json: { questions: 'everything' } })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].message).toMatch(/questions must be a list/)
    const huge = await call('POST', '/api/questions', {
      key,
      json: { questions: [{ question: 'x'.repeat(2 * 1024 * 1024), cancerType: 'pancreatic' }] },
    })
    expect(huge.status).toBe(413)
  })

  it('an importer key over QUESTION_INTAKE_RATE_LIMIT an hour gets 429 with Retry-After and a message; nothing is saved', async () => {
    const { key } = await issue('importer')
    const marker = `limit${Date.now()}`
    const items = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ({
        question: `Is option ${from + i} of ${marker} suitable after surgery?`,
        cancerType: 'pancreatic',
      }))
    const sent = async () => {
      const found = await call('GET', `/api/questions?limit=0&depth=0&where[text][contains]=${marker}`, { cookie: editor })
      expect(found.status, found.text).toBe(200)
      return found.body.totalDocs as number
    }
    const first = await call('POST', '/api/questions', { key, json: { questions: items(INTAKE_LIMIT - 1) } })
    expect(first.status, first.text).toBe(201)
    const over = await call('POST', '/api/questions', { key, json: { questions: items(2, 10) } })
    expect(over.status, over.text).toBe(429)
    const retryAfter = Number(over.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(over.body.errors[0].message).toBe(
      `This importer key may create ${INTAKE_LIMIT} questions an hour (QUESTION_INTAKE_RATE_LIMIT) and has 1 left this hour; this request has 2. Nothing was saved: try again in ${retryAfter} seconds, or send fewer questions.`,
    )
    expect(await sent()).toBe(INTAKE_LIMIT - 1)
    const last = await call('POST', '/api/questions', { key, json: { questions: items(1, 20) } })
    expect(last.status, last.text).toBe(201)
    expect(await sent()).toBe(INTAKE_LIMIT)
  })

  it("an editor's ordinary create at POST /api/questions is unchanged", async () => {
    const types = await call('GET', '/api/cancer-types?limit=1', { cookie: editor })
    const created = await call('POST', '/api/questions', {
      cookie: editor,
      json: { text: 'Is it safe to exercise during radiotherapy for this cancer?', cancerType: types.body.docs[0].id },
    })
    expect(created.status, created.text).toBe(201)
    expect(created.body.message).toBe('Question successfully created.')
  })

  it('a key reaches neither the admin nor any other endpoint, GraphQL or jobs', async () => {
    for (const role of ['importer', 'site'] as const) {
      const { key } = await issue(role)
      for (const [method, url] of [
        ['GET', '/admin'],
        ['GET', '/admin/collections/users'],
        ['GET', '/api/users/me'],
        ['GET', '/api/answers?limit=1'],
        ['GET', '/api/questions?limit=1'],
        ['GET', '/api/api-keys'],
        ['POST', '/api/graphql'],
        ['GET', '/api/payload-jobs/run'],
        ['POST', '/api/payload-jobs/run'],
      ] as const) {
        const response = await call(method, url, { key, json: method === 'POST' ? { query: '{ Users { docs { email } } }' } : undefined })
        expect(response.status, `${role} ${method} ${url}: ${response.text.slice(0, 200)}`).toBe(403)
        expect(response.text).toContain('API keys are accepted only by the public API')
      }
    }
  })

  it('a revoked key is refused at once: intake and the public API (fast path included)', async () => {
    const importer = await issue('importer')
    const site = await issue('site')
    const url = '/api/public/v1/cancer-types'
    expect((await call('GET', url, { key: site.key })).status).toBe(200)
    // Prepared and the key cached: this one is served by the fast path.
    const fast = await call('GET', url, { key: site.key })
    expect(fast.status).toBe(200)
    expect(fast.headers.get('vary')).toBe('Origin, Accept-Encoding')
    for (const { id } of [importer, site]) {
      const revoked = await call('PATCH', `/api/api-keys/${id}`, { cookie: admin, json: { revokedAt: new Date().toISOString() } })
      expect(revoked.status, revoked.text).toBe(200)
    }
    const refused = await call('GET', url, { key: site.key })
    expect(refused.status).toBe(401)
    expect(refused.body.errors[0].message).toMatch(/^This API key was revoked on /)
    const intake = await call('POST', '/api/questions', {
      key: importer.key,
      json: { questions: [{ question: 'Is this still accepted after revocation?', cancerType: 'pancreatic' }] },
    })
    expect(intake.status).toBe(401)
    expect(intake.body.errors[0].message).toMatch(/^This API key was revoked on /)
  })

  it('the public API answers 429 with Retry-After on the fast path past the anonymous limit; a site key still reads', async () => {
    const url = '/api/public/v1/cancer-types'
    let refused: Awaited<ReturnType<typeof call>> | undefined
    for (let i = 0; i <= ANONYMOUS_LIMIT + 1 && !refused; i++) {
      const response = await call('GET', url)
      if (response.status === 429) refused = response
      else expect(response.status).toBe(200)
    }
    expect(refused, 'no 429 within the limit + 1').toBeDefined()
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(refused!.headers.get('cache-control')).toBe('no-store')
    // Sent by the fast path (Next adds its own request headers to Vary).
    expect(refused!.headers.get('vary')).toBe('Origin, Accept-Encoding')
    expect(refused!.body.errors[0].message).toMatch(
      /^Too many requests from your address: the public API allows 30 a minute without an API key\./,
    )
    const { key } = await issue('site')
    expect((await call('GET', url, { key })).status).toBe(200)
    expect((await call('GET', url, { key })).status).toBe(200)
  })

  /** The status of a GET whose path is sent exactly as written. */
  const statusAsWritten = (requestPath: string) =>
    new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(base)
      http
        .get({ hostname, port, path: requestPath }, (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        })
        .on('error', reject)
    })

  it("the home page's search is limited per address like the API without a key (its own count): an HTML 429 page with Retry-After", async () => {
    let refused: Awaited<ReturnType<typeof call>> | undefined
    for (let i = 0; i <= ANONYMOUS_LIMIT + 1 && !refused; i++) {
      const response = await call('GET', `/?q=whipple+${i}`)
      if (response.status === 429) refused = response
      else expect(response.status).toBe(200)
    }
    expect(refused, 'no 429 within the limit + 1').toBeDefined()
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(refused!.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(refused!.headers.get('content-security-policy')).toContain("script-src 'none'")
    expect(refused!.headers.get('cache-control')).toBe('no-store')
    expect(refused!.text).toMatch(/<h1>Too many searches<\/h1>/)
    expect(refused!.text).toMatch(/For informational purposes only/)
    // Other spellings of the home page that Next serves as the same search are counted as well (sent
    // as written: fetch would resolve the dot segments first).
    for (const spelling of ['/./?q=whipple', '/%2e?q=whipple', '/%2E/?q=whipple'])
      expect(await statusAsWritten(spelling), spelling).toBe(429)
    // Only a search is counted: the home page itself and the answers stay open.
    expect((await call('GET', '/')).status).toBe(200)
    expect((await call('GET', '/?q=')).status).toBe(200)
    // A q of control characters alone is no search for the page, so none for the limit either.
    expect((await call('GET', '/?q=%00%01')).status).toBe(200)
    // The last q is the search, as the page reads it: an empty last one is the home page.
    expect((await call('GET', '/?q=whipple&q=')).status).toBe(200)
  })

  it('the admin creates a key in the browser: shown once, then only its prefix in the list', async () => {
    const browser = await launchBrowser()
    try {
      const page = await signIn(browser, base, 'admin@example.org')
      await page.goto(`${base}/admin/collections/api-keys`)
      await page.getByLabel('Name (who uses it)').fill('Partner site (browser)')
      await page.locator('section[aria-label="New API key"] select').selectOption('site')
      await page.getByRole('button', { name: 'Create key' }).click()
      const shown = page.locator('[data-api-key]')
      await shown.waitFor({ timeout: 60_000 })
      const key = (await shown.textContent())?.trim() ?? ''
      expect(key).toMatch(/^ck_[A-Za-z0-9_-]{43}$/)
      expect((await call('GET', '/api/public/v1/cancer-types', { key })).status).toBe(200)
      await page.reload()
      await page.getByText('Partner site (browser)').first().waitFor({ timeout: 60_000 })
      const html = await page.content()
      expect(html).not.toContain(key)
      expect(html).toContain(key.slice(0, 9))
    } finally {
      await browser.close()
    }
  })
})
