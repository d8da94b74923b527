/**
 * The OpenAPI document of the public read API (src/lib/openapi/document.ts): valid OpenAPI 3.1, one
 * path per route, its query parameters the ones the route parses, strict enough that a wrong response
 * fails the check tests/e2e/openapi.test.ts runs on the production server, and the committed
 * generated types up to date.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'

import { BadRequest } from '@/lib/errors'
import { parseSearchParams } from '@/lib/http/params'
import { openApiDocument } from '@/lib/openapi/document'
import { deliver, JSON_TYPE } from '@/lib/public/delivery'
import { prepareResponse } from '@/lib/public/responseCache'
import { answerListQuerySchema, type PublicAnswer, type PublicList } from '@/lib/public/schemas'
import { GENERATED_TYPES_PATH, openApiTypes } from '@scripts/openapiTypes'
import { openApiChecker } from '@tests/helpers/openapi'

const root = path.resolve(import.meta.dirname, '../..')
const document = openApiDocument()
const checker = openApiChecker(document)

const answer = {
  slug: 'can-surgery-help',
  title: 'Can surgery help?',
  question: 'Is surgery an option?',
  cancerType: { slug: 'pancreatic', name: 'Pancreatic cancer' },
  summary: 'For most people, no.',
  summaryReferences: [1],
  body: {
    root: {
      type: 'root',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      children: [{ type: 'inlineBlock', version: 1, fields: { blockType: 'cite', reference: 1 } }],
    },
  },
  bodyHtml: '<p>Rarely.</p>',
  claims: [{ part: 'direct answer', text: 'For most people, no.', references: [1] }],
  references: [
    {
      n: 1,
      publisher: 'NCCN',
      title: 'Guideline',
      version: '2.2025',
      url: 'https://example.org',
      passageId: 'p1',
      passageHeading: 'Surgery',
    },
  ],
  questionsToAsk: [{ question: 'Why?', why: 'Because.' }],
  keyTakeaway: 'Ask your team.',
  sources: [{ publisher: 'NCCN', title: 'Guideline', version: '2.2025', url: 'https://example.org' }],
  reviewedBy: [{ name: 'Dr A', credentials: 'MD' }],
  publishedAt: '2026-11-01T10:00:00.000Z',
  lastReviewedAt: '2026-11-02T10:00:00.000Z',
  nextReviewDue: '2027-11-02T10:00:00.000Z',
  notice: { kind: 'review_overdue', since: '2026-11-03T10:00:00.000Z', message: 'Review overdue.' },
  disclosure: 'Written by our team.',
  disclaimer: 'Not medical advice.',
} satisfies PublicAnswer

/** A 200 exactly as the server sends it: the body and the headers of `deliver` (./delivery.ts). */
function served(body: unknown, tags = ['public', 'answer-can-surgery-help'], status = 200) {
  const { headers } = deliver(prepareResponse(status, JSON.stringify(body), JSON_TYPE, tags), {})
  return { method: 'GET', path: '/answers/{slug}', status, headers: new Headers(headers), body: JSON.parse(JSON.stringify(body)) }
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 (the official schema, checked by @seriousme/openapi-schema-validator)', async () => {
    const result = await new Validator().validate(structuredClone(document))
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(document.openapi).toBe('3.1.0')
    // The check can fail: a response without its required description is refused.
    const broken = structuredClone(document) as { paths: Record<string, { get: { responses: Record<string, unknown> } }> }
    broken.paths['/answers'].get.responses['200'] = { content: {} }
    expect((await new Validator().validate(broken)).valid).toBe(false)
  })

  it('its schemas are valid JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: true })
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText(ajv.errors)}`).toBe(true)
    }
  })

  it('documents every route under /api/public/v1, and nothing else', () => {
    const apiRoot = path.join(root, 'src/app/(public-api)/api/public/v1')
    const routes = fs
      .readdirSync(apiRoot, { recursive: true, encoding: 'utf8' })
      .filter((file) => path.basename(file) === 'route.ts')
      .map((file) => `/${path.dirname(file).split(path.sep).join('/')}`.replace(/\[([^\]]+)\]/g, '{$1}'))
    expect(routes.sort()).toEqual(Object.keys(document.paths).sort())
  })

  it("lists the query parameters the route parses, with the route's schema", () => {
    const documented = document.paths['/answers'].parameters.map((parameter) => parameter.name)
    expect(documented).toEqual(Object.keys(answerListQuerySchema.shape))
    const limit = document.paths['/answers'].parameters.find((parameter) => parameter.name === 'limit')!
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 20 } })
    // The same schema refuses with a message that names the parameter (a 400 from the route).
    expect(() => parseSearchParams(new URLSearchParams('page=0'), answerListQuerySchema)).toThrow(
      new BadRequest('page must be a whole number from 1.'),
    )
    // Digits only: Number() would read "0x10" as 16, "1e1" as 10 and " 12 " as 12.
    for (const page of ['0x10', '1e1', ' 12 ', '', '-1', '1.5'])
      expect(() => parseSearchParams(new URLSearchParams({ page }), answerListQuerySchema), page).toThrow(
        new BadRequest('page must be a whole number from 1.'),
      )
    expect(() => parseSearchParams(new URLSearchParams('limit=0x10'), answerListQuerySchema)).toThrow(
      new BadRequest('limit must be a whole number from 1 (at most 100 are returned).'),
    )
    expect(parseSearchParams(new URLSearchParams('page=12&limit=500'), answerListQuerySchema)).toEqual({ page: 12, limit: 500 })
    expect(parseSearchParams(new URLSearchParams('q=%20surgery%20&limit=5'), answerListQuerySchema)).toEqual({
      page: 1,
      limit: 5,
      q: 'surgery',
    })
  })

  it('accepts a correct response, body and headers', () => {
    expect(checker.check(served(answer))).toEqual([])
    expect(checker.check(served({ ...answer, notice: null, body: null }))).toEqual([])
    const list: PublicList = {
      docs: [answer].map(({ slug, title, cancerType, summary, lastReviewedAt }) => ({ slug, title, cancerType, summary, lastReviewedAt })),
      totalDocs: 1,
      page: 1,
      totalPages: 1,
    }
    expect(checker.check({ ...served(list, ['public', 'answers']), path: '/answers' })).toEqual([])
  })

  it('refuses a wrong response: extra or missing fields, wrong types, undocumented statuses, wrong headers', () => {
    const missing: Partial<PublicAnswer> = { ...answer }
    delete missing.disclaimer
    const wrong: [string, ReturnType<typeof served>, RegExp][] = [
      ['an extra field', served({ ...answer, internalNotes: 'x' }), /must NOT have additional properties/],
      [
        'an extra field in a nested object',
        served({ ...answer, cancerType: { ...answer.cancerType, id: 7 } }),
        /\/cancerType must NOT have additional properties/,
      ],
      ['a missing field', served(missing), /must have required property 'disclaimer'/],
      ['a wrong type', served({ ...answer, summaryReferences: ['1'] }), /\/summaryReferences\/0 must be integer/],
      ['a wrong enum', served({ ...answer, notice: { ...answer.notice, kind: 'other' } }), /\/notice/],
      ['a date that is not ISO', served({ ...answer, lastReviewedAt: '2 November 2026' }), /\/lastReviewedAt must match/],
      ['an undocumented status', served(answer, undefined, 418), /status 418 is not documented/],
    ]
    for (const [what, response, problem] of wrong) {
      expect(checker.check(response).join('\n'), what).toMatch(problem)
    }
    // A list entry carrying the full answer's fields.
    const leaky = { docs: [answer], totalDocs: 1, page: 1, totalPages: 1 }
    expect(checker.check({ ...served(leaky, ['public', 'answers']), path: '/answers' }).join('\n')).toMatch(
      /\/docs\/0 must NOT have additional properties/,
    )
    // An error body must be { errors: [{ message }] }.
    const notFound = (body: unknown) => ({ ...served(body, undefined, 404) })
    expect(checker.check(notFound({ errors: [{ message: 'No published answer "x".' }] }))).toEqual([])
    expect(checker.check(notFound({ error: 'not found' })).join('\n')).toMatch(/must have required property 'errors'/)
    expect(checker.check(notFound({ errors: [] })).join('\n')).toMatch(/must NOT have fewer than 1 items/)
    // Headers: the documented ones are required and checked.
    const noEtag = served(answer)
    noEtag.headers.delete('etag')
    expect(checker.check(noEtag)).toEqual(['header ETag is missing'])
    const cachedByBrowsers = served(answer)
    cachedByBrowsers.headers.set('cache-control', 'public, max-age=3600')
    expect(checker.check(cachedByBrowsers).join('\n')).toMatch(/header Cache-Control: .* must be equal to constant/)
    const untagged = served(answer)
    untagged.headers.set('surrogate-key', 'answer-x')
    expect(checker.check(untagged).join('\n')).toMatch(/header Surrogate-Key: .* must match pattern/)
  })

  it("the README's typed client example is src/lib/openapi/exampleClient.ts (which tsc checks)", () => {
    const example = fs.readFileSync(path.join(root, 'src/lib/openapi/exampleClient.ts'), 'utf8')
    const code = example.slice(example.indexOf('import type'))
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## OpenAPI for the public API'))
    expect(section).toContain('```ts\n' + code + '```\n')
  })

  it('the committed generated types are up to date (npm run generate:openapi)', async () => {
    const committed = fs.readFileSync(GENERATED_TYPES_PATH, 'utf8')
    expect(committed, 'src/lib/openapi/publicApi.generated.ts is out of date: run `npm run generate:openapi`').toBe(await openApiTypes())
  })
})
