/**
 * Public delivery against the production server (`npm start`, scripts/server.mjs), issue 15:
 * - the fast path's responses equal the route handler's (status, contract headers, body, 304);
 * - a withdrawal is gone from the origin at once;
 * - a second `npm start` on the same DATA_DIR (another PORT) learns of a revision and a withdrawal
 *   made through the first, through the public change feed (no TTL).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-delivery-'))
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const ORIGIN = 'https://patients.example.org'
const env = { PUBLIC_SITE_ORIGINS: ORIGIN, CDN_MAX_AGE: '600' }
let first: ServerHandle | undefined
let second: ServerHandle | undefined
let a = ''
let b = ''

/**
 * The headers of the delivery contract (src/lib/public/delivery.ts). Not compared: Date and connection
 * headers; Content-Length (Next streams its responses chunked); Vary, to which Next adds its own
 * request headers (rsc, next-router-*; checked below to keep ours).
 */
const CONTRACT = [
  'content-type',
  'content-encoding',
  'cache-control',
  'cdn-cache-control',
  'surrogate-control',
  'surrogate-key',
  'cache-tag',
  'etag',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
]
type Seen = { status: number; headers: Record<string, string | null>; vary: string[]; body: Buffer }
async function read(url: string, headers: Record<string, string> = {}): Promise<Seen> {
  // gzip accepted (fetch decodes it: a body encoded twice would show here as gzip bytes).
  const response = await fetch(url, { headers: { 'accept-encoding': 'gzip', origin: ORIGIN, ...headers } })
  return {
    status: response.status,
    headers: Object.fromEntries(CONTRACT.map((name) => [name, response.headers.get(name)])),
    vary: (response.headers.get('vary') ?? '').split(',').map((token) => token.trim().toLowerCase()),
    body: Buffer.from(await response.arrayBuffer()),
  }
}

async function api(base: string, method: string, url: string, cookie: string, json?: unknown) {
  const headers: Record<string, string> = { cookie, origin: base }
  if (json !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}/api${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
  return { status: response.status, text: await response.text() }
}

const TYPE_PAGE = '/cancer-types/pancreatic'
const listedOnTypePage = async (base: string) => (await (await fetch(`${base}${TYPE_PAGE}`)).text()).includes(`/answers/${SLUG}"`)

/** Polls until `check` holds (a propagation through the change feed); returns the time it took. */
async function eventually(check: () => Promise<boolean>, what: string, deadlineMs = 15_000): Promise<number> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > deadlineMs) throw new Error(`${what}: not seen within ${deadlineMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return Date.now() - started
}

beforeAll(async () => {
  const [portA, portB] = [await freePort(), await freePort()]
  a = `http://127.0.0.1:${portA}`
  b = `http://127.0.0.1:${portB}`
  first = await startProduct(portA, dataDir, env)
  // Same DATA_DIR (same SQLite file and secret): start.mjs's migrate and seed find it done.
  second = await startProduct(portB, dataDir, env)
}, 16 * 60_000)

