/**
 * The email outbox through a real SMTP server on 127.0.0.1 (smtp-server), messages parsed with
 * mailparser: what arrives, and what happens while the server refuses connections.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { User } from '@/payload-types'
import { PASSWORD, createCancerType, createCompleteDraft, createSource, createUser, approvalBody } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'
import { freePort } from '../helpers/server'
import { CapturingSmtp } from '../helpers/smtp'
import type { Id } from '@/lib/relationId'

const smtp = new CapturingSmtp()
const received = smtp.received

const port = await freePort()
Object.assign(process.env, {
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(port),
  SMTP_SECURE: 'false',
  EMAIL_FROM: 'cms@example.org',
  EMAIL_RETRY_DELAY_MS: '200',
  JOBS_AUTORUN: 'false',
})
const { startPayload, stopPayload } = await import('../helpers/payload')
const { MAX_STALLED_RELEASES, releaseStalledJobs } = await import('@/lib/leases/stalledJobs')

let payload: Payload
let rest: RestClient
let editorCookie: string
let reviewer: User
let editor: User

/** The send job of the email created last (one is queued with every new outbox message). */
const newestSendJob = async () =>
  (
    await payload.find({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'sendNotification' } }, { completedAt: { exists: false } }] },
      sort: '-createdAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
  ).docs[0]

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  editor = await createUser(payload, { roles: ['editor'] })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => {
  await stopPayload(payload)
  await smtp.stop()
})

async function submittedAnswer() {
  const type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Mail' })
  const answer = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
  const response = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
  expect(response.status, response.text).toBe(200)
  return answer
}

const outbox = async (answerId: Id) =>
  (await payload.find({ collection: 'notifications', where: { 'related.value': { equals: answerId } }, depth: 0 })).docs[0]!
