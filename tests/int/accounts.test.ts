/**
 * Accounts and sessions (issue 10, items 5 and 6) through Payload's real REST handler: the password
 * reset end to end (outbox, a real SMTP server on 127.0.0.1, the link, the new password, older
 * sessions ended), no write lock across slow work, admin-only unlock, login CSRF, enumeration and
 * lock-out abuse, and edit locks. Client addresses are given as the production server
 * (scripts/server.mjs) passes them: one address in X-Forwarded-For.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { User } from '@/payload-types'
import { PASSWORD, createAnswerInReview, createCancerType, createQuestion, createSource, createUser } from '../helpers/fixtures'
import { RestClient, errorMessage } from '../helpers/rest'
import { adapterCalls } from '../helpers/adapterCalls'
import { freePort } from '../helpers/server'
import { CapturingSmtp } from '../helpers/smtp'

const smtp = new CapturingSmtp()
const received = smtp.received
const port = await freePort()
await smtp.start(port)
Object.assign(process.env, {
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(port),
  SMTP_SECURE: 'false',
  EMAIL_RETRY_DELAY_MS: '200',
  JOBS_AUTORUN: 'false',
})
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let origin: string
let addressCounter = 0
/** A client address of its own, as the production server would pass it. */
const newAddress = () => `203.0.113.${++addressCounter}`
const from = (address: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': address, origin, ...extra })

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  origin = payload.config.serverURL
})
afterAll(async () => {
  await stopPayload(payload)
  await smtp.stop()
})

const login = (email: string, password: string, headers: Record<string, string>) =>
  rest.post('/users/login', { json: { email, password }, headers })
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const sessionCookie = (setCookie: string | null) => `payload-token=${setCookie!.match(/payload-token=([^;]+)/)![1]}`
const me = async (cookie: string) => (await rest.get('/users/me', { cookie })).body.user as User | null

/** Runs email jobs until nothing is left to do (a reset job queues the send job). */
async function runEmailJobs() {
  for (let run = 0; run < 5; run++) {
    const result = await payload.jobs.run({ queue: 'email' })
    if (result.noJobsRemaining || !result.jobStatus || Object.keys(result.jobStatus).length === 0) return
  }
}

