/**
 * An anonymous GET /api/answers whose where path hops two relationships (answers -> question ->
 * textAuthors -> email) is a 400, and Payload's query validation leaves no rejected promise behind:
 * it pushed the deepest path's check into a list it had already awaited (patches/payload+3.90.1.patch), an unhandled rejection per request, which a process without Next's handler dies of.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

let payload: Payload
let rest: RestClient
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  process.on('unhandledRejection', onUnhandled)
})
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await stopPayload(payload)
})

describe('anonymous where on a two-hop relationship path', () => {
  it('is refused with 400 and leaves no unhandled rejection behind', async () => {
    const response = await rest.get('/answers?where[question.textAuthors.email][like]=a')
    expect(response.status).toBe(400)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(unhandled.map((reason) => String(reason))).toEqual([])
  })
})