afterAll(async () => {
  await Promise.all([first, second].map((server) => server && stopProduct(server)))
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('public delivery on the production server', () => {
  it('the second instance started on the same data without migrating or seeding again', async () => {
    // The server's logger writes asynchronously: the line may land just after the first answer.
    await vi.waitFor(() => expect(second!.output()).toMatch(/Seed skipped/), { timeout: 10_000 })
  })

  it('fast-path responses equal the route handler response: status, headers with tags, CORS and CSP, body, 304', async () => {
    const paths = [
      `/api/public/v1/answers/${SLUG}`,
      '/api/public/v1/answers?limit=20',
      '/api/public/v1/cancer-types',
      `/answers/${SLUG}`,
      TYPE_PAGE,
    ]
    for (const path of paths) {
      const routed = await read(`${b}${path}`) // first read on B: a miss, answered by Next's route
      const fast = await read(`${b}${path}`) // now prepared: answered by the fast path
      expect(fast.status, path).toBe(200)
      expect(fast.headers, path).toEqual(routed.headers)
      expect(fast.body.equals(routed.body), path).toBe(true)
      expect(routed.vary, path).toEqual(expect.arrayContaining(fast.vary))
      expect(fast.vary, path).toContain('accept-encoding')
      const notModified = await read(`${b}${path}`, { 'if-none-match': fast.headers.etag! })
      expect(notModified.status, path).toBe(304)
      expect(notModified.body.byteLength, path).toBe(0)
    }
    const answer = await read(`${b}/api/public/v1/answers/${SLUG}`)
    expect(answer.headers).toMatchObject({
      'cache-control': 'public, max-age=0, must-revalidate',
      'cdn-cache-control': 'public, max-age=600',
      'surrogate-control': 'max-age=600',
      'surrogate-key': `public answer-${SLUG}`,
      'cache-tag': `public,answer-${SLUG}`,
      'access-control-allow-origin': ORIGIN,
      'content-encoding': 'gzip',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    })
    // Every other response carries them too: the home page, Payload's REST API, a static file.
    for (const path of ['/', '/api/cancer-types?limit=1', '/site.css']) {
      const response = await fetch(`${b}${path}`)
      await response.arrayBuffer()
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
    }
    // Payload's own REST API is never cached by a CDN or a browser: no tag could purge it.
    for (const path of ['/api/cancer-types?limit=1', `/api/answers?where[slug][equals]=${SLUG}&depth=1`, '/api/users/me']) {
      const response = await fetch(`${b}${path}`)
      await response.arrayBuffer()
      expect(response.headers.get('cache-control'), path).toBe('private, no-store')
      expect(response.headers.get('surrogate-key'), path).toBeNull()
    }
    const list = await read(`${b}/api/public/v1/answers?limit=20`)
    expect(list.headers['surrogate-key']).toBe('public answers')
    // The same entry under another spelling of its query: Next's route finds it (and answers 304).
    const respelled = await read(`${b}/api/public/v1/answers?page=1&limit=20`, { 'if-none-match': list.headers.etag! })
    expect(respelled.status).toBe(304)
    const stranger = await read(`${b}/api/public/v1/answers/${SLUG}`, { origin: 'https://evil.example.com' })
    expect(stranger.headers['access-control-allow-origin']).toBeNull()
    const page = await read(`${b}/answers/${SLUG}`)
    expect(page.headers['content-security-policy']).toMatch(/script-src 'none'/)
  })

  it('a path the public API does not serve: 404 in its own error shape, never cached', async () => {
    for (const path of [
      '/api/public/v1/nothing',
      '/api/public/v1/cancer-types/x',
      `/api/public/v1/answers/${SLUG}/more`,
      '/api/public/v2/answers',
    ]) {
      const response = await fetch(`${b}${path}`)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('cache-control'), path).toBe('no-store')
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/)
      const body = (await response.json()) as { errors: { message: string }[] }
      expect(body.errors[0]!.message, path).toBe(
        `There is nothing at ${path}. This API serves /api/public/v1/answers, /api/public/v1/answers/{slug}, /api/public/v1/cancer-types and /api/public/v1/openapi.json.`,
      )
    }
  })

  it('the home page is a prepared response (ETag, 304, cache tags, no script); a search is built per request, no-store', async () => {
    const first = await fetch(`${b}/?page=1`)
    const html = await first.text()
    expect(first.status).toBe(200)
    expect(html).not.toContain('<script')
    expect(first.headers.get('surrogate-key')?.split(' ')).toEqual(expect.arrayContaining(['public', 'answers', 'cancer-types']))
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await fetch(`${b}/?page=1`, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    const search = await fetch(`${b}/?q=whipple`)
    expect(search.status).toBe(200)
    expect(search.headers.get('cache-control')).toBe('no-store')
    expect(search.headers.get('surrogate-key')).toBeNull()
    expect(search.headers.get('content-security-policy')).toContain("script-src 'none'")
    expect(await search.text()).not.toContain('<script')
  })

  it('the home search reads q as the API does: trimmed, the last one given, and it says when a long one was cut', async () => {
    const home = async (query: string) => {
      const response = await fetch(`${b}/?${query}`)
      expect(response.status, query).toBe(200)
      return response.text()
    }
    expect(await home(`q=${encodeURIComponent(`${' '.repeat(199)}whipple`)}`)).toContain(`href="/answers/${SLUG}"`)
    expect(await home('q=melanoma&q=whipple')).toContain(`href="/answers/${SLUG}"`)
    const long = await home(`q=${encodeURIComponent('whipple '.repeat(30))}`)
    expect(long).toContain('Only the first 200 characters of your search were used.')
    expect(long).toContain(`href="/answers/${SLUG}"`)
    expect(await home('q=whipple')).not.toContain('Only the first')
    // A NUL (or any control character) is no part of the search, and is not echoed into the page.
    const withNul = await home('q=%00whipple')
    expect(withNul).not.toContain('\u0000')
    expect(withNul).toContain('value="whipple"')
    expect(withNul).toContain(`href="/answers/${SLUG}"`)
  })

  it('a revision and a withdrawal made on the first instance: gone from it at once, seen by the second through the change feed', async () => {
    const answerUrl = (base: string) => `${base}/api/public/v1/answers/${SLUG}`
    const takeaway = async (base: string) => ((await (await fetch(answerUrl(base))).json()) as { keyTakeaway?: string }).keyTakeaway
    const before = await takeaway(b)
    expect(before).toBeTruthy()
    await takeaway(b) // prepared on B, so only the change feed can make B drop it

    // A revision through the real workflow on A: draft, submit, approve.
    const editor = await sessionCookie(a, 'editor@example.org')
    const okafor = await sessionCookie(a, 'okafor@example.org')
    const admin = await sessionCookie(a, 'admin@example.org')
    const ids = (await (await fetch(`${a}/api/answers?where[slug][equals]=${SLUG}&depth=0`)).json()) as { docs: { id: number }[] }
    const id = ids.docs[0]!.id
    const revised = 'A revised takeaway, published on the first instance.'
    expect((await api(a, 'PATCH', `/answers/${id}?draft=true`, editor, { keyTakeaway: revised })).status).toBe(200)
    expect((await api(a, 'POST', `/answers/${id}/submit`, editor)).status).toBe(200)
    const { contentHash } = JSON.parse((await api(a, 'GET', `/answers/${id}?draft=true&depth=0`, okafor)).text) as { contentHash: string }
    const approve = await api(a, 'POST', `/answers/${id}/decision`, okafor, { decision: 'approve', attestation: true, contentHash })
    expect(approve.status, approve.text).toBe(201)
    expect(await takeaway(a)).toBe(revised) // at once on the instance that published
    const revisionMs = await eventually(async () => (await takeaway(b)) === revised, 'the revision on the second instance')

    // A withdrawal on A: 404 on A at once, then on B (which had the answer prepared).
    await takeaway(b)
    expect((await fetch(`${b}/answers/${SLUG}`)).status).toBe(200)
    expect(await listedOnTypePage(b)).toBe(true)
    const withdraw = await api(a, 'PATCH', `/answers/${id}`, admin, { _status: 'draft' })
    expect(withdraw.status, withdraw.text).toBe(200)
    expect((await fetch(answerUrl(a))).status).toBe(404)
    expect((await fetch(`${a}/answers/${SLUG}`)).status).toBe(404)
    expect(await listedOnTypePage(a)).toBe(false)
    const withdrawalMs = await eventually(async () => (await fetch(answerUrl(b))).status === 404, 'the withdrawal on the second instance')
    // The pages are prepared responses too: the second instance evicts them through the change feed.
    await eventually(async () => (await fetch(`${b}/answers/${SLUG}`)).status === 404, 'the withdrawn page on the second instance')
    await eventually(async () => !(await listedOnTypePage(b)), "the cancer type's page on the second instance")
    const list = (await (await fetch(`${b}/api/public/v1/answers`)).json()) as { totalDocs: number }
    expect(list.totalDocs).toBe(0)
    console.log(`[public-delivery] seen on the second instance after: revision ${revisionMs} ms, withdrawal ${withdrawalMs} ms`)
  })
})
