/**
 * Issue 15 (publishing at volume): a citation node's fields are no longer validated by the body
 * field's validator, which built the admin's form state for every node on every save
 * (src/lib/editor.ts). The rich-text allow-list checks them first (src/lib/richTextPolicy.ts), and
 * the body's beforeChange hook runs their own validators like any other field's. This file shows
 * the save still refuses a bad citation, names the field and saves nothing.
 */
import type { Payload, RichTextField } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource } from '@/payload-types'
import { markdownWithCitations } from '@/lib/claims/markers'
import { ANSWERS, GUIDELINE_SOURCES } from '@collections/slugs'
import { createCancerType, createQuestion, unique } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

// Longer than a citation's quote may be (400 characters), and all of it in the passage.
const LONG_PASSAGE =
  `Surgery is not recommended once the cancer has spread, ${'because treatment for the whole body comes first. '.repeat(9)}`.trim()

let payload: Payload
let type: CancerType
let source: GuidelineSource

beforeAll(async () => {
  payload = await startPayload()
  type = await createCancerType(payload)
  source = await payload.create({
    collection: GUIDELINE_SOURCES,
    data: {
      publisher: 'nccn',
      title: unique('Guideline'),
      version: 'Version 1.2026',
      publicationDate: '2026-01-15',
      url: 'https://www.nccn.org/guidelines',
      cancerTypes: [type.id],
      status: 'current',
      passages: [{ passageId: 'met-surgery', heading: 'Surgery', text: LONG_PASSAGE }],
    },
    overrideAccess: true,
  })
})
afterAll(async () => stopPayload(payload))

const bodyCiting = (quote: string) =>
  markdownWithCitations(payload.config, '## Why\n\n- Surgery is not recommended once it has spread. [1]', [
    { source: source.id, passageId: 'met-surgery', quote },
  ])

describe("a citation node's fields", () => {
  it('are still refused on save when invalid, with the field named and nothing saved', async () => {
    expect(LONG_PASSAGE.length).toBeGreaterThan(400)
    const question = await createQuestion(payload, type.id, { status: 'drafted' })
    const before = await payload.count({ collection: ANSWERS, overrideAccess: true })
    const error = await payload
      .create({
        collection: ANSWERS,
        data: {
          question: question.id,
          title: unique('Is surgery an option'),
          cancerType: type.id,
          summary: 'Usually not.',
          body: (await bodyCiting(LONG_PASSAGE)) as Answer['body'],
          citations: [{ source: source.id, passageId: 'met-surgery', quote: 'Surgery is not recommended' }],
        },
        draft: true,
        overrideAccess: true,
      })
      .then(
        () => null,
        (caught: unknown) => caught as { status?: number; message: string; data?: { errors?: { path: string; message: string }[] } },
      )
    expect(error?.status).toBe(400)
    expect(error?.data?.errors).toEqual([
      expect.objectContaining({
        path: 'body',
        message: expect.stringContaining('citation field "quote" has a value the editor does not offer'),
      }),
    ])
    expect((await payload.count({ collection: ANSWERS, overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })

  it("are not validated a second time by the body's own validator", async () => {
    const body = payload.collections[ANSWERS].config.fields.find((field) => 'name' in field && field.name === 'body') as RichTextField
    const result = await body.validate!((await bodyCiting(LONG_PASSAGE)) as never, { req: { t: (key: string) => key } } as never)
    expect(result).toBe(true)
  })
})
