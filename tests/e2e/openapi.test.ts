/**
 * The OpenAPI document of the public read API against the production server (`npm start`): the
 * served document is valid OpenAPI 3.1 and the one the code builds, and every response of every
 * documented operation (status, body and documented headers), real ones from the route handlers and
 * from the fast path, conforms to it. The README's typed client works against it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openApiDocument } from '@/lib/openapi/document'
import { publicApi, PublicApiError, surgeryReferences } from '@/lib/openapi/exampleClient'
import { fetched, openApiChecker } from '@tests/helpers/openapi'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '@tests/helpers/server'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-openapi-'))
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const ORIGIN = 'https://patients.example.org'
const API = '/api/public/v1'
let server: ServerHandle | undefined
let base = ''
let document: ReturnType<typeof openApiDocument>
let checker: ReturnType<typeof openApiChecker>
/** Every (method, documented path, status) this file has checked. */
const seen = new Set<string>()

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(
    port,
    dataDir,
    { PUBLIC_SITE_ORIGINS: ORIGIN, PUBLIC_API_SITE_KEY_RATE_LIMIT: '3' },
    { readyPath: `${API}/cancer-types` },
  )
  const response = await fetch(`${base}${API}/openapi.json`)
  expect(response.status).toBe(200)
  document = await response.json()
  checker = openApiChecker(document)
}, 600_000)

