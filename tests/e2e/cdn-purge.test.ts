/**
 * CDN purge (issue 15) on the production server (`npm start`) over HTTP, with CDN_PURGE_URL pointing at
 * a receiver on 127.0.0.1: an admin's withdrawal of a live answer reaches the CDN with the answer's
 * tag at once (not by the 10 s retry job), and the admin's outbox shows it sent; a purge the CDN refuses shows as failed with
 * the reason, and the admin's retry sends it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startPurgeReceiver } from '../helpers/purgeReceiver'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'
import type { Json } from '../helpers/json'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-cdn-purge-'))
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const receiver = await startPurgeReceiver()
let server: ServerHandle | undefined
let base = ''
let admin = ''

async function api(method: string, url: string, json?: unknown): Promise<{ status: number; body: Json; text: string }> {
  const headers: Record<string, string> = { cookie: admin, origin: base }
  if (json !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}/api${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text }
}

/** The first request the receiver gets from now on whose tags include `tag`. */
async function purgeWithTag(tag: string, from: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = receiver.received.slice(from).find((request) => request.tags.includes(tag))
    if (found) return found
    if (Date.now() > deadline)
      throw new Error(`No purge of "${tag}" within ${timeoutMs} ms; got ${JSON.stringify(receiver.received.map((r) => r.tags))}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const latestPurge = async (tag: string) =>
  (await api('GET', `/cdn-purges?where[tags][contains]=${tag}&sort=-createdAt&limit=1&depth=0`)).body.docs[0]

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir, { CDN_PURGE_URL: receiver.url, CDN_PURGE_AUTH: 'Authorization: Bearer e2e-purge-token' })
  admin = await sessionCookie(base, 'admin@example.org')
}, 15 * 60_000)

afterAll(async () => {
  if (server) await stopProduct(server)
  await receiver.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('CDN purge on the production server', () => {
  it("an admin's withdrawal over REST reaches the CDN with the answer's tag before any retry job could (10 s)", async () => {
    const answer = (await api('GET', `/answers?where[slug][equals]=${SLUG}&depth=0`)).body.docs[0]
    // The seed published this answer at start, and its purge is sent once more 1.25 s after that
    // commit, with the same tags: let it go out first, or it is taken for this withdrawal's purge.
    const seeded = await latestPurge(`answer-${SLUG}`)
    if (seeded) await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(seeded.createdAt) + 2_000 - Date.now())))
    const from = receiver.received.length
    const before = Date.now() // earlier than the commit, which the repeat counts from
    const withdrawn = await api('PATCH', `/answers/${answer.id}`, { _status: 'draft' })
    expect(withdrawn.status, withdrawn.text).toBe(200)
    const respondedAt = Date.now()
    const purge = await purgeWithTag(`answer-${SLUG}`, from, 9_000)
    console.log(`[cdn-purge] received ${purge.at - respondedAt} ms after the withdrawal's response`)
    expect(purge.method).toBe('POST')
    expect(purge.tags).toEqual([`answer-${SLUG}`, 'answers', 'cancer-types'])
    expect(purge.headers['surrogate-key']).toBe(`answer-${SLUG} answers cancer-types`)
    expect(purge.headers.authorization).toBe('Bearer e2e-purge-token')
    expect((await fetch(`${base}/api/public/v1/answers/${SLUG}`)).status).toBe(404)
    // Sent once more when every instance has polled the change log twice (CDN_PURGE_REPEAT_MS,
    // by default 2 x 500 + 250 ms): a miss in between may have refilled the CDN from another instance.
    const repeat = await purgeWithTag(`answer-${SLUG}`, receiver.received.indexOf(purge) + 1, 9_000)
    expect(repeat.at - before).toBeGreaterThanOrEqual(1_250)
    expect(repeat.tags).toEqual(purge.tags)

    // The row is marked once the CDN's reply is read, after the receiver has seen the request.
    await expect
      .poll(() => latestPurge(`answer-${SLUG}`), { timeout: 15_000 })
      .toMatchObject({ kind: 'withdrawn', status: 'sent', attempts: 1, responseStatus: 200 })
  })

  it('a purge the CDN refuses shows as failed with the reason; the admin sets it back to Pending and it is sent', async () => {
    receiver.answerWith(502)
    const pancreatic = (await api('GET', '/cancer-types?where[slug][equals]=pancreatic&depth=0')).body.docs[0]
    const from = receiver.received.length
    const renamed = await api('PATCH', `/cancer-types/${pancreatic.id}`, { name: 'Pancreatic cancer (renamed)' })
    expect(renamed.status, renamed.text).toBe(200)
    await purgeWithTag('public', from, 9_000)
    await expect.poll(async () => (await latestPurge('public')).status, { timeout: 15_000 }).toBe('failed')
    const failed = await latestPurge('public')
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, responseStatus: 502 })
    expect(failed.lastError).toMatch(/HTTP 502/)
    expect(new Date(failed.nextAttemptAt).getTime()).toBeGreaterThan(Date.now())

    const retried = await api('PATCH', `/cdn-purges/${failed.id}`, { status: 'pending' })
    expect(retried.status, retried.text).toBe(200)
    await purgeWithTag('public', from + 1, 9_000)
    await expect
      .poll(() => latestPurge('public'), { timeout: 15_000 })
      .toMatchObject({ id: failed.id, status: 'sent', attempts: 2, responseStatus: 200, lastError: null })
  })
})
