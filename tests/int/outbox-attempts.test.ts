/**
 * What an attempt of the webhook outbox records: a receiver's error body with a NUL byte is stored
 * (shown as ␀) as a failed attempt with its backoff, where its save used to fail and the row was sent
 * again at every chance; and an admin's Skipped made while an attempt is under way stands.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User, WebhookDelivery } from '@/payload-types'
import { approveAs, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false', WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_TIMEOUT_MS: '2000' })
const { startPayload, stopPayload } = await import('../helpers/payload')
const { settleWebhooks } = await import('@/lib/webhooks')
const { forgetWebhookSettings } = await import('@/lib/webhooks/settings')
const { sendOverdueWebhooks } = await import('@/lib/webhooks/sweep')

/** Webhook endpoints carry a signing secret (the admin generates one when left empty). */
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`

let payload: Payload
let type: CancerType
let source: GuidelineSource
let reviewer: User

beforeAll(async () => {
  forgetWebhookSettings()
  payload = await startPayload()
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
})
afterAll(async () => {
  await settleWebhooks()
  await stopPayload(payload)
})

async function publishedAnswer(): Promise<Answer> {
  const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
  await approveAs(payload, reviewer, answer.id)
  return (await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 })) as Answer
}

/** A receiver that refuses every request with `status` and `body` (a binary error page, say). */
async function refusingReceiver(status: number, body: Buffer, delayMs = 0) {
  let requests = 0
  const server = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      requests += 1
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'application/octet-stream' })
        response.end(body)
      }, delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe('webhook deliveries', () => {
  it("a receiver's refusal whose body holds a NUL byte is recorded as a failed attempt, with backoff, like any other refusal", async () => {
    const receiver = await refusingReceiver(500, Buffer.from('internal error\u0000\u0001\u0002 trace follows', 'utf8'))
    const endpoint = await payload.create({
      collection: 'webhook-endpoints',
      data: { name: 'Binary errors', url: receiver.url, events: ['answer.published'], secret: SECRET },
      overrideAccess: true,
    })
    try {
      const answer = await publishedAnswer()
      await settleWebhooks()
      expect(receiver.requests()).toBe(1)
      const [row] = (
        await payload.find({
          collection: 'webhook-deliveries',
          where: { and: [{ answerKey: { equals: String(answer.id) } }, { endpoint: { equals: endpoint.id } }] },
          depth: 0,
          overrideAccess: true,
        })
      ).docs as WebhookDelivery[]
      // The attempt happened (the receiver was called), so the row must say so: failed, 1 attempt, why.
      expect({ status: row!.status, attempts: row!.attempts, lastError: row!.lastError }).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: expect.stringContaining('HTTP 500'),
      })
      // Stored as a person can read it, and an admin can still replay the row (a raw NUL in it would
      // fail every later save of the row).
      expect(row!.lastError).toBe('The receiver answered HTTP 500: internal error\u2400\u2401\u2402 trace follows')
      const admin = await createUser(payload, { roles: ['admin'] })
      const replayed = await payload.update({
        collection: 'webhook-deliveries',
        id: row!.id,
        data: { status: 'pending' },
        user: admin,
        overrideAccess: false,
      })
      expect(replayed.status).toBe('pending')
      await settleWebhooks()
    } finally {
      await payload.update({ collection: 'webhook-endpoints', id: endpoint.id, data: { active: false }, overrideAccess: true })
      await receiver.close()
    }
  })

  it('such a delivery is not re-sent at every chance with its attempts uncounted and its schedule unmoved', async () => {
    const receiver = await refusingReceiver(502, Buffer.from([0x00, 0x01, 0x02, 0x03]))
    const endpoint = await payload.create({
      collection: 'webhook-endpoints',
      data: { name: 'Binary errors 2', url: receiver.url, events: ['answer.published'], secret: SECRET },
      overrideAccess: true,
    })
    try {
      const answer = await publishedAnswer()
      await settleWebhooks()
      const rowOf = async () =>
        (
          await payload.find({
            collection: 'webhook-deliveries',
            where: { and: [{ answerKey: { equals: String(answer.id) } }, { endpoint: { equals: endpoint.id } }] },
            depth: 0,
            overrideAccess: true,
          })
        ).docs[0] as WebhookDelivery
      const first = await rowOf()
      // Three more chances, each once the previous attempt's claim is over (it lasts the timeout + 30 s).
      for (let round = 0; round < 3; round++) {
        await payload.db.updateOne({
          collection: 'webhook-deliveries',
          where: { id: { equals: first.id } },
          data: { claimedUntil: new Date(Date.now() - 1000).toISOString() },
        })
        await sendOverdueWebhooks(payload, Date.now() + 6 * 60_000)
      }
      const row = await rowOf()
      // Every request the receiver got is an attempt the row should count (and back off from).
      expect({
        requests: receiver.requests(),
        attempts: row.attempts,
        nextAttemptMoved: row.nextAttemptAt !== first.nextAttemptAt,
      }).toEqual({
        requests: 4,
        attempts: 4,
        nextAttemptMoved: true,
      })
    } finally {
      await payload.update({ collection: 'webhook-endpoints', id: endpoint.id, data: { active: false }, overrideAccess: true })
      await receiver.close()
    }
  })

  it('an admin who sets a delivery to Skipped while an attempt is under way: it stays skipped, and is not retried', async () => {
    const receiver = await refusingReceiver(503, Buffer.from('busy'), 800)
    const admin = await createUser(payload, { roles: ['admin'] })
    const endpoint = await payload.create({
      collection: 'webhook-endpoints',
      data: { name: 'Slow and refusing', url: receiver.url, events: ['answer.published'], secret: SECRET },
      overrideAccess: true,
    })
    try {
      const answer = await publishedAnswer()
      const [row] = (
        await payload.find({
          collection: 'webhook-deliveries',
          where: { and: [{ answerKey: { equals: String(answer.id) } }, { endpoint: { equals: endpoint.id } }] },
          depth: 0,
          overrideAccess: true,
        })
      ).docs as WebhookDelivery[]
      // The attempt right after the commit is at the receiver now; the admin gives up on this delivery.
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(receiver.requests()).toBe(1)
      await payload.update({
        collection: 'webhook-deliveries',
        id: row!.id,
        data: { status: 'skipped' },
        user: admin,
        overrideAccess: false,
      })
      await settleWebhooks()
      const after = (await payload.findByID({
        collection: 'webhook-deliveries',
        id: row!.id,
        depth: 0,
        overrideAccess: true,
      })) as WebhookDelivery
      expect({ status: after.status, nextAttemptAt: after.nextAttemptAt ?? null }).toEqual({ status: 'skipped', nextAttemptAt: null })
    } finally {
      await payload.update({ collection: 'webhook-endpoints', id: endpoint.id, data: { active: false }, overrideAccess: true })
      await receiver.close()
    }
  })
})