describe('forgot-password and reset', () => {
  it('answers known and unknown emails alike: 200, the same body, the same database work (one queued job, no account lookup)', async () => {
    const user = await createUser(payload, { roles: ['editor'] })
    const bodies = new Set<string>()
    const work = new Set<string>()
    for (let round = 0; round < 3; round++) {
      for (const email of [user.email, `nobody-${round}@example.org`]) {
        // What the request asks of the database is what could make its time differ: compared exactly,
        // where a stopwatch on a shared machine could only compare roughly.
        let response: Awaited<ReturnType<typeof rest.post>> | undefined
        const calls = await adapterCalls(payload, async () => {
          response = await rest.post('/users/forgot-password', { json: { email }, headers: from(newAddress()) })
        })
        expect(response!.status, response!.text).toBe(200) // it was a 500 after 5 s
        bodies.add(response!.text)
        work.add(JSON.stringify(calls))
      }
    }
    expect(bodies.size).toBe(1)
    expect(JSON.parse([...bodies][0]!).message).toMatch(/^If an account uses this email address, we have sent it a link/)
    expect([...work].map((calls) => JSON.parse(calls))).toEqual([[{ operation: 'create', collection: 'payload-jobs' }]])
    await runEmailJobs()
    expect(received.filter((mail) => mail.to && 'text' in mail.to && mail.to.text === user.email)).toHaveLength(1) // one a minute, however often asked
  }, 120_000)

  it("Payload's own forgot-password (GraphQL forgotPasswordUser) is refused at once, the same for every email", async () => {
    const user = await createUser(payload, { roles: ['editor'] })
    await rest.graphql('{ __typename }') // the first GraphQL request builds the schema
    const answers = new Set<string>()
    for (const email of [user.email, 'nobody@example.org']) {
      const [response, ms] = await timed(() => rest.graphql(`mutation { forgotPasswordUser(email: "${email}") }`))
      answers.add(response.body.errors?.[0]?.message)
      expect(ms).toBeLessThan(3_000) // it waited out the 5 s busy timeout on the lock it held itself
    }
    expect([...answers]).toEqual([
      'Ask for a password reset with POST /api/users/forgot-password (or "Forgot password?" on the sign-in page).',
    ])
  })

  it('a missing or malformed email is a 400 with a message', async () => {
    const response = await rest.post('/users/forgot-password', { json: { email: 42 }, headers: from(newAddress()) })
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toMatch(/email address of your account/)
  })

  it('end to end: the email goes through the outbox over SMTP, the link resets the password, older sessions end', async () => {
    const user = await createUser(payload, { roles: ['reviewer'], name: 'Dr Reset' })
    const address = newAddress()
    const oldSession = sessionCookie((await login(user.email, PASSWORD, from(address))).headers.get('set-cookie'))
    expect((await me(oldSession))?.id).toBe(user.id)

    const before = received.length
    expect((await rest.post('/users/forgot-password', { json: { email: user.email.toUpperCase() }, headers: from(address) })).status).toBe(
      200,
    )
    await runEmailJobs()
    const mails = received.slice(before).filter((mail) => mail.subject === 'Reset your password')
    expect(mails).toHaveLength(1)
    const mail = mails[0]!
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(user.email)
    const link = mail.text!.match(/https?:\/\/\S+\/admin\/reset\/([0-9a-f]+)/)!
    expect(link[0]).toBe(`${payload.config.serverURL}/admin/reset/${link[1]}`)
    const token = link[1]!

    // The outbox kept the message, sent, without the link (editors never see reset emails at all).
    const admin = await createUser(payload, { roles: ['admin'] })
    const editor = await createUser(payload, { roles: ['editor'] })
    const query = `/notifications?where[to][equals]=${encodeURIComponent(user.email)}`
    const asAdmin = await rest.get(query, { cookie: await rest.login(admin.email, PASSWORD) })
    expect(asAdmin.body.docs).toHaveLength(1)
    expect(asAdmin.body.docs[0]).toMatchObject({ template: 'password_reset', status: 'sent', attempts: 1 })
    expect(asAdmin.body.docs[0].text).not.toContain(token)
    expect((await rest.get(query, { cookie: await rest.login(editor.email, PASSWORD) })).body.docs).toHaveLength(0)

    // A foreign page cannot use the token to sign the browser in.
    const foreign = await rest.post('/users/reset-password', {
      json: { token, password: 'a-new-password-456' },
      headers: from(address, { origin: 'http://evil.example' }),
    })
    expect(foreign.status).toBe(403)

    // An incomplete request says what is missing; a short new password is refused; the link still works after both.
    const empty = await rest.post('/users/reset-password', { json: {}, headers: from(address) })
    expect(empty.status, empty.text).toBe(400)
    expect(errorMessage(empty)).toBe('The reset link is incomplete: its token is missing. Open the link from the email again.')
    const noPassword = await rest.post('/users/reset-password', { json: { token }, headers: from(address) })
    expect(noPassword.status, noPassword.text).toBe(400)
    expect(errorMessage(noPassword)).toBe('Choose a new password.')
    const short = await rest.post('/users/reset-password', { json: { token, password: 'abc' }, headers: from(address) })
    expect(short.status, short.text).toBe(400)
    expect(errorMessage(short)).toMatch(/^The password must be at least 12 characters \(it has 3\)/)
    const reset = await rest.post('/users/reset-password', { json: { token, password: 'a-new-password-456' }, headers: from(address) })
    expect(reset.status, reset.text).toBe(200)
    const newSession = sessionCookie(reset.headers.get('set-cookie'))
    expect((await me(newSession))?.id).toBe(user.id)
    expect(await me(oldSession)).toBeNull() // the session from before the reset has ended

    expect((await login(user.email, PASSWORD, from(address))).status).toBe(401)
    expect((await login(user.email, 'a-new-password-456', from(address))).status).toBe(200)
    const again = await rest.post('/users/reset-password', { json: { token, password: 'another-password-789' }, headers: from(address) })
    expect(again.status).toBe(403) // a link works once
  }, 120_000)

  it('asking again and again sends at most one email a minute to an account, and an address is throttled (429)', async () => {
    const user = await createUser(payload, { roles: ['editor'] })
    const before = received.length
    const address = newAddress()
    for (let i = 0; i < 3; i++)
      expect((await rest.post('/users/forgot-password', { json: { email: user.email }, headers: from(address) })).status).toBe(200)
    await runEmailJobs()
    expect(received.slice(before).filter((mail) => mail.to && 'text' in mail.to && mail.to.text === user.email)).toHaveLength(1)
    for (let i = 3; i < 10; i++) await rest.post('/users/forgot-password', { json: { email: `x${i}@example.org` }, headers: from(address) })
    const refused = await rest.post('/users/forgot-password', { json: { email: user.email }, headers: from(address) })
    expect(refused.status).toBe(429)
    expect(errorMessage(refused)).toMatch(/Too many password reset requests from your network/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await rest.post('/users/forgot-password', { json: { email: user.email }, headers: from(newAddress()) })).status).toBe(200)
    await runEmailJobs()
  }, 120_000)

  it("parallel forgot-password calls and a slow SMTP server do not hold up an editor's save", async () => {
    const editor = await createUser(payload, { roles: ['editor'] })
    const cookie = await rest.login(editor.email, PASSWORD)
    const question = await createQuestion(payload, (await createCancerType(payload)).id)
    const save = async (n: number) => {
      const [response, ms] = await timed(() => rest.patch(`/questions/${question.id}`, { cookie, json: { notes: `save ${n}` } }))
      expect(response.status, response.text).toBe(200)
      return ms
    }
    await save(0)
    const alone = median([await save(1), await save(2), await save(3)])

    const targets = await Promise.all([1, 2, 3, 4].map(() => createUser(payload, { roles: ['editor'] })))
    const resets = targets.map((target) =>
      rest.post('/users/forgot-password', { json: { email: target.email }, headers: from(newAddress()) }),
    )
    const during = await save(4)
    expect((await Promise.all(resets)).map((response) => response.status)).toEqual([200, 200, 200, 200])
    expect(during).toBeLessThan(Math.max(1_500, alone * 10)) // it waited about 5 s per request

    // The reset jobs write the outbox; the send jobs talk to an SMTP server that takes 1.5 s a message.
    smtp.delayMs = 1_500
    const jobs = runEmailJobs()
    await new Promise((resolve) => setTimeout(resolve, 300))
    const whileSending = await save(5)
    await jobs
    smtp.delayMs = 0
    expect(whileSending).toBeLessThan(Math.max(1_000, alone * 10))
  }, 120_000)
})

