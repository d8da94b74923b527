/**
 * What the documentation promises outside developers, checked against the code: duplicates in the
 * intake are found up to any character that displays as nothing (variation selectors, the combining
 * grapheme joiner, not only format characters); a browser on an allowed origin can read the 429's
 * Retry-After; and a failure while checking a key is the documented 500 with its error body.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { CancerType } from '@/payload-types'
import { createCancerType, unique } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

Object.assign(process.env, { PUBLIC_SITE_ORIGINS: 'https://patients.example.org', JOBS_AUTORUN: 'false', PUBLIC_API_RATE_LIMIT: '2' })
delete process.env.ANTHROPIC_API_KEY
const { startPayload, stopPayload } = await import('../helpers/payload')
const { createApiKey } = await import('@/lib/apiKeys')
const { publicApi } = await import('../helpers/publicApi')
const { resetPublicAdmission } = await import('@/lib/public/admission')
const { openApiDocument } = await import('@/lib/openapi/document')
const { openApiChecker, fetched } = await import('../helpers/openapi')
const { publicRoutes } = await import('@/lib/public/routes')

let payload: Payload
let rest: RestClient
let type: CancerType
let importerKey: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload, unique('Contract cancer'))
  importerKey = (await createApiKey(payload, { name: 'Portal', role: 'importer' })).key
})
afterAll(async () => stopPayload(payload))

const intake = (json: unknown) => rest.post('/questions', { headers: { authorization: `Bearer ${importerKey}` }, json })

describe('Question intake: duplicates "up to ... invisible formatting characters"', () => {
  // README "Question intake over the API": a duplicate is the same text "up to case, spacing, final
  // punctuation and invisible formatting characters such as a zero-width space, a soft hyphen or a
  // word joiner ... where a copy carrying one was a new question, unlimited look-alike copies from one importer".
  for (const [name, invisible] of [
    ['a variation selector (U+FE0F)', '\uFE0F'],
    ['a combining grapheme joiner (U+034F)', '\u034F'],
    ['a variation selector from the supplement (U+E0100, one of 240)', '\u{E0100}'],
  ] as const) {
    it(`refuses a copy that differs only by ${name}`, async () => {
      const text = `${unique('Is surgery an option')} for metastatic disease?`
      const first = await intake({ questions: [{ question: text, cancerType: type.slug }] })
      expect(first.status, first.text).toBe(201)
      // The invisible character after "surgery": displayed, the two questions are the same.
      const copy = text.replace('surgery', `surgery${invisible}`)
      const second = await intake({ questions: [{ question: copy, cancerType: type.slug }] })
      expect(second.body.created, `a look-alike copy was created: ${second.text}`).toEqual([])
      expect(second.body.refused[0].reasons[0]).toMatch(/^Duplicate of an existing question/)
    })
  }
})

describe('Public API: the documented 429 Retry-After reaches a browser client on an allowed origin', () => {
  it('exposes Retry-After to CORS (it is not a CORS-safelisted response header)', async () => {
    resetPublicAdmission()
    const origin = 'https://patients.example.org'
    let response = await publicApi('/cancer-types', { headers: { origin } })
    for (let i = 0; i < 5 && response.status !== 429; i++) response = await publicApi('/cancer-types', { headers: { origin } })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(response.headers.get('access-control-allow-origin')).toBe(origin)
    // Without it in Access-Control-Expose-Headers, fetch() in the partner's page reads null.
    const exposed = (response.headers.get('access-control-expose-headers') ?? '').split(',').map((h) => h.trim().toLowerCase())
    expect(exposed).toContain('retry-after')
  })
})

describe('Public API: a failure is the documented 500 with the error body, whatever fails', () => {
  it('a database failure while looking up a site key answers 500 {"errors":[{"message"}]} no-store, not a thrown error', async () => {
    resetPublicAdmission()
    const checker = openApiChecker(openApiDocument() as never)
    const find = vi.spyOn(payload, 'find').mockRejectedValue(new Error('database unavailable'))
    try {
      let response: Response
      try {
        response = await publicRoutes.cancerTypes.GET(
          new Request('http://localhost:3000/api/public/v1/cancer-types', { headers: { authorization: `Bearer ck_${'A'.repeat(43)}` } }),
          { params: Promise.resolve({}) },
        )
      } catch (error) {
        throw new Error(`the route threw instead of answering (Next sends its own bare 500): ${String(error)}`)
      }
      expect(response.status).toBe(500)
      expect(checker.check(await fetched('GET', '/cancer-types', response))).toEqual([])
    } finally {
      find.mockRestore()
    }
  })
})
