/**
 * API keys for machine clients (issue 16): issued once and stored hashed, refused everywhere but
 * intake and the public API, revoked at once on this instance and within API_KEY_CACHE_SECONDS on
 * others, lastUsedAt without a write per request, and the public API's rate limits (route and fast path).
 */
import crypto from 'node:crypto'
import { NextRequest } from 'next/server'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { approveAs, createAnswerInReview, createCancerType, createSource, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

// Small limits and a 1-second key cache, read when the modules below first load.
Object.assign(process.env, { PUBLIC_API_RATE_LIMIT: '3', PUBLIC_API_SITE_KEY_RATE_LIMIT: '5', API_KEY_CACHE_SECONDS: '1' })
const { startPayload, stopPayload } = await import('../helpers/payload')
const { publicApi } = await import('../helpers/publicApi')
const { createApiKey, revokeApiKey } = await import('@/lib/apiKeys')
const { withTransaction } = await import('@/lib/transaction')
const { LAST_USED_EVERY_MS } = await import('@/lib/apiKeys/authenticate')
const { clearKeyCache } = await import('@/lib/apiKeys/cache')
const { ADMITTED_HEADER, admitFast, admitSearchPage, resetPublicAdmission } = await import('@/lib/public/admission')
const { proxy } = await import('@/proxy')

let payload: Payload
let rest: RestClient
let adminCookie: string
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  const admin = await createUser(payload, { roles: ['admin'] })
  const editor = await createUser(payload, { roles: ['editor'] })
  adminCookie = await rest.login(admin.email, PASSWORD)
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))
beforeEach(() => resetPublicAdmission())

const bearer = (key: string) => ({ authorization: `Bearer ${key}` })
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex')
const until = async (check: () => Promise<boolean>, ms = 3000) => {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('issuing a key', () => {
  it('shows the key once, in the create response, and keeps only its SHA-256 and prefix', async () => {
    const created = await rest.post('/api-keys', { cookie: adminCookie, json: { name: 'Patient portal', role: 'importer' } })
    expect(created.status, created.text).toBe(201)
    const { key, keyPrefix, keyHash, id } = created.body.doc
    expect(key).toMatch(/^ck_[A-Za-z0-9_-]{43}$/)
    expect(keyPrefix).toBe(key.slice(0, 9))
    expect(keyHash).toBeUndefined()

    const read = await rest.get(`/api-keys/${id}`, { cookie: adminCookie })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ name: 'Patient portal', role: 'importer', keyPrefix })
    expect(read.body.key ?? null).toBeNull()
    expect(read.body.keyHash).toBeUndefined()
    const list = await rest.get('/api-keys?limit=100', { cookie: adminCookie })
    expect(JSON.stringify(list.body)).not.toContain(key)
    expect(JSON.stringify(list.body)).not.toContain(sha256(key))

    const stored = await payload.findByID({ collection: 'api-keys', id, overrideAccess: true })
    expect(stored.keyHash).toBe(sha256(key))
    expect(stored.key ?? null).toBeNull()
  })

  it('is for admins only, and a key cannot be re-keyed, re-roled or un-revoked', async () => {
    expect((await rest.post('/api-keys', { cookie: editorCookie, json: { name: 'Mine', role: 'site' } })).status).toBe(403)
    const { doc } = await createApiKey(payload, { name: 'Site', role: 'site' })
    const forged = await rest.patch(`/api-keys/${doc.id}`, { cookie: adminCookie, json: { keyHash: sha256('ck_mine'), role: 'importer' } })
    expect(forged.status, forged.text).toBe(200)
    const after = await payload.findByID({ collection: 'api-keys', id: doc.id, overrideAccess: true })
    expect(after.keyHash).toBe(doc.keyHash)
    expect(after.role).toBe('site')
    await revokeApiKey(payload, doc.id)
    const unrevoke = await rest.patch(`/api-keys/${doc.id}`, { cookie: adminCookie, json: { revokedAt: null } })
    expect(unrevoke.status, unrevoke.text).toBe(409)
    expect(unrevoke.body.errors[0].message).toBe('A revoked key stays revoked. Create a new key instead.')
  })
})

