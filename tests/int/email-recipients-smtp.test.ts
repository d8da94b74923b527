/**
 * The email outbox over a real SMTP server on 127.0.0.1: raw headers and envelope recipients of
 * hostile titles, reset links whatever Host the request names, and messages whose recipient was
 * deactivated (and their review handed on) while they waited.
 */
import type { Payload } from 'payload'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { User } from '@/payload-types'
import type { Id } from '@/lib/relationId'
import { PASSWORD, createCancerType, createCompleteDraft, createSource, createUser } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'
import { freePort } from '../helpers/server'

type Captured = { rcpt: string[]; raw: string }
const received: Captured[] = []
let server: SMTPServer | undefined
const port = await freePort()
const startSmtp = () =>
  new Promise<void>((resolve) => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
          callback()
        })
      },
    })
    server.listen(port, '127.0.0.1', resolve)
  })
const stopSmtp = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))

Object.assign(process.env, {
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(port),
  SMTP_SECURE: 'false',
  EMAIL_RETRY_DELAY_MS: '50',
  JOBS_AUTORUN: 'false',
})
delete process.env.ANTHROPIC_API_KEY
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let editor: User
let editorCookie: string
let adminCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  editorCookie = await rest.login(editor.email, PASSWORD)
  const admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
  adminCookie = await rest.login(admin.email, PASSWORD)
})
afterAll(async () => {
  await stopPayload(payload)
  await stopSmtp()
})

async function runEmailJobs() {
  for (let run = 0; run < 6; run++) {
    const result = await payload.jobs.run({ queue: 'email' })
    if (result.noJobsRemaining || !result.jobStatus || Object.keys(result.jobStatus).length === 0) return
  }
}
const headerBlock = (raw: string) => raw.split(/\r?\n\r?\n/)[0]!
const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 })

describe('headers and links', () => {
  it('CR/LF in an editor-written title does not add headers or recipients', async () => {
    await startSmtp()
    try {
      const type = await createCancerType(payload)
      const source = await createSource(payload, type.id)
      const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Header' })
      const answer = await createCompleteDraft(
        payload,
        { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id },
        { title: 'Is surgery an option here?\r\nBcc: attacker@evil.example\r\nX-Injected: yes' },
      )
      expect((await latest(answer.id)).title).toContain('\r\nBcc:') // stored as written
      const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
      expect(submitted.status, submitted.text).toBe(200)
      const outboxRow = (await payload.find({ collection: 'notifications', where: { 'related.value': { equals: answer.id } }, depth: 0 }))
        .docs[0]!
      expect(outboxRow.subject).toContain('\r\nBcc:') // the outbox keeps it; nodemailer folds it on the wire
      const before = received.length
      await runEmailJobs()
      const mails = received.slice(before)
      expect(mails.length).toBeGreaterThan(0)
      for (const mail of mails) {
        expect(mail.rcpt).toEqual([reviewer.email])
        expect(headerBlock(mail.raw)).not.toMatch(/^(Bcc|X-Injected):/im)
      }
    } finally {
      await stopSmtp()
    }
  })

  it('a reset link is built from SERVER_URL, whatever Host / X-Forwarded-Host the request carries', async () => {
    await startSmtp()
    try {
      const user = await createUser(payload, { roles: ['editor'] })
      const response = await rest.post('/users/forgot-password', {
        json: { email: user.email },
        headers: {
          origin: payload.config.serverURL,
          host: 'evil.example',
          'x-forwarded-host': 'evil.example',
          'x-forwarded-for': '198.51.100.7',
        },
      })
      expect(response.status, response.text).toBe(200)
      const before = received.length
      await runEmailJobs()
      const mail = received.slice(before).find((m) => m.rcpt.includes(user.email))!
      expect(mail).toBeTruthy()
      expect(mail.raw).not.toContain('evil.example')
      expect(mail.raw).toContain(`${payload.config.serverURL}/admin/reset/`)
    } finally {
      await stopSmtp()
    }
  })
})

describe('accounts deactivated while their email waits in the outbox', () => {
  it('a review request queued for a reviewer who is deactivated (and rerouted) before the send is not delivered to them', async () => {
    // The relay is down when the answer is submitted: the request waits in the outbox.
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const first = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Leaving' })
    const answer = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    expect((await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    await runEmailJobs() // refused: stays queued
    const second = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Staying' })
    const off = await rest.patch(`/users/${first.id}`, { cookie: adminCookie, json: { active: false } })
    expect(off.status, off.text).toBe(200)
    expect((await latest(answer.id)).assignedReviewers?.map(String)).toEqual([String(second.id)])

    await startSmtp()
    try {
      await new Promise((resolve) => setTimeout(resolve, 300))
      const before = received.length
      for (let i = 0; i < 4; i++) {
        await runEmailJobs()
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      const to = received.slice(before).flatMap((m) => m.rcpt)
      expect(to).toContain(second.email)
      // The account is deactivated and no longer assigned: "Please review this answer" must not reach it.
      expect(to).not.toContain(first.email)
      // Left in the outbox as not sent, saying why.
      const { docs } = await payload.find({
        collection: 'notifications',
        where: { and: [{ to: { equals: first.email } }, { template: { equals: 'review_assigned' } }] },
        depth: 0,
      })
      expect(docs.map((doc) => [doc.status, doc.lastError])).toEqual([
        ['not_sent', "Not sent: the recipient's account was deactivated after it was written."],
      ])
    } finally {
      await stopSmtp()
    }
  }, 60_000)
})
