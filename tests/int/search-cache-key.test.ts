/**
 * The public list's response cache keys a search by what it searches for (queryTerms): a query the
 * search reads differently (an invisible U+FEFF joins two words) never shares another's entry.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { seed } from '@seed/index'

Object.assign(process.env, { JOBS_AUTORUN: 'false', PUBLIC_API_RATE_LIMIT: '0' })
delete process.env.ANTHROPIC_API_KEY
const { startPayload, stopPayload } = await import('../helpers/payload')
const { publicApi } = await import('../helpers/publicApi')
const { clearPublicResponses } = await import('@/lib/public/responseCache')
const { stopPublicChangePoller } = await import('@/lib/public/changeFeed')
const { queryTerms } = await import('@/lib/public/search')

const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
  await seed(payload, { allowDemo: true })
})
afterAll(async () => {
  stopPublicChangePoller()
  await stopPayload(payload)
})
beforeEach(() => clearPublicResponses())

describe('list cache key', () => {
  it("a query differing only by U+FEFF does not share the plain query's entry: one request cannot empty a search for everyone", async () => {
    const plain = '/answers?q=metastatic%20pancreatic'
    // Unpoisoned: the plain search finds the seeded answer.
    const before = await publicApi(plain)
    expect(before.body.docs.map((doc: { slug: string }) => doc.slug)).toContain(SLUG)
    clearPublicResponses()

    // An anonymous request whose q holds a ZERO WIDTH NO-BREAK SPACE between the words. The search
    // removes it (a format character), joining the two words into one that matches nothing; the cache
    // key collapsed it like a space (JS \s includes U+FEFF) until the key became the search's terms.
    const poison = await publicApi('/answers?q=metastatic%EF%BB%BFpancreatic')
    expect(poison.status).toBe(200)
    expect(poison.body.totalDocs).toBe(0)

    // The plain search still finds the answer (it got the empty list, with the CDN headers that let a
    // CDN keep it for CDN_MAX_AGE).
    const after = await publicApi(plain)
    expect(after.headers.get('surrogate-control')).toMatch(/max-age=/)
    expect(after.body.docs.map((doc: { slug: string }) => doc.slug)).toContain(SLUG)
    // The key: spellings the search reads alike share it; the U+FEFF one does not; blank lists all.
    expect(queryTerms('Metastatic  PANCREATIC ')).toEqual(queryTerms('metastatic pancreatic'))
    expect(queryTerms('metastatic\uFEFFpancreatic')).not.toEqual(queryTerms('metastatic pancreatic'))
    expect(queryTerms(' \t ')).toBeNull()
  })
})
