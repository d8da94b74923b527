/**
 * The one request parser of the custom endpoints (src/lib/http): a refused body or query names the
 * field and says what is wrong in plain words; messages written in a schema are kept as written.
 */
import type { PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { BadRequest, NotFound, PayloadTooLarge } from '@/lib/errors'
import { idSchema, parseQuery, parseRouteId, validDocumentId } from '@/lib/http/params'
import { parseBody } from '@/lib/http/requestBody'
import { findNulByte, MAX_INPUT_DEPTH } from '@/lib/input/nulBytes'

const limits = { defaultBytes: 1024, importBytes: 4096 }

/** A Web Request as Payload hands it to an endpoint, with the little of `payload` the parser reads. */
function request(body: string | undefined, { contentType = 'application/json', path = '/api/questions/draft', routeId = '' } = {}) {
  const headers = new Headers(contentType ? { 'content-type': contentType } : {})
  const req = new Request(`http://localhost${path}?months=abc&limit=5`, { method: 'POST', headers, body })
  return Object.assign(req, {
    payload: {
      config: { custom: { bodyLimits: limits } },
      db: { defaultIDType: 'number' },
      collections: { answers: { config: { slug: 'answers', labels: { singular: 'Answer' } } } },
    },
    routeParams: { id: routeId },
    searchParams: new URL(req.url).searchParams,
  }) as unknown as PayloadRequest
}

async function refusal(run: Promise<unknown> | (() => unknown)): Promise<{ name: string; status: number; message: string }> {
  try {
    await (typeof run === 'function' ? run() : run)
  } catch (error) {
    return error as { name: string; status: number; message: string }
  }
  throw new Error('expected a refusal')
}

const schema = z.object({
  ids: z.array(idSchema).min(1).max(3),
  mode: z.enum(['jobs', 'batch']).default('jobs'),
  note: z.string().max(5).optional(),
  flag: z.boolean().optional(),
})

describe('parseBody', () => {
  it('returns the parsed body, with defaults', async () => {
    expect(await parseBody(request('{"ids":[1,"2"]}'), schema)).toEqual({ ids: [1, '2'], mode: 'jobs' })
  })

  it.each([
    ['{"ids":"all"}', 'ids must be a list, not text.'],
    ['{}', 'ids is missing.'],
    ['{"ids":[]}', 'ids must list at least one item.'],
    ['{"ids":[1,2,3,4]}', 'ids must be at most 3 items.'],
    ['{"ids":[1,{"id":2}]}', 'ids[1] must be a number or text, not an object.'],
    ['{"ids":[1],"mode":"cheap"}', 'mode must be one of "jobs", "batch".'],
    ['{"ids":[1],"note":"too long"}', 'note must be at most 5 characters.'],
    ['{"ids":[1],"flag":"yes"}', 'flag must be true or false, not text.'],
    ['{"ids":[1],"mode":3,"flag":1}', 'mode must be one of "jobs", "batch"; flag must be true or false, not a whole number.'],
    ['[1,2]', 'The request body must be an object, not a list.'],
  ])('%s: 400 "%s"', async (body, message) => {
    expect(await refusal(parseBody(request(body), schema))).toMatchObject({ name: 'BadRequest', status: 400, message })
  })

  it('no body, or one that is not JSON: says to send JSON', async () => {
    const expected = 'The request body is missing: send JSON, with Content-Type: application/json.'
    expect((await refusal(parseBody(request(undefined, { contentType: '' }), schema))).message).toBe(expected)
    expect((await refusal(parseBody(request('ids=1', { contentType: 'application/x-www-form-urlencoded' }), schema))).message).toBe(
      expected,
    )
  })

  it("keeps a schema's own messages as written, after `expected`", async () => {
    const own = z.object({ ids: z.array(idSchema, { message: 'ids must be a list of question ids.' }) })
    expect((await refusal(parseBody(request('{"ids":"x"}'), own))).message).toBe('ids must be a list of question ids.')
    expect((await refusal(parseBody(request('{"ids":"x"}'), schema, { expected: 'Expected { "ids": [question ids] }' }))).message).toBe(
      'Expected { "ids": [question ids] }: ids must be a list, not text.',
    )
    const whole = z.object({ csv: z.string() }, { error: 'Expected a CSV' })
    expect((await refusal(parseBody(request(undefined, { contentType: '' }), whole, { expected: 'Expected a CSV' }))).message).toBe(
      'Expected a CSV.',
    )
  })

  it('malformed JSON, a NUL character and an oversized body are refused before the schema', async () => {
    expect(await refusal(parseBody(request('{"ids": [1'), schema))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Invalid JSON/),
    })
    expect((await refusal(parseBody(request('{"ids":["1\\u0000"]}'), schema))).status).toBe(400)
    const tooLarge = await refusal(parseBody(request(JSON.stringify({ ids: ['x'.repeat(2000)] })), schema))
    expect(tooLarge).toBeInstanceOf(PayloadTooLarge)
  })
})

