/** The public read API: contract, only published content, 400/404, ETag/304, CORS, fresh after publish. */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { seed } from '@seed/index'
import { createUser, PASSWORD, approvalBody } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

Object.assign(process.env, { PUBLIC_SITE_ORIGINS: 'https://patients.example.org, https://partner.example.net/', JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
const { startPayload, stopPayload } = await import('../helpers/payload')
const { publicApi } = await import('../helpers/publicApi')
const answerPage = await import('@/app/(frontend)/answers/[slug]/route')
const sitemap = await import('@/app/(frontend)/sitemap.xml/route')
const { loadEnv } = await import('@/lib/env')

let payload: Payload
let rest: RestClient
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const CONTRACT_KEYS = [
  'body',
  'bodyHtml',
  'cancerType',
  'claims',
  'disclaimer',
  'disclosure',
  'keyTakeaway',
  'lastReviewedAt',
  'nextReviewDue',
  'notice',
  'publishedAt',
  'question',
  'questionsToAsk',
  'references',
  'reviewedBy',
  'slug',
  'sources',
  'summary',
  'summaryReferences',
  'title',
]

beforeAll(async () => {
  payload = await startPayload()
  await seed(payload, { allowDemo: true })
  await payload.jobs.run({ queue: 'drafting', limit: 100 }) // the seed's drafts: none may leak
  rest = new RestClient(payload)
})
afterAll(async () => stopPayload(payload))

const get = (path: string, headers: Record<string, string> = {}) => publicApi(path, { headers })

describe('GET /api/public/v1/answers/:slug', () => {
  it('returns exactly the contract for a published answer', async () => {
    const response = await get(`/answers/${SLUG}`)
    expect(response.status).toBe(200)
    expect(Object.keys(response.body).sort()).toEqual(CONTRACT_KEYS)
    expect(response.body).toMatchObject({
      slug: SLUG,
      title: 'Can surgery help when pancreatic cancer has spread?',
      question: 'Is surgery an option for metastatic pancreatic cancer?',
      cancerType: { slug: 'pancreatic', name: 'Pancreatic cancer' },
      reviewedBy: [{ name: 'Dr Maya Okafor', credentials: 'MD, Medical Oncology' }],
    })
    expect(response.body.bodyHtml).toMatch(/<h2>.*<\/h2>/)
    expect(response.body.sources.length).toBeGreaterThan(0)
    expect(response.body.sources[0]).toEqual({
      publisher: expect.any(String),
      title: expect.any(String),
      version: expect.any(String),
      url: expect.stringMatching(/^https:/),
    })
    expect(response.body.disclosure).toMatch(/reviewed and approved by Dr Maya Okafor/)
    expect(response.body.disclaimer).toMatch(/not medical advice/)
    expect(response.text).not.toMatch(/@example\.org|contentHash|provenance|assignedReviewers/)
  })

  it('unknown, malformed or unpublished slugs: 404 JSON', async () => {
    const draft = (await payload.find({ collection: 'answers', where: { _status: { equals: 'draft' } }, draft: true, limit: 1 })).docs[0]!
    for (const slug of ['no-such-answer', 'Not%20A%20Slug', draft.slug]) {
      const response = await get(`/answers/${slug}`)
      expect(response.status, String(slug)).toBe(404)
      expect(response.body.errors[0].message).toMatch(/No published answer/)
    }
  })
})

describe('GET /api/public/v1/answers', () => {
  it('lists published answers only, in the list contract, with search and filter', async () => {
    const all = await get('/answers')
    expect(all.status).toBe(200)
    expect(all.body).toMatchObject({ totalDocs: 1, page: 1, totalPages: 1 })
    expect(Object.keys(all.body.docs[0]).sort()).toEqual(['cancerType', 'lastReviewedAt', 'slug', 'summary', 'title'])
    expect((await get('/answers?q=surgery%20spread')).body.totalDocs).toBe(1)
    expect((await get('/answers?q=metastatic')).body.totalDocs).toBe(1) // from the question text
    expect((await get('/answers?q=immunotherapy')).body.totalDocs).toBe(0)
    expect((await get('/answers?cancerType=pancreatic')).body.totalDocs).toBe(1)
    expect((await get('/answers?cancerType=breast')).body.totalDocs).toBe(0)
    expect((await get('/answers?limit=500')).status).toBe(200) // capped at 100
  })

  it('bad parameters: 400 with a message', async () => {
    for (const [query, message] of [
      ['page=abc', /page must be a whole number/],
      ['page=0', /page must be a whole number/],
      ['limit=0', /limit must be a whole number/],
      [`q=${'x'.repeat(5000)}`, /q must be at most 200 characters/],
      ['cancerType=Not%20A%20Slug', /cancerType must be a cancer type slug/],
    ] as const) {
      const response = await get(`/answers?${query}`)
      expect(response.status, query.slice(0, 30)).toBe(400)
      expect(response.body.errors[0].message).toMatch(message)
    }
  })
})

describe('public search (issue 15): stems, prefixes and typos, from the catalog', () => {
  it('"pancreas", "whipple" (only in the body) and "pancreatc" find the seeded answer; other words do not', async () => {
    for (const q of ['pancreas', 'whipple', 'Whipple', 'pancreatc', 'spreading operations', 'metastases']) {
      const response = await get(`/answers?q=${encodeURIComponent(q)}`)
      expect(response.status, q).toBe(200)
      expect(
        response.body.docs.map((doc: { slug: string }) => doc.slug),
        q,
      ).toEqual([SLUG])
    }
    for (const q of ['immunotherapy', 'melanoma', 'whipple breast']) expect((await get(`/answers?q=${q}`)).body.totalDocs, q).toBe(0)
  })

  it('searches that differ only in case and spacing share one prepared response', async () => {
    const { lookupPrepared } = await import('@/lib/public/responseCache')
    const first = await get('/answers?q=Whipple%20%20Procedure')
    expect(first.body.totalDocs).toBeGreaterThan(0)
    // Keyed by what the search searches for (queryTerms), not by the text as typed.
    const { queryTerms } = await import('@/lib/public/search')
    expect(lookupPrepared(`list:${JSON.stringify({ page: 1, limit: 20, q: queryTerms('whipple procedure') })}`)).toBeDefined()
    const again = await get('/answers?q=%20whipple%20PROCEDURE')
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
  })

  it('limits over the most a page holds share the limit=100 response: odd limits cannot fill the store', async () => {
    const { lookupPrepared } = await import('@/lib/public/responseCache')
    const capped = await get('/answers?limit=100&q=surgery')
    for (const limit of [101, 130, 500]) {
      const over = await get(`/answers?limit=${limit}&q=surgery`)
      expect(over.headers.get('etag')).toBe(capped.headers.get('etag'))
    }
    const { queryTerms } = await import('@/lib/public/search')
    const key = (limit: number) => `list:${JSON.stringify({ page: 1, limit, q: queryTerms('surgery') })}`
    expect(lookupPrepared(key(100))).toBeDefined()
    expect(lookupPrepared(key(500))).toBeUndefined()
  })

  it('lists, searches and counts read one catalog: after the first, no database query', async () => {
    await get('/answers?q=pancreas')
    const find = vi.spyOn(payload, 'find')
    try {
      for (const query of ['q=whipple', 'q=surgery&cancerType=pancreatic', 'page=2&limit=1', 'cancerType=breast'])
        expect((await get(`/answers?${query}`)).status, query).toBe(200)
      expect(find).not.toHaveBeenCalled()
    } finally {
      find.mockRestore()
    }
  })
})

describe('GET /api/public/v1/cancer-types', () => {
  it('counts published answers only', async () => {
    const response = await get('/cancer-types')
    expect(response.status).toBe(200)
    const pancreatic = response.body.find((t: { slug: string }) => t.slug === 'pancreatic')
    expect(pancreatic).toEqual({ slug: 'pancreatic', name: 'Pancreatic cancer', answerCount: 1 })
    expect(response.body.reduce((sum: number, t: { answerCount: number }) => sum + t.answerCount, 0)).toBe(1)
  })
})

describe('the answer page and sitemap.xml (issue 15)', () => {
  const page = async (slug: string, headers: Record<string, string> = {}) => {
    const response = await answerPage.GET(new Request(`http://localhost:3000/answers/${slug}`, { headers }), {
      params: Promise.resolve({ slug }),
    })
    return { status: response.status, headers: response.headers, text: await response.text() }
  }

  it('/answers/<slug>: the rendered document with the public policy, an ETag and 304; unknown slugs get the branded 404', async () => {
    const first = await page(SLUG)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(first.headers.get('content-security-policy')).toContain("script-src 'none'")
    expect(first.text).toMatch(/^<!DOCTYPE html><html lang="en">/)
    expect(first.text).toContain('<h1>Can surgery help when pancreatic cancer has spread?</h1>')
    expect(first.text).toContain('Whipple procedure')
    expect([...first.text.matchAll(/<script[^>]*>/g)].map(([tag]) => tag)).toEqual(['<script type="application/ld+json">'])
    const again = await page(SLUG, { 'if-none-match': first.headers.get('etag')! })
    expect(again.status).toBe(304)
    for (const slug of ['no-such-answer', 'Not A Slug', 'x'.repeat(300)]) {
      const missing = await page(slug)
      expect(missing.status, slug).toBe(404)
      expect(missing.headers.get('content-security-policy')).toContain("script-src 'none'")
      expect(missing.text).toContain('<h1>Page not found</h1>')
    }
  })

  it('a repeated page is served from the prepared store, without a database query', async () => {
    await page(SLUG)
    const find = vi.spyOn(payload, 'find')
    try {
      expect((await page(SLUG)).status).toBe(200)
      expect(find).not.toHaveBeenCalled()
    } finally {
      find.mockRestore()
    }
  })

  it('sitemap.xml lists every published answer with an absolute URL and its last review, and no draft', async () => {
    const response = await sitemap.GET(new Request('http://localhost:3000/sitemap.xml'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    const xml = await response.text()
    const { lastReviewedAt } = (await get(`/answers/${SLUG}`)).body
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    expect(xml).toContain(`<url><loc>${loadEnv().serverUrl}/answers/${SLUG}</loc><lastmod>${lastReviewedAt}</lastmod></url>`)
    expect(xml).toContain(`<url><loc>${loadEnv().serverUrl}/cancer-types/pancreatic</loc></url>`)
    expect([...xml.matchAll(/\/answers\//g)]).toHaveLength(1)
  })
})

describe('caching and CORS', () => {
  it('ETag and Cache-Control on every response; If-None-Match answers 304', async () => {
    const first = await get(`/answers/${SLUG}`)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^".+"$/)
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=\d+/)
    const again = await get(`/answers/${SLUG}`, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    for (const path of ['/answers', '/cancer-types']) {
      const response = await get(path)
      expect(response.headers.get('etag')).toBeTruthy()
      expect(response.headers.get('cache-control')).toBeTruthy()
    }
  })

  it('CORS only for the configured origins', async () => {
    const allowed = await get('/answers', { origin: 'https://partner.example.net' })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://partner.example.net')
    const other = await get('/answers', { origin: 'https://evil.example.com' })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await publicApi(`/answers/${SLUG}`, { method: 'OPTIONS', headers: { origin: 'https://patients.example.org' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://patients.example.org')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/i)
  })

  it('a repeated read is served from the response cache, without a database query', async () => {
    await get(`/answers/${SLUG}`)
    await get('/cancer-types')
    const find = vi.spyOn(payload, 'find')
    try {
      expect((await get(`/answers/${SLUG}`)).status).toBe(200)
      expect((await get('/cancer-types')).status).toBe(200)
      expect(find).not.toHaveBeenCalled()
    } finally {
      find.mockRestore()
    }
  })

  it('fresh after a publish: a newly approved version is served at once, with a new ETag', async () => {
    const before = await get(`/answers/${SLUG}`)
    const [answer] = (await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0 })).docs
    const editor = await createUser(payload, { roles: ['editor'] })
    const okafor = (await payload.find({ collection: 'users', where: { email: { equals: 'okafor@example.org' } } })).docs[0]!
    const cookie = await rest.login(editor.email, PASSWORD)
    await rest.patch(`/answers/${answer!.id}?draft=true`, { cookie, json: { keyTakeaway: 'An updated takeaway after review.' } })
    expect((await get(`/answers/${SLUG}`)).body.keyTakeaway).toBe(before.body.keyTakeaway) // draft: still the live one
    expect((await rest.post(`/answers/${answer!.id}/submit`, { cookie })).status).toBe(200)
    const approve = await rest.post(`/answers/${answer!.id}/decision`, {
      cookie: await rest.login(okafor.email, 'demo-password'),
      json: await approvalBody(payload, answer!.id),
    })
    expect(approve.status, approve.text).toBe(201)
    const after = await get(`/answers/${SLUG}`, { 'if-none-match': before.headers.get('etag')! })
    expect(after.status).toBe(200)
    expect(after.body.keyTakeaway).toBe('An updated takeaway after review.')
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'))
  })

  it('after a publication the catalog re-reads only the changed answer (one query), and lists and search show the change', async () => {
    await get('/answers?q=pancreas') // the catalog is built
    const [answer] = (await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0 })).docs
    const editor = await createUser(payload, { roles: ['editor'] })
    const okafor = (await payload.find({ collection: 'users', where: { email: { equals: 'okafor@example.org' } } })).docs[0]!
    const cookie = await rest.login(editor.email, PASSWORD)
    const summary = 'Surgery is seldom the first step once a pancreatic tumour has spread (zanubrutinib-free).'
    await rest.patch(`/answers/${answer!.id}?draft=true`, { cookie, json: { summary } })
    expect((await rest.post(`/answers/${answer!.id}/submit`, { cookie })).status).toBe(200)
    const approve = await rest.post(`/answers/${answer!.id}/decision`, {
      cookie: await rest.login(okafor.email, 'demo-password'),
      json: await approvalBody(payload, answer!.id),
    })
    expect(approve.status, approve.text).toBe(201)
    const find = vi.spyOn(payload, 'find')
    try {
      const found = await get('/answers?q=tumour%20seldom')
      expect(found.body.docs.map((doc: { slug: string }) => doc.slug)).toEqual([SLUG])
      expect(found.body.docs[0].summary).toBe(summary)
      expect(find.mock.calls.map(([args]) => [args.collection, JSON.stringify(args.where)])).toEqual([
        ['answers', expect.stringContaining(`{"slug":{"in":["${SLUG}"]}}`)],
      ])
      expect((await get('/answers')).body.totalDocs).toBe(1)
      expect((await get('/cancer-types')).body.find((type: { slug: string }) => type.slug === 'pancreatic').answerCount).toBe(1)
    } finally {
      find.mockRestore()
    }
  })

  it('a renamed cancer type: the answer, its page, the list, search and the filter all use the new name and slug', async () => {
    const [type] = (await payload.find({ collection: 'cancer-types', where: { slug: { equals: 'pancreatic' } }, depth: 0 })).docs
    const rename = (name: string, slug: string) =>
      payload.update({ collection: 'cancer-types', id: type!.id, data: { name, slug }, overrideAccess: true })
    expect((await get(`/answers/${SLUG}`)).body.cancerType).toEqual({ slug: 'pancreatic', name: 'Pancreatic cancer' })
    await rename('Cancer of the pancreas', 'pancreas')
    try {
      const renamed = { slug: 'pancreas', name: 'Cancer of the pancreas' }
      expect((await get(`/answers/${SLUG}`)).body.cancerType).toEqual(renamed)
      const listed = (await get('/answers?cancerType=pancreas')).body
      expect(listed.docs.find((item: { slug: string }) => item.slug === SLUG)?.cancerType).toEqual(renamed)
      expect((await get('/answers?cancerType=pancreatic')).body.totalDocs).toBe(0)
      expect((await get('/answers?q=whipple')).body.docs[0].cancerType).toEqual(renamed)
      const html = await (
        await answerPage.GET(new Request(`http://localhost:3000/answers/${SLUG}`), { params: Promise.resolve({ slug: SLUG }) })
      ).text()
      expect(html).toContain('href="/cancer-types/pancreas"')
      expect(html).toContain('Cancer of the pancreas')
      expect(html).not.toContain('/cancer-types/pancreatic"')
    } finally {
      await rename('Pancreatic cancer', 'pancreatic')
    }
    expect((await get(`/answers/${SLUG}`)).body.cancerType).toEqual({ slug: 'pancreatic', name: 'Pancreatic cancer' })
  })

  it('fresh after an unpublish, and not before it commits: the answer, the list and the counts drop it', async () => {
    const pancreatic = async () =>
      (await get('/cancer-types')).body.find((type: { slug: string }) => type.slug === 'pancreatic').answerCount
    expect((await get(`/answers/${SLUG}`)).status).toBe(200)
    const listed = (await get('/answers?cancerType=pancreatic')).body.totalDocs
    const counted = await pancreatic()
    expect(counted).toBeGreaterThan(0)
    const [answer] = (await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0 })).docs
    const admin = await createUser(payload, { roles: ['admin'] })
    const { withTransaction } = await import('@/lib/transaction')
    await withTransaction(await createLocalReq({ user: { ...admin, collection: 'users' } as never }, payload), async (tx) => {
      await payload.update({
        collection: 'answers',
        id: answer!.id,
        data: { _status: 'draft' },
        user: tx.user,
        overrideAccess: false,
        req: tx,
      })
      // Not committed yet: a public read still gets the live answer, and may put it in the cache...
      expect((await get(`/answers/${SLUG}`)).status).toBe(200)
    })
    // ...which the commit clears, so the first read after it is fresh.
    expect((await get(`/answers/${SLUG}`)).status).toBe(404)
    expect((await get('/answers?cancerType=pancreatic')).body.totalDocs).toBe(listed - 1)
    expect(await pancreatic()).toBe(counted - 1)
    const page = await answerPage.GET(new Request(`http://localhost:3000/answers/${SLUG}`), { params: Promise.resolve({ slug: SLUG }) })
    expect(page.status).toBe(404)
    expect(await (await sitemap.GET(new Request('http://localhost:3000/sitemap.xml'))).text()).not.toContain(`/answers/${SLUG}`)
  })
})
