/**
 * Question intake's hourly limit per importer key (QUESTION_INTAKE_RATE_LIMIT): only created questions
 * count, a request that does not fit is refused whole (429, Retry-After, a message naming the limit,
 * nothing saved), and each key counts apart.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType } from '@/payload-types'
import { createApiKey } from '@/lib/apiKeys'
import { resetIntakeLimit } from '@/lib/questionImport/intakeLimit'
import { createCancerType, unique } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

Object.assign(process.env, { QUESTION_INTAKE_RATE_LIMIT: '5' })

let payload: Payload
let rest: RestClient
let type: CancerType

beforeAll(async () => {
  resetIntakeLimit()
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload, unique('Intake limit cancer'))
})
afterAll(async () => {
  resetIntakeLimit()
  await stopPayload(payload)
})

const questions = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ question: `${unique('Is treatment option')} number ${i} suitable?`, cancerType: type.slug }))
const intake = (key: string, items: unknown[]) =>
  rest.post('/questions', { headers: { authorization: `Bearer ${key}` }, json: { questions: items } })
const sentBy = async (keyId: string | number) =>
  (await payload.count({ collection: 'questions', where: { intakeKey: { equals: keyId } }, overrideAccess: true })).totalDocs

describe('QUESTION_INTAKE_RATE_LIMIT questions an hour per importer key', () => {
  it('counts created questions only, and refuses a request that does not fit whole, with Retry-After', async () => {
    const { key, doc } = await createApiKey(payload, { name: unique('Portal'), role: 'importer' })

    // Refused items give their share back: three created of four sent (one too short).
    const first = await intake(key, [...questions(3), { question: 'Too short', cancerType: type.slug }])
    expect(first.status, first.text).toBe(201)
    expect(first.body.created).toHaveLength(3)

    // Two are left: three do not fit, and none of them is saved.
    const over = await intake(key, questions(3))
    expect(over.status, over.text).toBe(429)
    expect(over.body.errors[0].message).toMatch(
      /^This importer key may create 5 questions an hour \(QUESTION_INTAKE_RATE_LIMIT\) and has 2 left this hour; this request has 3\. Nothing was saved: try again in \d+ seconds/,
    )
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await sentBy(doc.id)).toBe(3)

    // The refused request used up nothing: the two that are left still fit.
    const fits = await intake(key, questions(2))
    expect(fits.status, fits.text).toBe(201)
    expect(await sentBy(doc.id)).toBe(5)
    expect((await intake(key, questions(1))).status).toBe(429)
  })

  it('counts each key apart, and requests sent at the same moment cannot pass the limit together', async () => {
    const { key, doc } = await createApiKey(payload, { name: unique('Portal'), role: 'importer' })
    const responses = await Promise.all([intake(key, questions(2)), intake(key, questions(2)), intake(key, questions(2))])
    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, 429])
    expect(await sentBy(doc.id)).toBe(4)
  })
})