describe('parseRouteId and parseQuery', () => {
  it('a route id in the form the database takes; a malformed one is a 404 that names it', async () => {
    expect(parseRouteId(request(undefined, { routeId: '12' }), 'answers')).toBe(12)
    const malformed = await refusal(() => parseRouteId(request(undefined, { routeId: 'abc' }), 'answers'))
    expect(malformed).toBeInstanceOf(NotFound)
    expect(malformed.message).toBe('No answer with id "abc" exists.')
    expect(validDocumentId('text', '65f0c0ffee0000000000beef')).toBe('65f0c0ffee0000000000beef')
    expect(validDocumentId('text', '12')).toBeUndefined()
    expect(validDocumentId('number', { id: 1 })).toBeUndefined()
  })

  it('a query string with its schema: a bad value is a 400 naming the parameter', async () => {
    const query = z.object({ limit: z.coerce.number().int().max(10) })
    expect(parseQuery(request(undefined), query)).toEqual({ limit: 5 })
    const months = z.object({ months: z.coerce.number().int() })
    const refused = await refusal(() => parseQuery(request(undefined), months))
    expect(refused).toBeInstanceOf(BadRequest)
    expect(refused.message).toBe('months must be a number.')
  })
})

describe('the input walk: NUL characters and nesting depth', () => {
  /** `levels` arrays nested in one field: the value at the bottom is `levels + 1` deep in the request. */
  const arrays = (levels: number): unknown => {
    let value: unknown = 'x'
    for (let level = 0; level < levels; level++) value = [value]
    return value
  }

  it('refuses nesting from MAX_INPUT_DEPTH levels, naming the top field, and accepts one level less', () => {
    expect(findNulByte({ field: arrays(MAX_INPUT_DEPTH - 2) })).toBeUndefined()
    expect(findNulByte({ field: arrays(MAX_INPUT_DEPTH) })).toEqual({ kind: 'depth', path: 'field' })
    // Far deeper than any stack allows for a recursive walk.
    expect(findNulByte({ field: arrays(100_000) })).toEqual({ kind: 'depth', path: 'field' })
  })

  it('accepts the deepest rich text the editor allows (40 nodes), in an array row', () => {
    let node: Record<string, unknown> = { type: 'text', text: 'item', version: 1 }
    for (let level = 0; level < 20; level++) {
      node = { type: 'list', version: 1, children: [{ type: 'listitem', version: 1, children: [node] }] }
    }
    expect(findNulByte({ rows: [{ body: { root: { type: 'root', version: 1, children: [node] } } }] })).toBeUndefined()
  })

  it('names the first NUL in document order, and a rich text field rather than its nodes', () => {
    expect(findNulByte({ a: 'fine', b: ['ok', 'bad\u0000'], c: 'also\u0000' })).toEqual({ kind: 'nul', path: 'b.1', richText: false })
    expect(findNulByte({ body: { root: { children: [{ text: 'x\u0000' }] } } })).toEqual({ kind: 'nul', path: 'body', richText: true })
    expect(findNulByte({ body: { root: { children: [{ ['k\u0000']: 1 }] } } })).toEqual({ kind: 'nul', path: 'body', richText: true })
    expect(findNulByte({ rows: [{ ['k\u0000ey']: 1 }] })).toEqual({ kind: 'nul', path: 'rows.0.k\\u0000ey', richText: false })
  })
})