describe('a key reaches nothing but intake and the public API', () => {
  const places: [string, string, unknown?][] = [
    ['GET', '/users/me'],
    ['GET', '/answers?limit=1'],
    ['GET', '/cancer-types?limit=1'],
    ['GET', '/questions?limit=1'],
    ['GET', '/api-keys'],
    ['POST', '/api-keys', { name: 'Self-made', role: 'importer' }],
    ['PATCH', '/questions/1', { notes: 'x' }],
    ['POST', '/users/logout'],
    ['GET', '/payload-jobs/run'],
    ['POST', '/payload-jobs/run'],
    ['POST', '/questions/import', { csv: 'question,cancer type\nIs this a question for import?,Pancreatic cancer' }],
  ]
  it.each(['importer', 'site'] as const)('%s key: 403 on REST, GraphQL and the admin', async (role) => {
    const { key } = await createApiKey(payload, { name: `Nosy ${role}`, role })
    for (const [method, path, json] of places) {
      const response = await rest.request(method, path, { headers: bearer(key), json })
      expect(response.status, `${method} ${path}: ${response.text}`).toBe(403)
      expect(response.body.errors[0].message).toMatch(/^API keys are accepted only by the public API/)
    }
    const graphql = await rest.graphql('{ Users { docs { email } } }', undefined, bearer(key))
    expect(graphql.status).toBe(403)
    for (const path of ['/admin', '/admin/collections/users', '/admin/login']) {
      const page = proxy(new NextRequest(`http://localhost:3000${path}`, { headers: bearer(key) }))
      expect(page.status, path).toBe(403)
    }
    // A person's admin request is untouched.
    expect(proxy(new NextRequest('http://localhost:3000/admin')).status).toBe(200)
  })

  it('a site key cannot take in questions, an unknown key is 401', async () => {
    const { key } = await createApiKey(payload, { name: 'Site', role: 'site' })
    const body = { questions: [{ question: 'Can a site key send questions?', cancerType: 'Pancreatic cancer' }] }
    const site = await rest.post('/questions', { headers: bearer(key), json: body })
    expect(site.status).toBe(403)
    expect(site.body.errors[0].message).toMatch(/role "site"\) cannot create questions; it may only read the public API/)
    const unknown = await rest.post('/questions', { headers: bearer(`ck_${'A'.repeat(43)}`), json: body })
    expect(unknown.status).toBe(401)
    expect(unknown.body.errors[0].message).toBe('This API key is not valid. Ask an admin for a key.')
  })
})

describe('revocation', () => {
  it('applies at once on this instance (the admin revokes over REST)', async () => {
    const { doc, key } = await createApiKey(payload, { name: 'Site', role: 'site' })
    expect((await publicApi('/cancer-types', { headers: bearer(key) })).status).toBe(200)
    const revoke = await rest.patch(`/api-keys/${doc.id}`, { cookie: adminCookie, json: { revokedAt: '2000-01-01T00:00:00.000Z' } })
    expect(revoke.status, revoke.text).toBe(200)
    // Stamped with the server's time, whatever date was sent.
    expect(Date.parse(revoke.body.doc.revokedAt)).toBeGreaterThan(Date.now() - 60_000)
    const refused = await publicApi('/cancer-types', { headers: bearer(key) })
    expect(refused.status).toBe(401)
    expect(refused.body.errors[0].message).toMatch(/^This API key was revoked on \d{4}-\d{2}-\d{2}\. Ask an admin for a new key\.$/)
  })

  it('a request between the revocation and its commit does not keep the key valid in the cache', async () => {
    const { doc, key } = await createApiKey(payload, { name: 'Site', role: 'site' })
    await withTransaction(await createLocalReq({}, payload), async (req) => {
      await payload.update({ collection: 'api-keys', id: doc.id, data: { revokedAt: new Date().toISOString() }, overrideAccess: true, req })
      // Outside the transaction the row is still valid, and this lookup caches it so.
      expect((await publicApi('/cancer-types', { headers: bearer(key) })).status).toBe(200)
    })
    const refused = await publicApi('/cancer-types', { headers: bearer(key) })
    expect(refused.status).toBe(401)
    expect(refused.body.errors[0].message).toMatch(/^This API key was revoked on /)
  })

  it('applies on another instance within API_KEY_CACHE_SECONDS (here 1 s)', async () => {
    clearKeyCache()
    const { doc, key } = await createApiKey(payload, { name: 'Site', role: 'site' })
    expect((await publicApi('/cancer-types', { headers: bearer(key) })).status).toBe(200)
    // Another instance revokes it: this instance's cache is not told (the row changes under it).
    await payload.update({
      collection: 'api-keys',
      id: doc.id,
      data: { revokedAt: new Date().toISOString() },
      overrideAccess: true,
      context: { apiKeyUse: true },
    })
    expect((await publicApi('/cancer-types', { headers: bearer(key) })).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await publicApi('/cancer-types', { headers: bearer(key) })).status).toBe(401)
  })
})

