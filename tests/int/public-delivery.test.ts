/**
 * Public delivery (issue 15): the prepared-response store, the one delivery function shared by the
 * route handlers and the production server's fast path, eviction by tag, and the change feed that
 * tells every instance what another one changed.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { seed } from '@seed/index'
import { createUser } from '../helpers/fixtures'

Object.assign(process.env, { PUBLIC_SITE_ORIGINS: 'https://patients.example.org', JOBS_AUTORUN: 'false', CDN_MAX_AGE: '3600' })
delete process.env.ANTHROPIC_API_KEY
const { startPayload, stopPayload } = await import('../helpers/payload')
const { deliver, servePrepared, serveFromStore, FAST_PATH_KEY, HTML_TYPE, JSON_TYPE } = await import('@/lib/public/delivery')
const { clearPublicResponses, evictPublicResponses, lookupPrepared, prepareResponse, preparedResponse, publicResponsesHeld } =
  await import('@/lib/public/responseCache')
const { pollPublicChanges, prunePublicChanges, startPublicChangePoller, stopPublicChangePoller, POLL_LIMIT, RETENTION_MS } =
  await import('@/lib/public/changeFeed')
const { answerTag, ANSWER_LISTS_TAG, PUBLIC_TAG, tagsForAnswers } = await import('@/lib/public/cacheTags')

const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const big = JSON.stringify({ text: 'Pancreatic cancer surgery. '.repeat(200) })
const request = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost:3000${path}`, { headers })
const built =
  (body: string, contentType = JSON_TYPE, status = 200) =>
  async () => ({ status, body, contentType })

beforeEach(() => clearPublicResponses())

describe('deliver: the headers of a prepared response', () => {
  const tags = [PUBLIC_TAG, answerTag('a-slug')]
  const json = prepareResponse(200, big, JSON_TYPE, tags)

  it('200: browsers revalidate, CDNs keep it CDN_MAX_AGE, tags in both header formats, ETag, Vary', () => {
    const { status, headers, body } = deliver(json, {})
    expect(status).toBe(200)
    expect(headers).toMatchObject({
      'Content-Type': JSON_TYPE,
      'Cache-Control': 'public, max-age=0, must-revalidate',
      'CDN-Cache-Control': 'public, max-age=3600',
      'Surrogate-Control': 'max-age=3600',
      'Surrogate-Key': 'public answer-a-slug',
      'Cache-Tag': 'public,answer-a-slug',
      ETag: json.etag,
      Vary: 'Origin, Accept-Encoding',
      'Content-Length': String(Buffer.byteLength(big)),
    })
    expect(headers['Content-Encoding']).toBeUndefined()
    expect(Buffer.from(body!).toString()).toBe(big)
  })

  it('If-None-Match (also in a list, or weak) answers 304 without a body, with the same cache headers', () => {
    for (const ifNoneMatch of [json.etag, `"other", ${json.etag}`, `W/${json.etag}`, '*']) {
      const { status, headers, body } = deliver(json, { ifNoneMatch })
      expect(status, ifNoneMatch).toBe(304)
      expect(body).toBeNull()
      expect(headers['Surrogate-Key']).toBe('public answer-a-slug')
      expect(headers.ETag).toBe(json.etag)
    }
    expect(deliver(json, { ifNoneMatch: '"other"' }).status).toBe(200)
  })

  it('gzip when accepted (not with q=0), at any size (as Next compresses a route response)', () => {
    const zipped = deliver(json, { acceptEncoding: 'br, gzip, deflate' })
    expect(zipped.headers['Content-Encoding']).toBe('gzip')
    expect(zipped.body!.byteLength).toBeLessThan(Buffer.byteLength(big))
    expect(zipped.headers['Content-Length']).toBe(String(zipped.body!.byteLength))
    expect(deliver(json, { acceptEncoding: 'gzip;q=0, identity' }).headers['Content-Encoding']).toBeUndefined()
    expect(deliver(json, { acceptEncoding: '*' }).headers['Content-Encoding']).toBe('gzip')
    const small = prepareResponse(200, '{"a":1}', JSON_TYPE, tags)
    expect(deliver(small, { acceptEncoding: 'gzip' }).headers['Content-Encoding']).toBe('gzip')
    expect(deliver(prepareResponse(204, '', JSON_TYPE), { acceptEncoding: 'gzip' }).headers['Content-Encoding']).toBeUndefined()
  })

  it('CORS on JSON for the configured origins only; the public CSP on HTML', () => {
    const allowed = deliver(json, { origin: 'https://patients.example.org' }).headers
    expect(allowed['Access-Control-Allow-Origin']).toBe('https://patients.example.org')
    expect(allowed['Access-Control-Expose-Headers']).toMatch(/ETag/)
    expect(deliver(json, { origin: 'https://evil.example.com' }).headers['Access-Control-Allow-Origin']).toBeUndefined()
    const page = deliver(prepareResponse(200, '<!doctype html><p>Hi</p>', HTML_TYPE, tags), { origin: 'https://patients.example.org' })
    expect(page.headers['Content-Security-Policy']).toMatch(/script-src 'none'/)
    expect(page.headers['Access-Control-Allow-Origin']).toBeUndefined()
    expect(page.headers.Vary).toBe('Accept-Encoding')
    expect(deliver(json, {}).headers['Content-Security-Policy']).toBeUndefined()
  })

  it('errors: no-store, no CDN headers and no tags (nothing may keep them)', () => {
    const { status, headers } = deliver(prepareResponse(404, '{"errors":[]}', JSON_TYPE, tags), {})
    expect(status).toBe(404)
    expect(headers['Cache-Control']).toBe('no-store')
    for (const name of ['CDN-Cache-Control', 'Surrogate-Control', 'Surrogate-Key', 'Cache-Tag']) expect(headers[name]).toBeUndefined()
  })
})

describe('servePrepared and the fast path share one store', () => {
  it('builds once; the fast path then finds the entry by the request URL (alias) and sends the same headers', async () => {
    let builds = 0
    const build = async () => {
      builds++
      return { status: 200, body: big, contentType: JSON_TYPE }
    }
    const first = await servePrepared(request('/api/public/v1/answers?page=1&limit=20'), 'list:canonical', [PUBLIC_TAG], build)
    const second = await servePrepared(request('/api/public/v1/answers?limit=20&page=1'), 'list:canonical', [PUBLIC_TAG], build)
    expect(builds).toBe(1)
    expect(await second.text()).toBe(await first.text())

    const installed = (globalThis as Record<symbol, { serve: typeof serveFromStore }>)[FAST_PATH_KEY]!
    expect(installed.serve).toBe(serveFromStore)
    const headers = { origin: 'https://patients.example.org' }
    const fast = installed.serve('/api/public/v1/answers?limit=20&page=1', headers)!
    const routed = await servePrepared(request('/api/public/v1/answers?limit=20&page=1', headers), 'list:canonical', [PUBLIC_TAG], build)
    const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
    expect(fast.status).toBe(routed.status)
    expect(lower(fast.headers)).toEqual(Object.fromEntries(routed.headers))
    expect(Buffer.from(fast.body!)).toEqual(Buffer.from(await routed.arrayBuffer()))
    // gzip: the fast path sends the stored copy; a route leaves it to Next (which drops a route's own Content-Encoding).
    expect(installed.serve('/api/public/v1/answers?limit=20&page=1', { 'accept-encoding': 'gzip' })!.headers['Content-Encoding']).toBe(
      'gzip',
    )
    const viaNext = await servePrepared(
      request('/api/public/v1/answers?limit=20&page=1', { 'accept-encoding': 'gzip' }),
      'list:canonical',
      [PUBLIC_TAG],
      build,
    )
    expect(viaNext.headers.get('content-encoding')).toBeNull()
    expect(installed.serve('/api/public/v1/answers?limit=21', {})).toBeUndefined() // never asked for: a miss, to Next
  })

  it('only 200s are stored: a 404 is built again on the next request and never reaches the fast path', async () => {
    let builds = 0
    const build = async () => (builds++, { status: 404, body: '{"errors":[{"message":"No"}]}', contentType: JSON_TYPE })
    expect((await servePrepared(request('/api/public/v1/answers/gone'), 'answer:gone', [PUBLIC_TAG], build)).status).toBe(404)
    expect((await servePrepared(request('/api/public/v1/answers/gone'), 'answer:gone', [PUBLIC_TAG], build)).status).toBe(404)
    expect(builds).toBe(2)
    expect(serveFromStore('/api/public/v1/answers/gone', {})).toBeUndefined()
  })

  it('HEAD: headers without a body', async () => {
    const response = await servePrepared(
      new Request('http://localhost:3000/answers/x', { method: 'HEAD' }),
      'page:x',
      [PUBLIC_TAG],
      built('<p>x</p>', HTML_TYPE),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'none'/)
    expect(await response.text()).toBe('')
  })
})

describe('eviction by tag', () => {
  it('drops the entries carrying a tag and keeps the others; PUBLIC_TAG drops everything', async () => {
    await servePrepared(request('/a/one'), 'one', [PUBLIC_TAG, answerTag('one')], built('{"one":1}'))
    await servePrepared(request('/a/two'), 'two', [PUBLIC_TAG, answerTag('two')], built('{"two":2}'))
    await servePrepared(request('/a/list'), 'list', [PUBLIC_TAG, ANSWER_LISTS_TAG], built('{"list":[]}'))
    evictPublicResponses([answerTag('one'), ANSWER_LISTS_TAG])
    expect(lookupPrepared('one')).toBeUndefined()
    expect(lookupPrepared('list')).toBeUndefined()
    expect(lookupPrepared('/a/two')).toBeDefined()
    evictPublicResponses([PUBLIC_TAG])
    expect(lookupPrepared('two')).toBeUndefined()
  })

  it('concurrent misses for one key share one build; after a change, a new request builds again', async () => {
    let builds = 0
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const build = async () => {
      builds += 1
      await gate
      return prepareResponse(200, `{"build":${builds}}`, JSON_TYPE, [PUBLIC_TAG, answerTag('hot')])
    }
    const waiting = Array.from({ length: 50 }, () => preparedResponse('hot', build))
    release()
    const responses = await Promise.all(waiting)
    expect(builds).toBe(1)
    expect(new Set(responses.map((response) => response.etag)).size).toBe(1)

    // A request after a change does not join a build that started before it.
    evictPublicResponses([answerTag('hot')])
    let releaseOld = () => {}
    const oldGate = new Promise<void>((resolve) => (releaseOld = resolve))
    const before = preparedResponse('hot', async () => {
      await oldGate
      return prepareResponse(200, '{"old":true}', JSON_TYPE, [PUBLIC_TAG, answerTag('hot')])
    })
    evictPublicResponses([answerTag('hot')])
    const after = await preparedResponse('hot', async () => prepareResponse(200, '{"new":true}', JSON_TYPE, [PUBLIC_TAG, answerTag('hot')]))
    releaseOld()
    expect(Buffer.from((await before).body).toString()).toBe('{"old":true}')
    expect(Buffer.from(after.body).toString()).toBe('{"new":true}')
    expect(Buffer.from(lookupPrepared('hot')!.body).toString()).toBe('{"new":true}')
  })

  it('a build that hangs is not joined after 10 s: later misses build again', async () => {
    let release = () => {}
    const hanging = new Promise<void>((resolve) => (release = resolve))
    const stuck = preparedResponse('hung', async () => {
      await hanging
      return prepareResponse(200, '{"late":true}', JSON_TYPE, [PUBLIC_TAG])
    })
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_001 })
    try {
      const fresh = await preparedResponse('hung', async () => prepareResponse(200, '{"fresh":true}', JSON_TYPE, [PUBLIC_TAG]))
      expect(Buffer.from(fresh.body).toString()).toBe('{"fresh":true}')
    } finally {
      vi.useRealTimers()
      release()
    }
    expect(Buffer.from((await stuck).body).toString()).toBe('{"late":true}')
  })

  it('long request URLs are not remembered as aliases; a used alias outlives a flood of one-off ones', async () => {
    const request = (url: string) => new Request(`http://localhost${url}`)
    const built = (json: string) => async () => ({ status: 200, body: json, contentType: JSON_TYPE })
    await servePrepared(request('/a/page?x=1'), 'page', [PUBLIC_TAG], built('{"page":1}'))
    await servePrepared(request(`/a/page?junk=${'x'.repeat(600)}`), 'page', [PUBLIC_TAG], built('{"page":1}'))
    expect(lookupPrepared(`/a/page?junk=${'x'.repeat(600)}`)).toBeUndefined()
    expect(lookupPrepared('/a/page?x=1')).toBeDefined()
    // 5,000 one-off aliases, the used one looked up now and then: it is still there afterwards.
    for (let i = 0; i < 5_000; i++) {
      await servePrepared(request(`/a/page?n=${i}`), 'page', [PUBLIC_TAG], built('{"page":1}'))
      if (i % 1_000 === 0) expect(lookupPrepared('/a/page?x=1')).toBeDefined()
    }
    expect(lookupPrepared('/a/page?x=1')).toBeDefined()
    expect(lookupPrepared('/a/page?n=0')).toBeUndefined()
  })

  it('a stored response that is read outlives a flood of one-off ones (the store evicts the least recently read)', async () => {
    const built = (json: string) => async () => prepareResponse(200, json, JSON_TYPE, [PUBLIC_TAG])
    await preparedResponse('popular', built('{"popular":true}'))
    // 5,000 one-off entries (the store's size), the popular one read now and then: still there afterwards.
    for (let i = 0; i < 5_000; i++) {
      await preparedResponse(`one-off-${i}`, built(`{"n":${i}}`))
      if (i % 1_000 === 999) expect(lookupPrepared('popular')).toBeDefined()
    }
    expect(lookupPrepared('popular')).toBeDefined()
    expect(lookupPrepared('one-off-0')).toBeUndefined()
  })

  it('a build that overlaps an eviction is served once but not kept (it may hold the old data)', async () => {
    const response = await preparedResponse('racing', async () => {
      evictPublicResponses([answerTag('racing')])
      return prepareResponse(200, '{"old":true}', JSON_TYPE, [PUBLIC_TAG])
    })
    expect(response.status).toBe(200)
    expect(lookupPrepared('racing')).toBeUndefined()
    // Nor by a CDN: the change's purge may have gone out before this response reaches it.
    const { status, headers } = deliver(response, {})
    expect(status).toBe(200)
    expect(headers['Cache-Control']).toBe('no-store')
    for (const name of ['CDN-Cache-Control', 'Surrogate-Control', 'Surrogate-Key', 'Cache-Tag']) expect(headers[name], name).toBeUndefined()
    // A build that no change overtook is cached as before.
    const kept = await preparedResponse('calm', async () => prepareResponse(200, '{"new":true}', JSON_TYPE, [PUBLIC_TAG]))
    expect(deliver(kept, {}).headers['CDN-Cache-Control']).toBe('public, max-age=3600')
  })
})

describe('the public change feed', () => {
  let payload: Payload
  beforeAll(async () => {
    payload = await startPayload()
    await seed(payload, { allowDemo: true })
  })
  afterAll(async () => {
    stopPublicChangePoller()
    await stopPayload(payload)
  })

  const changes = async () =>
    (await payload.find({ collection: 'public-changes', sort: 'createdAt', limit: 100, depth: 0, overrideAccess: true })).docs

  it('the poller evicts what another instance changed: a row written without local eviction', async () => {
    stopPublicChangePoller()
    await prunePublicChanges(payload, Date.now() + RETENTION_MS + 60_000) // the seed's own changes
    startPublicChangePoller(payload, { intervalMs: 50 })
    await servePrepared(request('/api/public/v1/answers/elsewhere'), 'answer:elsewhere', [PUBLIC_TAG, answerTag('elsewhere')], built('{}'))
    await servePrepared(request('/api/public/v1/cancer-types'), 'cancer-types', [PUBLIC_TAG, 'cancer-types'], built('[]'))
    expect(lookupPrepared('answer:elsewhere')).toBeDefined()
    // What another instance's recordPublicChange leaves in the database; this process evicts nothing itself.
    await payload.create({
      collection: 'public-changes',
      data: { kind: 'withdrawn', slugs: ['elsewhere'], tags: [answerTag('elsewhere')] },
      overrideAccess: true,
    })
    const deadline = Date.now() + 5_000
    while (lookupPrepared('answer:elsewhere') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(lookupPrepared('answer:elsewhere')).toBeUndefined()
    expect(lookupPrepared('cancer-types')).toBeDefined() // not tagged by the change
    stopPublicChangePoller()
  })

  it('fails closed while the feed cannot be read: nothing prepared is served or kept, responses go out no-store, until a poll succeeds', async () => {
    stopPublicChangePoller()
    startPublicChangePoller(payload, { intervalMs: 50 })
    await servePrepared(request('/api/public/v1/answers/held'), 'answer:held', [PUBLIC_TAG, answerTag('held')], built('{}'))
    expect(lookupPrepared('answer:held')).toBeDefined()
    const find = payload.find.bind(payload)
    const spy = vi
      .spyOn(payload, 'find')
      .mockImplementation((args) =>
        args.collection === 'public-changes' ? Promise.reject(new Error('replica unreachable (injected)')) : find(args),
      )
    const waitFor = async (done: () => boolean) => {
      const deadline = Date.now() + 5_000
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    try {
      await waitFor(() => !lookupPrepared('answer:held'))
      expect(lookupPrepared('answer:held')).toBeUndefined()
      const meanwhile = await servePrepared(request('/api/public/v1/answers/held'), 'answer:held', [PUBLIC_TAG], built('{"a":1}'))
      expect(meanwhile.status).toBe(200)
      expect(meanwhile.headers.get('cache-control')).toBe('no-store')
      expect(meanwhile.headers.get('surrogate-key')).toBeNull()
      expect(lookupPrepared('answer:held')).toBeUndefined()
    } finally {
      spy.mockRestore()
    }
    // The feed is back: responses are prepared and cached again.
    await waitFor(() => !publicResponsesHeld())
    const after = await servePrepared(request('/api/public/v1/answers/held'), 'answer:held', [PUBLIC_TAG], built('{"a":2}'))
    expect(after.headers.get('surrogate-key')).toBe(PUBLIC_TAG)
    expect(lookupPrepared('answer:held')).toBeDefined()
    stopPublicChangePoller()
  })

  it('while the feed cannot be read, lists and search are checked against the database: a withdrawal made elsewhere drops out', async () => {
    const { listPublicAnswers } = await import('@/lib/public/queries')
    const slugsOf = async (q?: string) => (await listPublicAnswers(payload, { q, limit: 100 })).docs.map((item) => item.slug)
    stopPublicChangePoller()
    startPublicChangePoller(payload, { intervalMs: 50 })
    expect(await slugsOf('whipple')).toContain(SLUG)
    const [answer] = (await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0 })).docs
    const find = payload.find.bind(payload)
    // Full reads of every published answer's public record (what a from-scratch catalog build makes).
    let fullReads = 0
    const spy = vi.spyOn(payload, 'find').mockImplementation((args) => {
      if (args.collection === 'public-changes') return Promise.reject(new Error('replica unreachable (injected)'))
      if (
        args.collection === 'answers' &&
        JSON.stringify(args.select ?? {}).includes('publicJson') &&
        !JSON.stringify(args.where).includes('"in"')
      )
        fullReads++
      return find(args)
    })
    try {
      const deadline = Date.now() + 5_000
      while (!publicResponsesHeld() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(publicResponsesHeld()).toBe(true)
      expect(await slugsOf('whipple')).toContain(SLUG)
      // Another instance's withdrawal, as this one sees it: the row changed, no eviction here, no feed.
      await payload.db.updateOne({ collection: 'answers', id: answer!.id, data: { _status: 'draft' }, returning: false })
      await new Promise((resolve) => setTimeout(resolve, 150)) // a failed poll or two
      expect(await slugsOf('whipple')).not.toContain(SLUG)
      expect(await slugsOf()).not.toContain(SLUG)
      // Checked with one light read of the published answers' slugs, not rebuilt from every record.
      expect(fullReads).toBe(0)
    } finally {
      spy.mockRestore()
      const deadline = Date.now() + 5_000
      while (publicResponsesHeld() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      stopPublicChangePoller()
      await payload.db.updateOne({ collection: 'answers', id: answer!.id, data: { _status: 'published' }, returning: false })
      clearPublicResponses()
    }
    expect(publicResponsesHeld()).toBe(false)
    expect(await slugsOf('whipple')).toContain(SLUG)
  })

  it('a change committed after a poll, stamped before it, is still applied (overlap window), and only once', async () => {
    stopPublicChangePoller()
    const poller = startPublicChangePoller(payload, { intervalMs: 60_000 })
    const { withTransaction } = await import('@/lib/transaction')
    await withTransaction(await createLocalReq({}, payload), async (req) => {
      await payload.create({
        collection: 'public-changes',
        data: { kind: 'revised', slugs: ['late'], tags: [answerTag('late')] },
        overrideAccess: true,
        req,
      })
      await pollPublicChanges(poller) // the row is not committed: this poll cannot see it
    })
    await servePrepared(request('/api/public/v1/answers/late'), 'answer:late', [PUBLIC_TAG, answerTag('late')], built('{}'))
    expect(await pollPublicChanges(poller)).toBe(1)
    expect(lookupPrepared('answer:late')).toBeUndefined()
    await servePrepared(request('/api/public/v1/answers/late'), 'answer:late', [PUBLIC_TAG, answerTag('late')], built('{}'))
    expect(await pollPublicChanges(poller)).toBe(0) // already applied: the new entry stays
    expect(lookupPrepared('answer:late')).toBeDefined()
    stopPublicChangePoller()
  })

  it("a cancer type's page: a prepared HTML response tagged for every answer change, 404 for an unknown type or page", async () => {
    const typePage = await import('@/app/(frontend)/cancer-types/[slug]/route')
    const get = (slug: string, query = '') => typePage.GET(request(`/cancer-types/${slug}${query}`), { params: Promise.resolve({ slug }) })
    const page = await get('pancreatic')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe(HTML_TYPE)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'")
    expect(page.headers.get('surrogate-key')?.split(' ')).toEqual(expect.arrayContaining([PUBLIC_TAG, ANSWER_LISTS_TAG, 'cancer-types']))
    const html = await page.text()
    expect(html).toContain(`<a href="/answers/${SLUG}">`)
    expect(html).toContain('For informational purposes only')
    // The fast path finds the same entry by the URL.
    expect(serveFromStore('/cancer-types/pancreatic', {})?.status).toBe(200)
    for (const [slug, query] of [
      ['no-such-type', ''],
      ['pancreatic', '?page=2'],
      ['pancreatic', '?page=abc'],
      ['Pancreatic', ''],
    ] as const) {
      const missing = await get(slug, query)
      expect(missing.status, `${slug}${query}`).toBe(404)
      expect(await missing.text()).toContain('Page not found')
    }
  })

  it('the home page: a prepared HTML document with no script; a search is built per request and kept nowhere; a bad page is the 404 page', async () => {
    const homeRoute = await import('@/app/(frontend)/route')
    const get = (query = '') => homeRoute.GET(request(`/${query}`))
    const home = await get()
    expect(home.status).toBe(200)
    expect(home.headers.get('content-type')).toBe(HTML_TYPE)
    expect(home.headers.get('content-security-policy')).toContain("script-src 'none'")
    expect(home.headers.get('surrogate-key')?.split(' ')).toEqual(expect.arrayContaining([PUBLIC_TAG, ANSWER_LISTS_TAG, 'cancer-types']))
    const html = await home.text()
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/)
    expect(html).toContain('<title>Cancer questions answered, reviewed by oncologists</title>')
    expect(html).toContain(`<a href="/answers/${SLUG}">`)
    expect(html).toContain('For informational purposes only')
    expect(html).not.toContain('<script')
    // Kept in the store: the fast path serves `/` without Next, and a publication evicts it.
    expect(serveFromStore('/', {})?.status).toBe(200)
    evictPublicResponses([ANSWER_LISTS_TAG])
    expect(serveFromStore('/', {})).toBeUndefined()

    const search = await get('?q=whipple')
    expect(search.status).toBe(200)
    expect(search.headers.get('cache-control')).toBe('no-store')
    expect(search.headers.get('surrogate-key')).toBeNull()
    expect(search.headers.get('content-security-policy')).toContain("script-src 'none'")
    const found = await search.text()
    expect(found).toContain(`<a href="/answers/${SLUG}">`)
    expect(found).toContain('Answers for &quot;whipple&quot;')
    expect(serveFromStore('/?q=whipple', {})).toBeUndefined()
    expect(await (await get('?q=whipple&page=1')).text()).toContain(`<a href="/answers/${SLUG}">`)

    for (const query of ['?q=whipple&page=2', '?page=0', '?page=abc', '?q=whipple&page=1&page=2', '?page=999']) {
      const missing = await get(query)
      expect(missing.status, query).toBe(404)
      expect(missing.headers.get('cache-control'), query).toBe('no-store')
      expect(await missing.text(), query).toContain('Page not found')
    }
  })

  it('a burst of more rows than one poll reads empties the store once, not at every poll', async () => {
    stopPublicChangePoller()
    await prunePublicChanges(payload, Date.now() + RETENTION_MS + 60_000)
    const poller = startPublicChangePoller(payload, { intervalMs: 60_000 })
    const { withTransaction } = await import('@/lib/transaction')
    await withTransaction(await createLocalReq({}, payload), async (req) => {
      for (let i = 0; i <= POLL_LIMIT; i++)
        await payload.db.create({
          collection: 'public-changes',
          data: { kind: 'revised', slugs: [`burst-${i}`], tags: [answerTag(`burst-${i}`)] },
          req,
        })
    })
    const unrelated = async () =>
      servePrepared(request('/api/public/v1/answers/unrelated'), 'answer:unrelated', [PUBLIC_TAG, answerTag('unrelated')], built('{}'))
    await unrelated()
    expect(await pollPublicChanges(poller)).toBe(POLL_LIMIT + 1)
    expect(lookupPrepared('answer:unrelated')).toBeUndefined() // more rows than one page: everything goes
    await unrelated()
    const find = vi.spyOn(payload, 'find')
    try {
      expect(await pollPublicChanges(poller)).toBe(0)
      // Nothing new: the newest page is read, and a count says nothing lies behind it unread.
      expect(find.mock.calls.filter(([args]) => args.collection === 'public-changes')).toHaveLength(1)
    } finally {
      find.mockRestore()
    }
    expect(lookupPrepared('answer:unrelated')).toBeDefined() // nothing new: nothing evicted again
    await payload.create({
      collection: 'public-changes',
      data: { kind: 'revised', slugs: ['unrelated'], tags: [answerTag('unrelated')] },
      overrideAccess: true,
    })
    expect(await pollPublicChanges(poller)).toBe(1)
    expect(lookupPrepared('answer:unrelated')).toBeUndefined() // a new row after the burst is still applied
    stopPublicChangePoller()
  })

  it('in a window holding more rows than one poll reads, a row committed late behind the newest page is still applied', async () => {
    stopPublicChangePoller()
    await prunePublicChanges(payload, Date.now() + RETENTION_MS + 60_000)
    const poller = startPublicChangePoller(payload, { intervalMs: 60_000 })
    const { withTransaction } = await import('@/lib/transaction')
    const burst = async (from: number, count: number) =>
      withTransaction(await createLocalReq({}, payload), async (req) => {
        for (let i = from; i < from + count; i++)
          await payload.db.create({
            collection: 'public-changes',
            data: { kind: 'revised', slugs: [`burst-${i}`], tags: [answerTag(`burst-${i}`)] },
            req,
          })
      })
    const beforeBurst = Date.now()
    await burst(0, POLL_LIMIT)
    expect(await pollPublicChanges(poller)).toBe(POLL_LIMIT)
    const prepared = () =>
      servePrepared(request('/api/public/v1/answers/late-one'), 'answer:late-one', [PUBLIC_TAG, answerTag('late-one')], built('{}'))
    await prepared()
    // Another instance's withdrawal, stamped before the burst but committed only now: older than every
    // row of the newest page, still inside the poll's window.
    await payload.db.create({
      collection: 'public-changes',
      data: {
        kind: 'withdrawn',
        slugs: ['late-one'],
        tags: [answerTag('late-one')],
        createdAt: new Date(beforeBurst - 1_000).toISOString(),
      },
    })
    expect(await pollPublicChanges(poller)).toBe(1)
    expect(lookupPrepared('answer:late-one')).toBeUndefined()
    await prepared()
    expect(await pollPublicChanges(poller)).toBe(0)
    expect(lookupPrepared('answer:late-one')).toBeDefined() // applied once, not at every poll
    stopPublicChangePoller()
  })

  it('old rows are pruned, recent ones kept', async () => {
    const before = (await changes()).length
    expect(before).toBeGreaterThan(0)
    await prunePublicChanges(payload, Date.now() + RETENTION_MS + 60_000)
    expect(await changes()).toHaveLength(0)
    await payload.create({ collection: 'public-changes', data: { kind: 'site', slugs: [], tags: [PUBLIC_TAG] }, overrideAccess: true })
    await prunePublicChanges(payload)
    expect(await changes()).toHaveLength(1)
  })

  it("every public page starts the poller: an instance that has served only pages applies another instance's withdrawal", async () => {
    stopPublicChangePoller()
    await prunePublicChanges(payload, Date.now() + RETENTION_MS + 60_000)
    clearPublicResponses()
    const answerPage = await import('@/app/(frontend)/answers/[slug]/route')
    const typePage = await import('@/app/(frontend)/cancer-types/[slug]/route')
    const sitemap = await import('@/app/(frontend)/sitemap.xml/route')
    const pageStatus = async () => (await answerPage.GET(request(`/answers/${SLUG}`), { params: Promise.resolve({ slug: SLUG }) })).status
    const typePageLists = async () =>
      (
        await (await typePage.GET(request('/cancer-types/pancreatic'), { params: Promise.resolve({ slug: 'pancreatic' }) })).text()
      ).includes(`/answers/${SLUG}`)
    const sitemapLists = async () => (await (await sitemap.GET(request('/sitemap.xml'))).text()).includes(`/answers/${SLUG}`)
    const homeRoute = await import('@/app/(frontend)/route')
    const homeLists = async () => (await (await homeRoute.GET(request('/'))).text()).includes(`/answers/${SLUG}`)
    expect(await pageStatus()).toBe(200)
    expect(await homeLists()).toBe(true)
    expect(await typePageLists()).toBe(true)
    expect(await sitemapLists()).toBe(true)

    // Another instance withdraws the answer: its main row leaves the public, and its feed row is all
    // this process learns of it (nothing here evicts anything).
    const [live] = (await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0, overrideAccess: true })).docs
    await payload.db.updateOne({ collection: 'answers', id: live!.id, data: { _status: 'draft' } })
    await payload.create({
      collection: 'public-changes',
      data: { kind: 'withdrawn', slugs: [SLUG], tags: tagsForAnswers([SLUG]) },
      overrideAccess: true,
    })
    const deadline = Date.now() + 5_000
    while ((await pageStatus()) === 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    try {
      expect(await pageStatus()).toBe(404)
      expect(await typePageLists()).toBe(false)
      expect(await sitemapLists()).toBe(false)
      expect(await homeLists()).toBe(false)
    } finally {
      stopPublicChangePoller()
      await payload.db.updateOne({ collection: 'answers', id: live!.id, data: { _status: 'published' } })
      await prunePublicChanges(payload, Date.now() + RETENTION_MS + 60_000)
      clearPublicResponses()
    }
  })

  it('the exact kind: a draft saved over the live answer records nothing; an unpublish records "withdrawn"', async () => {
    await prunePublicChanges(payload, Date.now() + RETENTION_MS + 60_000)
    const [live] = (await payload.find({ collection: 'answers', where: { slug: { equals: SLUG } }, depth: 0, overrideAccess: true })).docs
    expect(live!._status).toBe('published')
    await payload.update({
      collection: 'answers',
      id: live!.id,
      data: { summary: `${live!.summary} (draft edit)` },
      draft: true,
      overrideAccess: true,
    })
    expect(await changes()).toHaveLength(0)

    const admin = await createUser(payload, { roles: ['admin'] })
    await payload.update({
      collection: 'answers',
      id: live!.id,
      data: { _status: 'draft' },
      user: { ...admin, collection: 'users' } as never,
      overrideAccess: false,
    })
    const rows = await changes()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ kind: 'withdrawn', slugs: [SLUG], tags: expect.arrayContaining([answerTag(SLUG), ANSWER_LISTS_TAG]) })
  })
})