const runEmailJobs = () => payload.jobs.run({ queue: 'email' })
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('email outbox', () => {
  it("question to publication over SMTP: the assignment email (recipient, subject, review link), then the editor's published email", async () => {
    await smtp.start(port)
    const answer = await submittedAnswer()
    await runEmailJobs()
    const mail = received.find((m) => m.subject === `Review requested: ${answer.title}`)!
    expect(mail).toBeTruthy()
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(reviewer.email)
    expect(mail.from?.text).toContain('cms@example.org')
    expect(mail.text).toContain(`/admin/collections/answers/${answer.id}`)
    expect(await outbox(answer.id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null })

    // The reviewer approves from the link: published, and the editor's email arrives too.
    const cookie = await rest.login(reviewer.email, PASSWORD)
    expect((await rest.post(`/answers/${answer.id}/decision`, { cookie, json: await approvalBody(payload, answer.id) })).status).toBe(201)
    expect((await rest.get(`/answers/${answer.id}`)).status).toBe(200)
    await runEmailJobs()
    const published = received.find((m) => m.subject === `Published: ${answer.title}`)!
    expect(published.to && 'text' in published.to ? published.to.text : '').toBe(editor.email)
    await smtp.stop()
  })

  it('SMTP refusing connections does not fail the submission; the outbox shows the error and retries; every message arrives exactly once', async () => {
    const before = received.length
    const answer = await submittedAnswer() // the server is down: submitting still works
    await runEmailJobs()
    const failed = await outbox(answer.id)
    expect(failed).toMatchObject({ status: 'queued', attempts: 1 })
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i)

    await smtp.start(port)
    await wait(300)
    await runEmailJobs()
    await wait(500)
    await runEmailJobs() // a second run must not send it again
    expect(await outbox(answer.id)).toMatchObject({ status: 'sent', attempts: 2 })
    const copies = received.slice(before).filter((m) => m.subject === `Review requested: ${answer.title}`)
    expect(copies).toHaveLength(1)
  })

  it('after the last attempt the message is "failed"; an admin puts it back in the queue and it is sent once', async () => {
    await smtp.stop()
    const answer = await submittedAnswer() // the server is down
    for (let run = 0; run < 40 && (await outbox(answer.id)).status !== 'failed'; run++) {
      await runEmailJobs()
      await wait(300)
    }
    const failed = await outbox(answer.id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 5 })
    await runEmailJobs()
    expect((await outbox(answer.id)).attempts).toBe(5) // nothing retries a failed message by itself

    const admin = await createUser(payload, { roles: ['admin'] })
    const editorTry = await rest.patch(`/notifications/${failed.id}`, { cookie: editorCookie, json: { status: 'queued' } })
    expect(editorTry.status).toBe(403)
    const requeue = await rest.patch(`/notifications/${failed.id}`, {
      cookie: await rest.login(admin.email, PASSWORD),
      json: { status: 'queued' },
    })
    expect(requeue.status, requeue.text).toBe(200)
    const before = received.length
    await smtp.start(port)
    await runEmailJobs()
    expect(await outbox(answer.id)).toMatchObject({ status: 'sent', attempts: 6 })
    expect(received.slice(before).filter((m) => m.subject === `Review requested: ${answer.title}`)).toHaveLength(1)
    await smtp.stop()
  }, 60_000)

  it('a send job left marked as running by a process that died: released by the sweep after 15 minutes, then its email is sent once', async () => {
    await smtp.start(port)
    try {
      const subject = `Stalled job ${Date.now()}`
      const message = await payload.create({
        collection: 'notifications',
        data: { to: 'admin@example.org', subject, template: 'credentials_lapse', text: 'Hello', status: 'queued' },
        overrideAccess: true,
      })
      const job = await newestSendJob()
      expect((job!.input as { notificationId: string }).notificationId).toBe(String(message.id))
      // The process that took the job died before sending: Payload's mark stays, and Payload skips the job.
      const markRunning = (minutesAgo: number) =>
        payload.db.updateOne({
          collection: 'payload-jobs',
          id: job!.id,
          data: { processing: true, updatedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString() },
        })
      await markRunning(14)
      await runEmailJobs()
      expect(received.filter((mail) => mail.subject === subject)).toHaveLength(0)
      expect(await releaseStalledJobs(payload)).toBe(0) // 14 minutes: perhaps still running
      await markRunning(16)
      expect(await releaseStalledJobs(payload)).toBe(1)
      expect(await releaseStalledJobs(payload)).toBe(0)
      await runEmailJobs()
      expect(received.filter((mail) => mail.subject === subject)).toHaveLength(1)
      expect(await payload.findByID({ collection: 'notifications', id: message.id, depth: 0 })).toMatchObject({
        status: 'sent',
        attempts: 1,
      })
    } finally {
      await smtp.stop()
    }
  })

  it('a job whose process dies every time it runs: released three times, then marked failed and never run again', async () => {
    const message = await payload.create({
      collection: 'notifications',
      data: {
        to: 'admin@example.org',
        subject: `Poison job ${Date.now()}`,
        template: 'credentials_lapse',
        text: 'Hello',
        status: 'queued',
      },
      overrideAccess: true,
    })
    const job = (await newestSendJob())!
    expect((job.input as { notificationId: string }).notificationId).toBe(String(message.id))
    const diesRunningIt = () =>
      payload.db.updateOne({
        collection: 'payload-jobs',
        id: job.id,
        data: { processing: true, updatedAt: new Date(Date.now() - 16 * 60_000).toISOString() },
      })
    const errors = vi.spyOn(payload.logger, 'error')
    try {
      for (let time = 1; time <= MAX_STALLED_RELEASES; time += 1) {
        await diesRunningIt()
        expect(await releaseStalledJobs(payload)).toBe(1)
        expect(await payload.findByID({ collection: 'payload-jobs', id: job.id, depth: 0 })).toMatchObject({
          processing: false,
          hasError: false,
          error: { stalledReleases: time },
        })
      }
      await diesRunningIt()
      expect(await releaseStalledJobs(payload)).toBe(0)
      const failed = await payload.findByID({ collection: 'payload-jobs', id: job.id, depth: 0 })
      expect(failed).toMatchObject({ processing: false, hasError: true, error: { stalledReleases: MAX_STALLED_RELEASES } })
      const logged = String(errors.mock.calls.at(-1)?.[0])
      expect(logged).toContain(`Job ${String(job.id)} (sendNotification, queue email)`)
      expect(logged).toContain(`${MAX_STALLED_RELEASES + 1} times now. It is not run again`)
      // Payload's runner does not take a job marked failed; the email shows as failed in the outbox, with why.
      await runEmailJobs()
      const email = await payload.findByID({ collection: 'notifications', id: message.id, depth: 0 })
      expect(email).toMatchObject({ status: 'failed', attempts: 0, lastError: logged })
      // Requeued by an admin (the outbox's retry), it gets a new job and is sent.
      await smtp.start(port)
      try {
        await payload.update({ collection: 'notifications', id: message.id, data: { status: 'queued' }, overrideAccess: true })
        await runEmailJobs()
        expect(await payload.findByID({ collection: 'notifications', id: message.id, depth: 0 })).toMatchObject({ status: 'sent' })
      } finally {
        await smtp.stop()
      }
    } finally {
      errors.mockRestore()
    }
  })

  it('a send job taken by two runners at once (two workers) sends its email once', async () => {
    await smtp.start(port)
    smtp.delayMs = 300 // a relay that takes a moment, as a real one does
    try {
      const subject = `Two runners ${Date.now()}`
      const message = await payload.create({
        collection: 'notifications',
        data: { to: 'admin@example.org', subject, template: 'credentials_lapse', text: 'Hello', status: 'queued' },
        overrideAccess: true,
      })
      // Payload takes a job with a read and then a write: two runners can both take it, and both run its handler.
      const task = payload.config.jobs.tasks!.find((candidate) => candidate.slug === 'sendNotification')!
      const handler = task.handler as (args: unknown) => Promise<unknown>
      const run = async () =>
        handler({ input: { notificationId: String(message.id) }, job: { totalTried: 0 }, req: await createLocalReq({}, payload) })
      const [first, second] = await Promise.allSettled([run(), run()])
      const outcomes = [first, second].map((outcome) => (outcome.status === 'fulfilled' ? 'sent' : (outcome.reason as Error).name))
      expect(outcomes.sort()).toEqual(['MessageClaimed', 'sent'])
      expect(received.filter((mail) => mail.subject === subject)).toHaveLength(1)
      expect(await payload.findByID({ collection: 'notifications', id: message.id, depth: 0 })).toMatchObject({
        status: 'sent',
        attempts: 1,
        claimedUntil: null,
      })
      // The job's own run (the refused runner left it for a later try) finds it sent: nothing more.
      await runEmailJobs()
      expect(received.filter((mail) => mail.subject === subject)).toHaveLength(1)
    } finally {
      smtp.delayMs = 0
      await smtp.stop()
    }
  })
})
