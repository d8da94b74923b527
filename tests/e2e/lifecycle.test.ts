/**
 * Issue 14, live answers over time, against the production server (`npm start`) over HTTP: the public
 * record (last reviewed, next review due, notice) in the read API and on the page; an admin's policy
 * settings and the lifecycle sweep over REST; an overdue review's public notice.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchBrowser, signIn } from '../helpers/browser'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'
import type { Json } from '../helpers/json'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-lifecycle-'))
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
let server: ServerHandle | undefined
let base = ''
let admin = '',
  editor = ''

type Reply = { status: number; body: Json }
async function api(method: string, url: string, cookie: string, json?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { cookie, origin: base }
  if (json !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}/api${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}
const message = (reply: Reply) => reply.body?.errors?.[0]?.data?.errors?.[0]?.message ?? reply.body?.errors?.[0]?.message
const publicAnswer = async () => (await fetch(`${base}/api/public/v1/answers/${SLUG}`)).json()

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir)
  ;[admin, editor] = await Promise.all(['admin@example.org', 'editor@example.org'].map((email) => sessionCookie(base, email)))
}, 10 * 60_000)

afterAll(async () => {
  if (server) await stopProduct(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('live answers on the production server', () => {
  it('the read API and the page show last reviewed and next review due, and no notice', async () => {
    const answer = await publicAnswer()
    expect(answer.notice).toBeNull()
    expect(new Date(answer.nextReviewDue).getTime()).toBeGreaterThan(new Date(answer.lastReviewedAt).getTime())
    const page = await (await fetch(`${base}/answers/${SLUG}`)).text()
    expect(page).toMatch(/next review\s*(<!-- -->)?\s*due/)
    expect(page).not.toContain('data-notice')
  })

  it('an admin sets the overdue policy and runs the sweep; an overdue review shows "Review overdue" publicly', async () => {
    const pancreatic = (await api('GET', '/cancer-types?where[slug][equals]=pancreatic&depth=0', editor)).body.docs[0]
    const bad = await api('PATCH', `/cancer-types/${pancreatic.id}`, admin, { overdueGraceDays: -1 })
    expect(bad.status).toBe(400)
    expect(message(bad)).toBe('-1 is less than the min allowed Value of 0.')
    const set = await api('PATCH', `/cancer-types/${pancreatic.id}`, admin, { overduePolicy: 'notice', overdueGraceDays: 0 })
    expect(set.status, JSON.stringify(set.body)).toBe(200)
    expect(set.body.doc).toMatchObject({ overduePolicy: 'notice', overdueGraceDays: 0 })

    expect((await api('POST', '/answers/lifecycle/run', editor)).status).toBe(403)
    const anonymous = await api('POST', '/answers/lifecycle/run', '')
    expect(anonymous.status).toBe(401)
    expect(message(anonymous)).toBe('Sign in as an admin to run the lifecycle sweep.')

    // A year goes by: the live answer's review date is moved into the past in the database (the
    // server reads the wall clock; its sweep then finds the review overdue).
    const due = new Date(Date.now() - 3 * 86_400_000).toISOString()
    const db = createClient({ url: `file:${path.join(dataDir, 'cms.db')}` })
    try {
      const { rowsAffected } = await db.execute({
        sql: "UPDATE answers SET next_review_due = ? WHERE slug = ? AND _status = 'published'",
        args: [due, SLUG],
      })
      expect(rowsAffected).toBe(1)
    } finally {
      db.close()
    }

    // Two runs at once (a double click, or the hourly timer at that moment): the answer is acted on
    // once. Over HTTP the two runs' steps need not overlap (this passed on the code before the
    // re-check too); tests/int/lifecycle-concurrency.test.ts sets each step's race up and fails without it.
    const runs = await Promise.all([1, 2].map(() => api('POST', '/answers/lifecycle/run', admin)))
    for (const run of runs) expect(run.status, JSON.stringify(run.body)).toBe(200)
    const total = (key: string) => runs.reduce((sum, run) => sum + (run.body[key] as number), 0)
    expect([total('periodicReviewsStarted'), total('overdueNoticed'), total('overdueWithdrawn')]).toEqual([1, 1, 0])
    const mails = await api('GET', `/notifications?where[template][equals]=live_notice&depth=0&limit=10`, admin)
    expect(mails.status).toBe(200)
    expect(mails.body.docs.map((mail: { to: string }) => mail.to)).toEqual(['editor@example.org'])

    const answer = await publicAnswer()
    expect(answer.notice).toEqual({
      kind: 'review_overdue',
      since: due,
      message: expect.stringMatching(
        /^Review overdue: this answer was due for its clinical review on \d{1,2} \w{3} \d{4}\. It is being reviewed again\.$/,
      ),
    })
    const page = await (await fetch(`${base}/answers/${SLUG}`)).text()
    expect(page).toContain('data-notice="review_overdue"')
    expect(page).toContain(answer.notice.message)

    // Routed for its periodic review, while the live version stays online.
    const id = (await api('GET', `/answers?where[slug][equals]=${SLUG}&depth=0`, editor)).body.docs[0].id
    const routed = (await api('GET', `/answers/${id}?draft=true&depth=0`, editor)).body
    expect(routed.workflowStage).toBe('in_review')
    // Routed after its date: the reviewer gets a week, never a review assigned already overdue.
    expect(Date.parse(routed.reviewDueAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000)
    expect((await api('POST', '/answers/lifecycle/run', admin)).body).toMatchObject({ periodicReviewsStarted: 0, overdueNoticed: 0 })
  })

  it('in the admin, an admin sets a cancer type’s policy; an editor sees it read-only', async () => {
    const pancreatic = (await api('GET', '/cancer-types?where[slug][equals]=pancreatic&depth=0', editor)).body.docs[0]
    const browser = await launchBrowser()
    try {
      const adminPage = await signIn(browser, base, 'admin@example.org')
      await adminPage.goto(`${base}/admin/collections/cancer-types/${pancreatic.id}`)
      const days = adminPage.locator('#field-evidenceNoticeDays')
      await days.waitFor({ timeout: 60_000 })
      await days.fill('21')
      await adminPage.getByRole('button', { name: 'Save', exact: true }).click()
      await expect
        .poll(async () => (await api('GET', `/cancer-types/${pancreatic.id}`, editor)).body.evidenceNoticeDays, { timeout: 30_000 })
        .toBe(21)

      const editorPage = await signIn(browser, base, 'editor@example.org')
      await editorPage.goto(`${base}/admin/collections/cancer-types/${pancreatic.id}`)
      const readOnly = editorPage.locator('#field-evidenceNoticeDays')
      await readOnly.waitFor({ timeout: 60_000 })
      expect(await readOnly.isDisabled()).toBe(true)
    } finally {
      await browser.close()
    }
  })
})
