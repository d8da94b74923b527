/**
 * Changing your own password or email address asks for your current password (requireCurrentPassword),
 * through Payload's real REST and GraphQL handlers: a session alone (a shared ward computer left
 * signed in, a stolen cookie) cannot take the account over. An admin resetting someone else's
 * password or email is not asked. The current password is never stored or returned.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CURRENT_PASSWORD_LIMIT } from '@/lib/auth/currentPassword'
import { PASSWORD, createUser } from '../helpers/fixtures'
import { RestClient, errorMessage } from '../helpers/rest'

const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
})
afterAll(async () => {
  await stopPayload(payload)
})

const NEW_PASSWORD = 'a brand new passphrase'
const signsIn = async (email: string, password: string) => (await rest.post('/users/login', { json: { email, password } })).status === 200
const fieldError = (response: { body: { errors?: { data?: { errors?: { path: string; message: string }[] } }[] } }) =>
  response.body.errors?.[0]?.data?.errors?.[0]

describe('changing your own password or email', () => {
  it('without the current password: 400 naming the field, and nothing changes', async () => {
    const editor = await createUser(payload, { roles: ['editor'] })
    const cookie = await rest.login(editor.email, PASSWORD)
    const password = await rest.patch(`/users/${editor.id}`, { cookie, json: { password: NEW_PASSWORD } })
    expect(password.status, password.text).toBe(400)
    expect(fieldError(password)).toEqual({ path: 'currentPassword', message: 'Enter your current password to change your password.' })
    const email = await rest.patch(`/users/${editor.id}`, {
      cookie,
      json: { email: `taken-over-${editor.id}@example.org`, currentPassword: '' },
    })
    expect(email.status, email.text).toBe(400)
    expect(fieldError(email)?.message).toBe('Enter your current password to change your email address.')
    const stored = await payload.findByID({ collection: 'users', id: editor.id, depth: 0 })
    expect(stored.email).toBe(editor.email)
    expect(await signsIn(editor.email, PASSWORD)).toBe(true)
    expect(await signsIn(editor.email, NEW_PASSWORD)).toBe(false)
  })

  it('with a wrong current password: 400 saying so; with the right one the change is made, and the field is never returned', async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'] })
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const wrong = await rest.patch(`/users/${reviewer.id}`, {
      cookie,
      json: { password: NEW_PASSWORD, currentPassword: 'not my password at all' },
    })
    expect(wrong.status, wrong.text).toBe(400)
    expect(fieldError(wrong)).toEqual({
      path: 'currentPassword',
      message: 'The current password is not right, so your password did not change.',
    })
    expect(await signsIn(reviewer.email, NEW_PASSWORD)).toBe(false)

    const newEmail = `moved-${reviewer.id}@example.org`
    const right = await rest.patch(`/users/${reviewer.id}`, {
      cookie,
      json: { email: newEmail, password: NEW_PASSWORD, currentPassword: PASSWORD },
    })
    expect(right.status, right.text).toBe(200)
    expect(right.text).not.toContain('currentPassword')
    expect(right.text).not.toContain(PASSWORD)
    expect(await signsIn(newEmail, NEW_PASSWORD)).toBe(true)
    const read = await rest.get(`/users/${reviewer.id}`, { cookie: await rest.login(newEmail, NEW_PASSWORD) })
    expect(read.status).toBe(200)
    expect(Object.keys(read.body as object)).not.toContain('currentPassword')
  })

  it('other changes to your own account (a declared conflict), and the same email in other capitals, need no password', async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'] })
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const statement = 'I advise a company that makes a drug named in these answers.'
    const declared = await rest.patch(`/users/${reviewer.id}`, {
      cookie,
      json: { email: reviewer.email.toUpperCase(), conflictsOfInterest: [{ statement, declaredOn: new Date().toISOString() }] },
    })
    expect(declared.status, declared.text).toBe(200)
    expect(declared.body.doc).toMatchObject({ conflictsOfInterest: [expect.objectContaining({ statement })] })
  })

  it("an admin sets another person's password and email without theirs, but their own only with it", async () => {
    const admin = await createUser(payload, { roles: ['admin'] })
    const editor = await createUser(payload, { roles: ['editor'] })
    const cookie = await rest.login(admin.email, PASSWORD)
    const reset = await rest.patch(`/users/${editor.id}`, {
      cookie,
      json: { password: NEW_PASSWORD, email: `reset-${editor.id}@example.org` },
    })
    expect(reset.status, reset.text).toBe(200)
    expect(await signsIn(`reset-${editor.id}@example.org`, NEW_PASSWORD)).toBe(true)
    const own = await rest.patch(`/users/${admin.id}`, { cookie, json: { password: NEW_PASSWORD } })
    expect(own.status, own.text).toBe(400)
    expect(fieldError(own)?.path).toBe('currentPassword')
  })

  it('GraphQL goes through the same check', async () => {
    const editor = await createUser(payload, { roles: ['editor'] })
    const cookie = await rest.login(editor.email, PASSWORD)
    const result = await rest.graphql(
      `mutation { updateUser(id: ${JSON.stringify(editor.id)}, data: { password: "${NEW_PASSWORD}" }) { id } }`,
      cookie,
    )
    expect(JSON.stringify(result.body)).toContain('Enter your current password to change your password.')
    expect(await signsIn(editor.email, PASSWORD)).toBe(true)
  })

  it(`after ${CURRENT_PASSWORD_LIMIT.points} wrong current passwords the account's next try is 429 with Retry-After, even with the right one`, async () => {
    const editor = await createUser(payload, { roles: ['editor'] })
    const cookie = await rest.login(editor.email, PASSWORD)
    for (let i = 0; i < CURRENT_PASSWORD_LIMIT.points; i++) {
      const wrong = await rest.patch(`/users/${editor.id}`, {
        cookie,
        json: { password: NEW_PASSWORD, currentPassword: `guess number ${i}` },
      })
      expect(wrong.status, wrong.text).toBe(400)
    }
    const refused = await rest.patch(`/users/${editor.id}`, { cookie, json: { password: NEW_PASSWORD, currentPassword: PASSWORD } })
    expect(refused.status, refused.text).toBe(429)
    expect(errorMessage(refused)).toMatch(/^Too many wrong current passwords for this account\. Try again in 15 minutes/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60)
    expect(await signsIn(editor.email, PASSWORD)).toBe(true)
  })
})
