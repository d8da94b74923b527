/** An empty production database: the first account registered at /admin becomes its admin. */
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { PASSWORD } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
})
afterAll(async () => stopPayload(payload))

it('the first registered account becomes admin whatever it asks for; the next one is refused', async () => {
  const rest = new RestClient(payload)
  const first = await rest.post('/users/first-register', {
    json: { email: 'first@example.org', password: PASSWORD, name: 'First Person', roles: ['reviewer'] },
  })
  expect(first.status, first.text).toBe(200)
  const [user] = (await payload.find({ collection: 'users', where: { email: { equals: 'first@example.org' } } })).docs
  expect(user!.roles).toEqual(['admin'])
  const second = await rest.post('/users/first-register', {
    json: { email: 'second@example.org', password: PASSWORD, name: 'Second', roles: ['admin'] },
  })
  expect(second.status).toBe(403)
  expect((await payload.count({ collection: 'users' })).totalDocs).toBe(1)
})
