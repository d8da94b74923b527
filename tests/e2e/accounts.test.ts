/**
 * Accounts and sessions against the production server (`npm start`), served as if at an https
 * SERVER_URL while the test talks plain HTTP to 127.0.0.1: the session cookie's attributes, login
 * CSRF, the client address (a client's X-Forwarded-For is not believed), the review screen's 404,
 * and the password reset from the request to the new password, email included (a real SMTP server
 * on 127.0.0.1; the server's own job runner sends it).
 */
import type { ParsedMail } from 'mailparser'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort, startProduct, stopProduct, type ServerHandle } from '../helpers/server'
import { CapturingSmtp } from '../helpers/smtp'

const SITE = 'https://cms.example.test'
const PASSWORD = 'demo-password'
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-accounts-'))
const smtp = new CapturingSmtp()
const received = smtp.received
let server: ServerHandle | undefined
let base: string

beforeAll(async () => {
  const smtpPort = await freePort()
  await smtp.start(smtpPort)
  const port = await freePort()
  server = await startProduct(port, dataDir, {
    SERVER_URL: SITE,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_SECURE: 'false',
  })
  base = `http://127.0.0.1:${port}`
}, 10 * 60_000)

afterAll(async () => {
  if (server) await stopProduct(server)
  await smtp.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE, ...headers },
    body: JSON.stringify(body),
  })
const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  post('/api/users/login', { email, password }, headers)
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!
const me = async (cookie: string) =>
  (await (await fetch(`${base}/api/users/me`, { headers: { cookie, origin: SITE } })).json()).user as { email: string } | null
const firstError = async (response: Response) => ((await response.json()) as { errors: { message: string }[] }).errors[0]!.message

describe('accounts on the production server', () => {
  it('the session cookie is Secure (https SERVER_URL), HttpOnly and SameSite=Lax', async () => {
    const response = await login('admin@example.org', PASSWORD)
    expect(response.status).toBe(200)
    const [pair, ...attributes] = response.headers
      .get('set-cookie')!
      .split(';')
      .map((part) => part.trim().toLowerCase())
    expect(pair).toMatch(/^payload-token=.+/)
    // Payload writes "Secure=true; HttpOnly=true": browsers read the attribute name before any "="
    // (RFC 6265, 5.2), so these are Secure and HttpOnly.
    expect(attributes.map((attribute) => attribute.split('=')[0])).toEqual(expect.arrayContaining(['secure', 'httponly']))
    expect(attributes).toEqual(expect.arrayContaining(['samesite=lax', 'path=/']))
  })

  it('sign-in from another site is refused with 403 and a message, and sets no cookie', async () => {
    const response = await login('admin@example.org', PASSWORD, { origin: 'http://evil.example' })
    expect(response.status).toBe(403)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(await firstError(response)).toBe(
      "Sign-in requests are accepted only from this site's own pages; http://evil.example is another site.",
    )
  })

  it("a client's own X-Forwarded-For is not believed: changing it does not escape the per-address throttle", async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('editor2@example.org', `guess-${i}`, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(401)
    const sixth = await login('editor2@example.org', PASSWORD, { 'x-forwarded-for': '198.51.100.99' })
    expect(sixth.status).toBe(429)
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await firstError(sixth)).toMatch(/^Too many failed sign-ins for this email from your network/)
  })

  it('a reviewer opening the review screen of an answer not assigned to them gets the not-found page (404)', async () => {
    const reviewer = cookieOf(await login('reyes@example.org', PASSWORD))
    const { docs } = (await (await fetch(`${base}/api/answers`)).json()) as { docs: { id: number | string }[] }
    for (const id of [docs[0]!.id, 987654]) {
      const page = await fetch(`${base}/admin/review/${id}`, { headers: { cookie: reviewer, 'sec-fetch-site': 'same-origin' } })
      expect(page.status, `answer ${id}`).toBe(404)
      expect(await page.text()).toContain('This page or answer does not exist, or it is not assigned to you.')
    }
  })

  it('password reset: the same answer for any email; the email arrives; its link opens the reset page; the new password works; older sessions end', async () => {
    const oldSession = cookieOf(await login('editor@example.org', PASSWORD))
    expect((await me(oldSession))?.email).toBe('editor@example.org')
    const known = await post('/api/users/forgot-password', { email: 'editor@example.org' })
    const unknown = await post('/api/users/forgot-password', { email: 'nobody@example.org' })
    expect([known.status, unknown.status]).toEqual([200, 200])
    expect(await known.text()).toBe(await unknown.text())

    let mail: ParsedMail | undefined
    for (let waited = 0; !mail && waited < 90_000; waited += 1_000) {
      mail = received.find((candidate) => candidate.subject === 'Reset your password')
      if (!mail) await new Promise((resolve) => setTimeout(resolve, 1_000))
    }
    expect(mail, 'no reset email within 90 s').toBeTruthy()
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toBe('editor@example.org')
    expect(
      received.filter((candidate) => candidate.to && 'text' in candidate.to && candidate.to.text === 'nobody@example.org'),
    ).toHaveLength(0)
    const link = mail!.text!.match(new RegExp(`${SITE}(/admin/reset/[0-9a-f]+)`))!
    const token = link[1]!.split('/').pop()!

    const page = await fetch(`${base}${link[1]}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toMatch(/Reset Password/i)

    const reset = await post('/api/users/reset-password', { token, password: 'a-new-password-456' })
    expect(reset.status).toBe(200)
    expect(reset.headers.get('set-cookie')).toMatch(/payload-token=.+;.*Secure/i)
    expect(await me(oldSession)).toBeNull()
    expect((await login('editor@example.org', PASSWORD)).status).toBe(401)
    expect((await login('editor@example.org', 'a-new-password-456')).status).toBe(200)
  }, 180_000)
})