afterAll(async () => {
  if (server) await stopProduct(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/**
 * Requests `url` (under /api/public/v1) and checks the response against the document as the
 * operation `method documented`; returns the response's parts for further checks.
 */
async function conforms(method: string, documented: string, url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${API}${url}`, { method, headers: { 'accept-encoding': 'gzip', ...headers } })
  const parts = await fetched(method, documented, response)
  expect(checker.check(parts), `${method} ${url} (${response.status})`).toEqual([])
  seen.add(`${method} ${documented} ${response.status}`)
  return parts
}

/** Each URL twice: the first may be built by Next's route, the second is served by the fast path. */
async function twice(method: string, documented: string, url: string, headers: Record<string, string> = {}) {
  const first = await conforms(method, documented, url, headers)
  const second = await conforms(method, documented, url, headers)
  expect(second.status).toBe(first.status)
  expect(second.body).toEqual(first.body)
  return second
}

describe('the served OpenAPI document', () => {
  it('is valid OpenAPI 3.1, the one the code builds, and served like every public response', async () => {
    const result = await new Validator().validate(structuredClone(document))
    expect(result.errors).toBeUndefined()
    expect(document).toEqual(JSON.parse(JSON.stringify(openApiDocument())))
    const { headers } = await twice('GET', '/openapi.json', '/openapi.json', { origin: ORIGIN })
    expect(headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(headers.get('surrogate-key')).toBe('public')
    await conforms('GET', '/openapi.json', '/openapi.json', { 'if-none-match': headers.get('etag')! })
    await conforms('OPTIONS', '/openapi.json', '/openapi.json', { origin: ORIGIN })
  })
})

describe('real responses of every documented operation conform to the document', () => {
  it('GET /answers: all, filtered, searched, paginated, an empty page, 304, CORS', async () => {
    const all = await twice('GET', '/answers', '/answers')
    expect((all.body as { totalDocs: number }).totalDocs).toBeGreaterThan(0)
    for (const query of [
      'cancerType=pancreatic',
      'q=surgery',
      'q=pancreatc&cancerType=pancreatic',
      'page=1&limit=1',
      'page=2&limit=1',
      'page=50',
      'q=%25',
      'cancerType=breast&q=immunotherapy',
      'limit=500',
    ]) {
      await twice('GET', '/answers', `/answers?${query}`)
    }
    const searched = await conforms('GET', '/answers', '/answers?cancerType=pancreatic&q=surgery', { origin: ORIGIN })
    expect((searched.body as { docs: { slug: string }[] }).docs.map((doc) => doc.slug)).toContain(SLUG)
    expect(searched.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    const notModified = await conforms('GET', '/answers', '/answers?cancerType=pancreatic&q=surgery', {
      'if-none-match': searched.headers.get('etag')!,
    })
    expect(notModified.status).toBe(304)
    await conforms('OPTIONS', '/answers', '/answers', { origin: ORIGIN })
  })

  it('GET /answers: bad parameters are a 400 with the error body', async () => {
    for (const [query, message] of [
      ['page=0', 'page must be a whole number from 1.'],
      ['page=abc', 'page must be a whole number from 1.'],
      ['limit=0', 'limit must be a whole number from 1 (at most 100 are returned).'],
      [`q=${'x'.repeat(201)}`, 'q must be at most 200 characters.'],
      ['cancerType=Not%20A%20Slug', 'cancerType must be a cancer type slug such as "pancreatic".'],
      ['page=0&limit=1.5', 'page must be a whole number from 1; limit must be a whole number from 1 (at most 100 are returned).'],
      // Digits only: Number() reads these as 16, 10 and 12.
      ['page=0x10', 'page must be a whole number from 1.'],
      ['page=1e1', 'page must be a whole number from 1.'],
      ['page=%2012%20', 'page must be a whole number from 1.'],
      ['limit=0x10', 'limit must be a whole number from 1 (at most 100 are returned).'],
    ]) {
      const refused = await twice('GET', '/answers', `/answers?${query}`)
      expect(refused.status, query).toBe(400)
      expect(refused.body).toEqual({ errors: [{ message }] })
    }
  })

  it('GET /answers/{slug}: one answer, 304, 404 for an unknown or impossible slug', async () => {
    const answer = await twice('GET', '/answers/{slug}', `/answers/${SLUG}`, { origin: ORIGIN })
    expect(answer.status).toBe(200)
    expect((answer.body as { references: unknown[] }).references.length).toBeGreaterThan(0)
    expect(answer.headers.get('surrogate-key')).toBe(`public answer-${SLUG}`)
    const notModified = await conforms('GET', '/answers/{slug}', `/answers/${SLUG}`, { 'if-none-match': answer.headers.get('etag')! })
    expect(notModified.status).toBe(304)
    for (const slug of ['no-such-answer', 'Not_A_Slug']) {
      const missing = await twice('GET', '/answers/{slug}', `/answers/${slug}`)
      expect(missing.status).toBe(404)
      expect(missing.body).toEqual({ errors: [{ message: `No published answer "${slug}".` }] })
    }
    await conforms('OPTIONS', '/answers/{slug}', `/answers/${SLUG}`, { origin: ORIGIN })
  })

  it('GET /cancer-types, 304, preflight', async () => {
    const types = await twice('GET', '/cancer-types', '/cancer-types', { origin: ORIGIN })
    expect((types.body as { slug: string }[]).map((type) => type.slug)).toContain('pancreatic')
    const notModified = await conforms('GET', '/cancer-types', '/cancer-types', { 'if-none-match': types.headers.get('etag')! })
    expect(notModified.status).toBe(304)
    await conforms('OPTIONS', '/cancer-types', '/cancer-types', { origin: ORIGIN })
  })

  it('a Bearer key: 401 unknown, 403 not a site key, 429 over the site key limit, on every operation', async () => {
    const admin = await sessionCookie(base, 'admin@example.org')
    const issue = async (role: 'importer' | 'site') => {
      const response = await fetch(`${base}/api/api-keys`, {
        method: 'POST',
        headers: { cookie: admin, origin: base, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `OpenAPI ${role}`, role }),
      })
      expect(response.status).toBe(201)
      return ((await response.json()) as { doc: { key: string } }).doc.key
    }
    const [importer, site] = [await issue('importer'), await issue('site')]
    const bearer = (key: string) => ({ authorization: `Bearer ${key}`, origin: 'https://portal.example.net' })
    const operations = [
      ['/answers', '/answers'],
      ['/answers/{slug}', `/answers/${SLUG}`],
      ['/cancer-types', '/cancer-types'],
      ['/openapi.json', '/openapi.json'],
    ] as const
    for (const [documented, url] of operations) {
      expect((await conforms('GET', documented, url, bearer(`ck_${'A'.repeat(43)}`))).status).toBe(401)
      expect((await conforms('GET', documented, url, bearer(importer))).status).toBe(403)
    }
    // PUBLIC_API_SITE_KEY_RATE_LIMIT is 3 on this server: three reads pass, then every operation is a 429.
    for (let read = 0; read < 3; read++) expect((await conforms('GET', '/cancer-types', '/cancer-types', bearer(site))).status).toBe(200)
    for (const [documented, url] of operations) {
      const refused = await conforms('GET', documented, url, bearer(site))
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
  })

  it('every documented response was checked (except the 500, which a healthy server does not send)', () => {
    const documented = Object.entries(document.paths).flatMap(([documentedPath, item]) =>
      (['get', 'options'] as const).flatMap((method) =>
        Object.keys(item[method]?.responses ?? {})
          .filter((status) => status !== '500')
          .map((status) => `${method.toUpperCase()} ${documentedPath} ${status}`),
      ),
    )
    expect([...seen].sort()).toEqual(documented.sort())
  })
})

describe("the README's typed client (types generated from the document)", () => {
  it('lists, searches, reads an answer and the cancer types; refusals are PublicApiError with the message', async () => {
    const api = publicApi(base)
    const { docs, totalDocs } = await api.listAnswers({ cancerType: 'pancreatic', q: 'surgery' })
    expect(totalDocs).toBeGreaterThan(0)
    const answer = await api.getAnswer(docs[0]!.slug)
    expect(answer.slug).toBe(docs[0]!.slug)
    expect(answer.references[0]).toMatchObject({ n: 1 })
    expect((await api.listCancerTypes()).find((type) => type.slug === 'pancreatic')?.answerCount).toBeGreaterThan(0)
    expect((await surgeryReferences(api))[0]).toMatch(/^\[1\] \S.*: .+ \(.+\)$/)
    await expect(api.getAnswer('no-such-answer')).rejects.toEqual(new PublicApiError(404, 'No published answer "no-such-answer".'))
    await expect(api.listAnswers({ page: 0 })).rejects.toMatchObject({ status: 400, message: 'page must be a whole number from 1.' })
  })
})