describe('sign-in', () => {
  it('only an admin can unlock an account (a reviewer or editor gets 403)', async () => {
    const admin = await createUser(payload, { roles: ['admin'] })
    const reviewer = await createUser(payload, { roles: ['reviewer'] })
    const editor = await createUser(payload, { roles: ['editor'] })
    for (const person of [reviewer, editor]) {
      const response = await rest.post('/users/unlock', { cookie: await rest.login(person.email, PASSWORD), json: { email: admin.email } })
      expect(response.status, `${person.roles} unlocking`).toBe(403)
    }
    const byAdmin = await rest.post('/users/unlock', { cookie: await rest.login(admin.email, PASSWORD), json: { email: reviewer.email } })
    expect(byAdmin.status, byAdmin.text).toBe(200)
  }, 120_000)

  it('login, reset-password and forgot-password from another site are refused with 403 and set no cookie', async () => {
    const user = await createUser(payload, { roles: ['editor'] })
    const evil = { 'x-forwarded-for': newAddress(), origin: 'http://evil.example' }
    const response = await rest.post('/users/login', { json: { email: user.email, password: PASSWORD }, headers: evil })
    expect(response.status).toBe(403)
    expect(errorMessage(response)).toBe(
      "Sign-in requests are accepted only from this site's own pages; http://evil.example is another site.",
    )
    expect(response.headers.get('set-cookie')).toBeNull()
    const noOrigin = await rest.post('/users/login', {
      json: { email: user.email, password: PASSWORD },
      headers: { 'x-forwarded-for': newAddress(), 'sec-fetch-site': 'cross-site' },
    })
    expect(noOrigin.status).toBe(403)
    expect((await rest.post('/users/forgot-password', { json: { email: user.email }, headers: evil })).status).toBe(403)
    expect((await rest.post('/users/reset-password', { json: { token: 'x', password: 'y-password-123' }, headers: evil })).status).toBe(403)

    const ours = await login(user.email, PASSWORD, from(newAddress()))
    expect(ours.status).toBe(200)
    expect(ours.headers.get('set-cookie')).toMatch(/payload-token=.+HttpOnly.*SameSite=Lax/i)
  })

  it('a password under 12 characters (or over 256) is refused wherever one is set: 400 naming the field, nothing changed', async () => {
    const admin = await createUser(payload, { roles: ['admin'] })
    const adminCookie = await rest.login(admin.email, PASSWORD)
    const created = await rest.post('/users', {
      cookie: adminCookie,
      json: { email: 'short-password@example.org', name: 'Short', password: 'abc', roles: ['editor'] },
    })
    expect(created.status, created.text).toBe(400)
    expect(created.body.errors[0].data.errors[0]).toMatchObject({
      path: 'password',
      message: expect.stringMatching(/at least 12 characters \(it has 3\)/),
    })
    expect((await payload.count({ collection: 'users', where: { email: { equals: 'short-password@example.org' } } })).totalDocs).toBe(0)

    const editor = await createUser(payload, { roles: ['editor'] })
    const editorCookie = await rest.login(editor.email, PASSWORD)
    for (const password of ['abc', 'x'.repeat(257)]) {
      const changed = await rest.patch(`/users/${editor.id}`, { cookie: editorCookie, json: { password } })
      expect(changed.status, changed.text).toBe(400)
      expect(errorMessage(changed)).not.toBe('')
    }
    expect((await rest.post('/users/login', { json: { email: editor.email, password: PASSWORD }, headers: { origin } })).status).toBe(200)
    // A passphrase with spaces is fine; so is the Local API with overrideAccess only when long enough.
    expect(
      (
        await rest.patch(`/users/${editor.id}`, {
          cookie: editorCookie,
          json: { password: 'four words in a row', currentPassword: PASSWORD },
        })
      ).status,
    ).toBe(200)
    await expect(
      payload.create({
        collection: 'users',
        data: { email: 'local-short@example.org', name: 'Local', password: 'short', roles: ['editor'] },
      }),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('an unknown email and a wrong password get the same answer in similar time', async () => {
    const user = await createUser(payload, { roles: ['editor'] })
    const known: number[] = []
    const unknown: number[] = []
    const answers = new Set<string>()
    for (let round = 0; round < 5; round++) {
      const [a, knownMs] = await timed(() => login(user.email, `wrong-${round}`, from(newAddress())))
      const [b, unknownMs] = await timed(() => login(`nobody-${round}@example.org`, `wrong-${round}`, from(newAddress())))
      answers.add(`${a.status} ${a.text}`).add(`${b.status} ${b.text}`)
      known.push(knownMs)
      unknown.push(unknownMs)
    }
    expect([...answers]).toEqual(['401 {"errors":[{"message":"The email or password provided is incorrect."}]}'])
    expect(median(known) / median(unknown)).toBeGreaterThan(1 / 3)
    expect(median(known) / median(unknown)).toBeLessThan(3)
  }, 120_000)

  it('failures from one address throttle that address for that account only: the owner still signs in, never locked', async () => {
    const victim = await createUser(payload, { roles: ['admin'] })
    const attacker = newAddress()
    for (let i = 0; i < 5; i++) expect((await login(victim.email, `guess-${i}`, from(attacker))).status).toBe(401)
    const throttled = await login(victim.email, PASSWORD, from(attacker))
    expect(throttled.status).toBe(429)
    // Retry-After in seconds, within the 15 minutes the message gives in minutes.
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60)
    expect(errorMessage(throttled)).toMatch(
      /^Too many failed sign-ins for this email from your network\. Try again in \d+ minutes, or reset your password\.$/,
    )
    // The same answer for an email no account has: the throttle says nothing about who exists.
    for (let i = 0; i < 5; i++) await login('ghost@example.org', `guess-${i}`, from(attacker))
    expect(errorMessage(await login('ghost@example.org', 'x', from(attacker)))).toBe(errorMessage(throttled))

    const owner = await login(victim.email, PASSWORD, from(newAddress()))
    expect(owner.status, owner.text).toBe(200) // Payload's lock-out would have locked the account for 10 minutes
    const record = await payload.findByID({ collection: 'users', id: victim.id, overrideAccess: true, showHiddenFields: true })
    expect((record as { lockUntil?: string | null }).lockUntil ?? null).toBeNull()
  }, 120_000)

  it('an attack on one account from many addresses slows its sign-in down but never refuses the owner', async () => {
    const victim = await createUser(payload, { roles: ['editor'] })
    for (let i = 0; i < 20; i++) expect((await login(victim.email, `guess-${i}`, from(newAddress()))).status).toBe(401)
    const [owner, ms] = await timed(() => login(victim.email, PASSWORD, from(newAddress())))
    expect(owner.status).toBe(200)
    expect(ms).toBeGreaterThanOrEqual(1_000)
  }, 120_000)

  it('one address trying many accounts is throttled (429) after 50 failures', async () => {
    const sprayer = newAddress()
    const user = await createUser(payload, { roles: ['editor'] })
    for (let i = 0; i < 50; i++) await login(`spray-${i}@example.org`, 'Password1', from(sprayer))
    const refused = await login(user.email, PASSWORD, from(sprayer))
    expect(refused.status).toBe(429)
    expect(errorMessage(refused)).toMatch(/^Too many failed sign-ins from your network\. Try again in \d+ minutes\.$/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await login(user.email, PASSWORD, from(newAddress()))).status).toBe(200)
  }, 180_000)
})

describe('ending access', () => {
  it('a deactivated account is signed out everywhere and cannot sign in or get a reset link; reactivated, it can', async () => {
    const admin = await createUser(payload, { roles: ['admin'] })
    const adminCookie = sessionCookie((await login(admin.email, PASSWORD, from(newAddress()))).headers.get('set-cookie'))
    const editor = await createUser(payload, { roles: ['editor'] })
    const editorCookie = sessionCookie((await login(editor.email, PASSWORD, from(newAddress()))).headers.get('set-cookie'))
    expect((await me(editorCookie))?.id).toBe(editor.id)

    const own = await rest.patch(`/users/${admin.id}`, { cookie: adminCookie, json: { active: false } })
    expect(own.status).toBe(403)
    expect(errorMessage(own)).toBe('Nobody can deactivate their own account; ask another admin.')
    const deactivated = await rest.patch(`/users/${editor.id}`, { cookie: adminCookie, json: { active: false } })
    expect(deactivated.status, deactivated.text).toBe(200)

    expect(await me(editorCookie)).toBeNull()
    const typeId = (await createCancerType(payload)).id
    expect(
      (await rest.post('/questions', { cookie: editorCookie, json: { text: 'Is surgery an option here?', cancerType: typeId } })).status,
    ).toBe(403)
    const refused = await login(editor.email, PASSWORD, from(newAddress()))
    expect(refused.status).toBe(403)
    expect(errorMessage(refused)).toBe('This account is deactivated. Ask an admin to reactivate it.')
    expect(refused.headers.get('set-cookie') ?? '').not.toContain('payload-token=')
    expect((await rest.post('/users/forgot-password', { json: { email: editor.email }, headers: from(newAddress()) })).status).toBe(200)
    await runEmailJobs()
    const record = await payload.findByID({ collection: 'users', id: editor.id, overrideAccess: true, showHiddenFields: true })
    expect((record as { resetPasswordToken?: string | null }).resetPasswordToken ?? null).toBeNull()

    expect((await rest.patch(`/users/${editor.id}`, { cookie: adminCookie, json: { active: true } })).status).toBe(200)
    expect((await login(editor.email, PASSWORD, from(newAddress()))).status).toBe(200)
  })

  it('a reset link already sent dies when an admin sets a new password or email, or deactivates the account', async () => {
    const admin = await createUser(payload, { roles: ['admin'] })
    const adminCookie = sessionCookie((await login(admin.email, PASSWORD, from(newAddress()))).headers.get('set-cookie'))
    for (const change of [{ password: 'an admin chose this one' }, { email: `moved-${Date.now()}@example.org` }, { active: false }]) {
      const user = await createUser(payload, { roles: ['editor'] })
      const token = await payload.forgotPassword({ collection: 'users', data: { email: user.email }, disableEmail: true })
      expect((await rest.patch(`/users/${user.id}`, { cookie: adminCookie, json: change })).status).toBe(200)
      const reset = await rest.post('/users/reset-password', {
        json: { token, password: 'the attacker picks this' },
        headers: from(newAddress()),
      })
      expect(reset.status, `${JSON.stringify(change)}: ${reset.text}`).toBe(403)
      expect(reset.headers.get('set-cookie') ?? '').not.toContain('payload-token=')
    }
  })

  it('sign-in failures from one IPv6 /64 count as one address', async () => {
    const victim = await createUser(payload, { roles: ['editor'] })
    for (let i = 1; i <= 5; i++) expect((await login(victim.email, `guess-${i}`, from(`2001:db8:77:1::${i}`))).status).toBe(401)
    expect((await login(victim.email, PASSWORD, from('2001:db8:77:1::99'))).status).toBe(429)
    expect((await login(victim.email, PASSWORD, from('2001:db8:77:2::1'))).status).toBe(200)
  })

  it('names patients read are set by an admin; a password of spaces only is refused', async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr Real Name' })
    const cookie = sessionCookie((await login(reviewer.email, PASSWORD, from(newAddress()))).headers.get('set-cookie'))
    const renamed = await rest.patch(`/users/${reviewer.id}`, { cookie, json: { name: 'Prof. Someone Else, Chief of Oncology' } })
    expect(renamed.status).toBe(403)
    expect(errorMessage(renamed)).toBe('Only an admin can change name.')
    expect((await payload.findByID({ collection: 'users', id: reviewer.id, depth: 0 })).name).toBe('Dr Real Name')
    const spaces = await rest.patch(`/users/${reviewer.id}`, { cookie, json: { password: ' '.repeat(16) } })
    expect(spaces.status).toBe(400)
    expect(spaces.text).toContain('The password cannot be only spaces')
  })
})

