/**
 * Webhooks (issue 16) on the production server (`npm start`) over HTTP, with a receiver on 127.0.0.1
 * (WEBHOOK_ALLOW_PRIVATE_URLS=true): only admins manage endpoints; a URL that is not http(s) is a
 * 400 naming the problem; an admin's withdrawal while the receiver is down is logged as failed and
 * delivered by the retry job once the receiver is back, signed with the endpoint's secret, once; a
 * replay from the admin sends it again with the same webhook-id.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { webhookEventSchema } from '@/lib/webhooks/events'
import { verifyWebhook } from '@/lib/webhooks/signing'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'
import type { Json } from '../helpers/json'
import { startWebhookReceiver } from '../helpers/webhookReceiver'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-webhooks-'))
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const receiver = await startWebhookReceiver()
let server: ServerHandle | undefined
let base = ''
let admin = ''
let editor = ''

async function api(method: string, url: string, { json, cookie = admin }: { json?: unknown; cookie?: string } = {}) {
  const headers: Record<string, string> = { cookie, origin: base }
  if (json !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}/api${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json, text }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await probe()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await pause(100)
  }
}

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir, { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })
  admin = await sessionCookie(base, 'admin@example.org')
  editor = await sessionCookie(base, 'editor@example.org')
}, 15 * 60_000)

afterAll(async () => {
  if (server) await stopProduct(server)
  await receiver.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('webhooks on the production server', () => {
  it('admins only; bad URLs refused; a withdrawal while the receiver is down is retried until delivered, signed, once; replay resends it', async () => {
    const events = ['answer.published', 'answer.withdrawn']
    expect((await api('GET', '/webhook-endpoints', { cookie: editor })).status).toBe(403)
    expect((await api('POST', '/webhook-endpoints', { cookie: editor, json: { name: 'x', url: receiver.url, events } })).status).toBe(403)
    expect((await api('GET', '/webhook-deliveries', { cookie: editor })).status).toBe(403)
    const ftp = await api('POST', '/webhook-endpoints', { json: { name: 'Bad', url: 'ftp://example.org/x', events } })
    expect(ftp.status).toBe(400)
    expect(ftp.text).toMatch(/must start with https:\/\//)

    const created = await api('POST', '/webhook-endpoints', { json: { name: 'Portal', url: receiver.url, events } })
    expect(created.status, created.text).toBe(201)
    const secret = created.body.doc.secret as string
    expect(secret).toMatch(/^whsec_/)

    // The receiver is down when the answer is withdrawn.
    await receiver.stop()
    const answer = (await api('GET', `/answers?where[slug][equals]=${SLUG}&depth=0`)).body.docs[0]
    const withdrawn = await api('PATCH', `/answers/${answer.id}`, { json: { _status: 'draft' } })
    expect(withdrawn.status, withdrawn.text).toBe(200)
    const latest = async () =>
      (await api('GET', `/webhook-deliveries?where[answerKey][equals]=${answer.id}&sort=-createdAt&limit=1&depth=0`)).body.docs[0]
    const failed = await until('the failed first attempt', 20_000, async () => {
      const row = await latest()
      return row?.status === 'failed' ? row : undefined
    })
    expect(failed).toMatchObject({ event: 'answer.withdrawn', attempts: 1, responseStatus: null })
    expect(failed.lastError).toMatch(/The request failed/)
    expect(JSON.stringify(failed)).not.toContain(secret)

    // Back up: the retry job (due 10 s after the change, run by the server's job runner) delivers it.
    await receiver.start()
    const [request] = await receiver.waitFor(answer.id, 1, 60_000)
    const event = webhookEventSchema.parse(verifyWebhook(secret, request!.headers, request!.body))
    expect(event).toMatchObject({ type: 'answer.withdrawn', answer: { id: String(answer.id), slug: SLUG, url: `${base}/answers/${SLUG}` } })
    const delivered = await until('the delivered row', 20_000, async () => {
      const row = await latest()
      return row?.status === 'delivered' ? row : undefined
    })
    expect(delivered).toMatchObject({ id: failed.id, attempts: 2, responseStatus: 200, lastError: null })
    expect(delivered.durationMs).toBeGreaterThanOrEqual(0)

    // Replay from the admin: the same message again (same webhook-id), freshly signed.
    const replayed = await api('PATCH', `/webhook-deliveries/${failed.id}`, { json: { status: 'pending' } })
    expect(replayed.status, replayed.text).toBe(200)
    const [, again] = await receiver.waitFor(answer.id, 2, 20_000)
    expect(again!.headers['webhook-id']).toBe(request!.headers['webhook-id'])
    expect(() => verifyWebhook(secret, again!.headers, again!.body)).not.toThrow()
    // Its retry job (10 s later) finds it delivered: nothing goes out a third time.
    await pause(16_000)
    expect(receiver.forAnswer(answer.id)).toHaveLength(2)
    expect(await latest()).toMatchObject({ status: 'delivered', attempts: 3 })
  })
})