describe('lastUsedAt', () => {
  it('is recorded on first use, and not again within LAST_USED_EVERY_MS', async () => {
    clearKeyCache()
    const { doc, key } = await createApiKey(payload, { name: 'Site', role: 'site' })
    expect(doc.lastUsedAt ?? null).toBeNull()
    const lastUsed = async () => (await payload.findByID({ collection: 'api-keys', id: doc.id, overrideAccess: true })).lastUsedAt
    await publicApi('/cancer-types', { headers: bearer(key) })
    await until(async () => Boolean(await lastUsed()))
    const first = await lastUsed()
    for (let i = 0; i < 3; i++) await publicApi('/cancer-types', { headers: bearer(key) })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await lastUsed()).toBe(first)
    expect(LAST_USED_EVERY_MS).toBe(60_000)
  })
})

describe('public API rate limits', () => {
  it('anonymous: PUBLIC_API_RATE_LIMIT a minute per address, then 429 with Retry-After and a message', async () => {
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } })
    for (let i = 0; i < 3; i++) expect((await publicApi('/cancer-types', from('203.0.113.7'))).status).toBe(200)
    const refused = await publicApi('/cancer-types', from('203.0.113.7'))
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    expect(refused.headers.get('cache-control')).toBe('no-store')
    expect(refused.body.errors[0].message).toMatch(
      /^Too many requests from your address: the public API allows 3 a minute without an API key\. Try again in \d+ seconds, or ask for a site key/,
    )
    // Another address has its own count.
    expect((await publicApi('/cancer-types', from('203.0.113.8'))).status).toBe(200)
  })

  it('a site key: its own, higher limit per key; an importer key is 403, a bad key 401', async () => {
    const { key } = await createApiKey(payload, { name: 'Site', role: 'site' })
    const headers = { ...bearer(key), 'x-forwarded-for': '203.0.113.9' }
    for (let i = 0; i < 5; i++) expect((await publicApi('/answers?limit=1', { headers })).status).toBe(200)
    const refused = await publicApi('/answers?limit=1', { headers })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(refused.body.errors[0].message).toMatch(/^Too many requests with this API key: a site key may make 5 a minute\./)
    const importer = await createApiKey(payload, { name: 'Importer', role: 'importer' })
    const wrongRole = await publicApi('/cancer-types', { headers: bearer(importer.key) })
    expect(wrongRole.status).toBe(403)
    expect(wrongRole.body.errors[0].message).toMatch(/role "importer"\) cannot read the public API/)
    expect((await publicApi('/cancer-types', { headers: bearer('ck_short') })).status).toBe(401)
  })

  it('IPv6 clients are counted by their /64: fresh addresses in one network share its limit', async () => {
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } })
    for (let i = 1; i <= 3; i++) expect((await publicApi('/cancer-types', from(`2001:db8:1:2::${i}`))).status).toBe(200)
    expect((await publicApi('/cancer-types', from('2001:db8:1:2::99'))).status).toBe(429)
    expect((await publicApi('/cancer-types', from('2001:db8:1:3::1'))).status).toBe(200)
  })

  it('refused keys count against their address: random keys get 401 until its limit, then 429', async () => {
    const randomKey = () => `ck_${crypto.randomBytes(32).toString('base64url')}`
    const from = (key: string) => ({ headers: { ...bearer(key), 'x-forwarded-for': '203.0.113.21' } })
    for (let i = 0; i < 3; i++) expect((await publicApi('/cancer-types', from(randomKey()))).status).toBe(401)
    const refused = await publicApi('/cancer-types', from(randomKey()))
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(/^Too many requests from your address/)
    // The same address without a key is over its limit too; another address is not.
    expect((await publicApi('/cancer-types', { headers: { 'x-forwarded-for': '203.0.113.21' } })).status).toBe(429)
    expect((await publicApi('/cancer-types', { headers: { 'x-forwarded-for': '203.0.113.22' } })).status).toBe(200)
  })

  it("anonymous reads of Payload's REST API share the address's limit with the public API: 429 with Retry-After; staff are not counted", async () => {
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } })
    expect((await rest.get('/cancer-types?limit=1', from('203.0.113.50'))).status).toBe(200)
    expect((await rest.get('/answers/count', from('203.0.113.50'))).status).toBe(200)
    expect((await publicApi('/cancer-types', from('203.0.113.50'))).status).toBe(200)
    const refused = await rest.get<{ errors: { message: string }[] }>('/answers?limit=1&depth=1', from('203.0.113.50'))
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(refused.body.errors[0]!.message).toMatch(
      /^Too many requests from your address: reads without signing in are limited to 3 a minute, shared with the public API \(\/api\/public\/v1\)\. Try again in \d+ seconds\.$/,
    )
    // The public API is refused too: one count for both.
    expect((await publicApi('/cancer-types', from('203.0.113.50'))).status).toBe(429)
    // GraphQL is the same count: switching API is no way around it.
    const overGraphQL = await rest.graphql('{ Answers(limit: 1) { docs { id } } }', undefined, { 'x-forwarded-for': '203.0.113.50' })
    expect(overGraphQL.status).toBe(429)
    expect(overGraphQL.body.errors[0].message).toMatch(
      /^Too many requests from your address: reads without signing in are limited to 3 a minute/,
    )
    expect(overGraphQL.headers.get('retry-after')).toMatch(/^\d+$/)
    // Signing in reads the account, but is no anonymous read: the address over its limit still signs in.
    const person = await createUser(payload, { roles: ['editor'] })
    const signIn = await rest.post('/users/login', { json: { email: person.email, password: PASSWORD }, ...from('203.0.113.50') })
    expect(signIn.status, signIn.text).toBe(200)
    // One request is one count however many reads it makes (depth=1 populated the cancer type above).
    for (let i = 0; i < 3; i++) expect((await rest.get('/answers?limit=5&depth=2', from('203.0.113.51'))).status).toBe(200)
    expect((await rest.get('/answers?limit=1', from('203.0.113.51'))).status).toBe(429)
    // Over GraphQL: one request is one count (the relationship reads inside it are not), and the page size is capped too.
    const type = await createCancerType(payload)
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: type.id,
      sourceId: (await createSource(payload, type.id)).id,
      reviewers: [reviewer],
    })
    await approveAs(payload, reviewer, answer.id) // published: readable without signing in, with its cancer type
    const graphQL = (query: string) => rest.graphql(query, undefined, { 'x-forwarded-for': '203.0.113.53' })
    for (let i = 0; i < 3; i++) {
      const page = await graphQL('{ Answers(limit: 5) { docs { title cancerType { name } } } CancerTypes(limit: 5) { docs { name } } }')
      expect(page.body.errors, page.text).toBeUndefined()
      expect(page.body.data.Answers.docs[0].cancerType.name).toEqual(expect.any(String))
    }
    expect((await graphQL('{ CancerTypes(limit: 1) { docs { name } } }')).status).toBe(429)
    // Signing in over GraphQL (a reviewer: their specialties are read inside it) is no anonymous read either.
    const signedIn = await graphQL(`mutation { loginUser(email: "${reviewer.email}", password: "${PASSWORD}") { user { id } } }`)
    expect(signedIn.body.errors, signedIn.text).toBeUndefined()
    resetPublicAdmission()
    for (const [query, variables] of [
      ['{ Answers(limit: 0) { docs { id } } }', {}],
      ['{ CancerTypes(limit: 1) { docs { name } } Answers(limit: 101) { docs { id } } }', {}],
      ['{ Answers(pagination: false) { docs { id } } }', {}],
      ['query Many($n: Int) { Answers(limit: $n) { docs { id } } }', { n: 0 }],
      ['query { ...All } fragment All on Query { Answers(limit: 500) { docs { id } } }', {}],
    ] as const) {
      resetPublicAdmission() // each refused query is still counted
      const unbounded = await rest.graphql(query, undefined, { 'x-forwarded-for': '203.0.113.54' }, variables)
      expect(unbounded.status, query).toBe(400)
      expect(unbounded.body.errors[0].message, query).toBe(
        'Answers: Without signing in, a read returns at most 100 documents at a time: ask for limit=1 to 100 and page through (page=2, 3...). The public read API (/api/public/v1) is made for this.',
      )
    }
    // A signed-in reader is not counted.
    for (let i = 0; i < 5; i++)
      expect((await rest.get('/answers?limit=1', { cookie: editorCookie, ...from('203.0.113.52') })).status).toBe(200)
  })

  it("the home page's search: its route counts it when the fast path did not (plain `next start`), in a count of its own", async () => {
    const homeRoute = await import('@/app/(frontend)/route')
    const home = (query: string, headers: Record<string, string> = {}) =>
      homeRoute.GET(new Request(`http://localhost/${query}`, { headers: { 'x-forwarded-for': '198.51.100.40', ...headers } }))
    for (let i = 0; i < 3; i++) expect((await home(`?q=whipple+${i}`)).status).toBe(200)
    const refused = await home('?q=whipple')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(refused.headers.get('cache-control')).toBe('no-store')
    expect(refused.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await refused.text()).toContain('Too many searches')
    // The home page without a search and the API are not counted by searches.
    expect((await home('')).status).toBe(200)
    expect((await home('?q=%20')).status).toBe(200)
    expect((await publicApi('/cancer-types', { headers: { 'x-forwarded-for': '198.51.100.40' } })).status).toBe(200)
    // A search the fast path admitted (and counted) is not counted again; a forged mark is no way around it.
    const admitted = await admitSearchPage('198.51.100.41')
    if (!('admitted' in admitted)) throw new Error('the first search was refused')
    for (let i = 0; i < 5; i++)
      expect((await home('?q=whipple', { 'x-forwarded-for': '198.51.100.41', [admitted.header]: admitted.token })).status).toBe(200)
    expect((await home('?q=whipple', { [ADMITTED_HEADER]: 'forged' })).status).toBe(429)
  })

  it('the fast path: counts without the database, defers unknown keys, and marks what it admitted', async () => {
    for (let i = 0; i < 3; i++) expect(await admitFast('198.51.100.1', {})).toMatchObject({ admitted: true, header: ADMITTED_HEADER })
    const refused = await admitFast('198.51.100.1', { origin: 'https://elsewhere.example' })
    expect('refused' in refused && refused.refused.status).toBe(429)
    if (!('refused' in refused)) throw new Error('not refused')
    expect(refused.refused.headers['Retry-After']).toMatch(/^\d+$/)
    expect(JSON.parse(Buffer.from(refused.refused.body!).toString()).errors[0].message).toMatch(/^Too many requests from your address/)

    clearKeyCache()
    const { key } = await createApiKey(payload, { name: 'Site', role: 'site' })
    expect(await admitFast('198.51.100.2', bearer(key))).toEqual({ defer: true })
    // The route looks the key up; from then on the fast path knows it.
    expect((await publicApi('/cancer-types', { headers: { ...bearer(key), 'x-forwarded-for': '198.51.100.2' } })).status).toBe(200)
    const admitted = await admitFast('198.51.100.2', bearer(key))
    if (!('admitted' in admitted)) throw new Error('not admitted')
    // The route does not count a request the fast path admitted; a forged mark is counted.
    for (let i = 0; i < 5; i++) {
      const marked = await publicApi('/cancer-types', { headers: { 'x-forwarded-for': '198.51.100.3', [admitted.header]: admitted.token } })
      expect(marked.status).toBe(200)
    }
    for (let i = 0; i < 3; i++)
      await publicApi('/cancer-types', { headers: { 'x-forwarded-for': '198.51.100.4', [ADMITTED_HEADER]: 'forged' } })
    expect((await publicApi('/cancer-types', { headers: { 'x-forwarded-for': '198.51.100.4', [ADMITTED_HEADER]: 'forged' } })).status).toBe(
      429,
    )
  })
})