describe('edit locks (payload-locked-documents)', () => {
  it('a reviewer neither sees nor takes locks on answers (they update none); an editor does; a reviewer may lock their own account', async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
    const editor = await createUser(payload, { roles: ['editor'] })
    const assigned = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    const other = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [] })
    const reviewerCookie = await rest.login(reviewer.email, PASSWORD)
    const editorCookie = await rest.login(editor.email, PASSWORD)

    const editorLock = await rest.post('/payload-locked-documents', {
      cookie: editorCookie,
      json: { document: { relationTo: 'answers', value: other.id }, user: { relationTo: 'users', value: editor.id } },
    })
    expect(editorLock.status, editorLock.text).toBe(201)
    for (const answer of [assigned, other]) {
      const planted = await rest.post('/payload-locked-documents', {
        cookie: reviewerCookie,
        json: { document: { relationTo: 'answers', value: answer.id }, user: { relationTo: 'users', value: reviewer.id } },
      })
      expect(planted.status, planted.text).toBe(403)
    }
    expect((await rest.get('/payload-locked-documents', { cookie: reviewerCookie })).body.totalDocs).toBe(0)
    expect((await rest.get(`/payload-locked-documents/${editorLock.body.doc.id}`, { cookie: reviewerCookie })).status).toBe(404)
    expect(
      (await rest.get('/payload-locked-documents', { cookie: editorCookie })).body.docs.map((lock: { id: unknown }) => lock.id),
    ).toContain(editorLock.body.doc.id)

    const own = await rest.post('/payload-locked-documents', {
      cookie: reviewerCookie,
      json: { document: { relationTo: 'users', value: reviewer.id }, user: { relationTo: 'users', value: reviewer.id } },
    })
    expect(own.status, own.text).toBe(201)
    expect((await rest.get('/payload-locked-documents', { cookie: reviewerCookie })).body.totalDocs).toBe(1)
    const someoneElse = await rest.post('/payload-locked-documents', {
      cookie: reviewerCookie,
      json: { document: { relationTo: 'users', value: editor.id }, user: { relationTo: 'users', value: reviewer.id } },
    })
    expect(someoneElse.status).toBe(403)
  }, 120_000)

  /** A reviewer, an editor and an admin, signed in, and an answer in review assigned to the reviewer. */
  async function lockWorld() {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
    const editor = await createUser(payload, { roles: ['editor'] })
    const admin = await createUser(payload, { roles: ['admin'] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    const [reviewerCookie, editorCookie, adminCookie] = await Promise.all(
      [reviewer, editor, admin].map((person) => rest.login(person.email, PASSWORD)),
    )
    return {
      type,
      source,
      reviewer,
      editor,
      admin,
      answer,
      reviewerCookie: reviewerCookie!,
      editorCookie: editorCookie!,
      adminCookie: adminCookie!,
    }
  }

  it('a lock names only the person taking it: nobody, admin included, plants or moves one in someone else’s name', async () => {
    const { reviewer, editor, admin, answer, editorCookie, adminCookie } = await lockWorld()
    const document = { relationTo: 'answers', value: answer.id }

    for (const [cookie, victim] of [
      [editorCookie, reviewer],
      [editorCookie, admin],
      [adminCookie, editor],
    ] as const) {
      const planted = await rest.post('/payload-locked-documents', {
        cookie,
        json: { document, user: { relationTo: 'users', value: victim.id } },
      })
      expect(planted.status, planted.text).toBe(403)
    }
    const own = await rest.post('/payload-locked-documents', {
      cookie: editorCookie,
      json: { document, user: { relationTo: 'users', value: editor.id } },
    })
    expect(own.status, own.text).toBe(201)
    const moved = await rest.patch(`/payload-locked-documents/${own.body.doc.id}`, {
      cookie: editorCookie,
      json: { user: { relationTo: 'users', value: reviewer.id } },
    })
    expect(moved.status, moved.text).toBe(403)
    const lock = await payload.findByID({ collection: 'payload-locked-documents', id: own.body.doc.id, depth: 0 })
    expect(lock.user).toEqual({ relationTo: 'users', value: editor.id })
  }, 120_000)

  it('a lock moves only to a document its holder may update: a reviewer cannot move theirs onto an answer, nor an editor theirs onto an admin', async () => {
    const { type, source, reviewer, editor, admin, answer, reviewerCookie, editorCookie } = await lockWorld()
    const lockAs = async (cookie: string, user: { id: unknown }, document: { relationTo: string; value: unknown }) => {
      const taken = await rest.post('/payload-locked-documents', {
        cookie,
        json: { document, user: { relationTo: 'users', value: user.id } },
      })
      expect(taken.status, taken.text).toBe(201)
      return taken.body.doc.id
    }
    const reviewerLock = await lockAs(reviewerCookie, reviewer, { relationTo: 'users', value: reviewer.id })
    for (const document of [
      { relationTo: 'answers', value: answer.id },
      { relationTo: 'users', value: editor.id },
      { relationTo: 'answers' },
    ]) {
      const moved = await rest.patch(`/payload-locked-documents/${reviewerLock}`, { cookie: reviewerCookie, json: { document } })
      expect(moved.status, JSON.stringify(document)).toBe(403)
    }
    const editorLock = await lockAs(editorCookie, editor, { relationTo: 'answers', value: answer.id })
    const ontoAdmin = await rest.patch(`/payload-locked-documents/${editorLock}`, {
      cookie: editorCookie,
      json: { document: { relationTo: 'users', value: admin.id } },
    })
    expect(ontoAdmin.status).toBe(403)
    // Nothing moved: the editor still edits the answer, and the admin's account is not locked.
    const locks = await payload.find({ collection: 'payload-locked-documents', depth: 0, pagination: false })
    expect(locks.docs.find((lock) => lock.id === reviewerLock)?.document).toEqual({ relationTo: 'users', value: reviewer.id })
    expect(locks.docs.find((lock) => lock.id === editorLock)?.document).toEqual({ relationTo: 'answers', value: answer.id })
    // Moving a lock to a document its holder may update still works (the editor to another answer it edits).
    const other = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [] })
    const toOther = await rest.patch(`/payload-locked-documents/${editorLock}`, {
      cookie: editorCookie,
      json: { document: { relationTo: 'answers', value: other.id } },
    })
    expect(toOther.status, toOther.text).toBe(200)
  }, 120_000)
})
