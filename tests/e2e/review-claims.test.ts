/**
 * Issue 13, review aid, against the production server (`npm start`) with the offline drafter: the
 * reviewer opens the review screen, sees each claim beside the text of the passage it cites, marks
 * one verified, and the mark survives a reload; the verify endpoint's statuses and messages over HTTP.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ARTIFACTS, launchBrowser, signIn } from '../helpers/browser'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-claims-'))
let server: ServerHandle | undefined
let browser: Browser
let base = ''

beforeAll(async () => {
  // The offline extractive drafter: no model, no fake API needed.
  delete process.env.ANTHROPIC_API_KEY
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir, { DRAFT_RETRY_DELAY_MS: '0' })
  browser = await launchBrowser()
}, 10 * 60_000)

afterAll(async () => {
  await browser?.close()
  if (server) await stopProduct(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** A pancreatic question drafted offline and submitted: in review with Dr Okafor (the only pancreatic reviewer). */
async function answerInReview(question: string): Promise<string | number> {
  const headers = { cookie: await sessionCookie(base, 'editor@example.org'), origin: base, 'content-type': 'application/json' }
  const types = await (await fetch(`${base}/api/cancer-types?where[slug][equals]=pancreatic`, { headers })).json()
  const created = await fetch(`${base}/api/questions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ text: question, cancerType: types.docs[0].id }),
  })
  expect(created.status).toBe(201)
  const questionId = (await created.json()).doc.id
  const bulk = (action: string) =>
    fetch(`${base}/api/questions/bulk`, { method: 'POST', headers, body: JSON.stringify({ action, ids: [questionId] }) })
  expect((await bulk('draft')).status).toBe(200)
  for (let attempt = 0; attempt < 120; attempt++) {
    const found = await (await fetch(`${base}/api/questions/${questionId}?depth=0`, { headers })).json()
    if (found.status === 'drafted') break
    if (attempt === 119) throw new Error(`never drafted (${found.status}):\n${server?.output().slice(-2000)}`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  const submitted = await (await bulk('submit')).json()
  expect(submitted.done, JSON.stringify(submitted)).toHaveLength(1)
  return submitted.done[0].answerId
}

describe('the review screen: claims beside their passages', () => {
  it('the reviewer sees a claim beside its passage text, marks it verified, and a reload keeps the mark', async () => {
    const answerId = await answerInReview('Is surgery an option when pancreatic cancer has spread to the liver?')
    const reviewer = await signIn(browser, base, 'okafor@example.org')
    await reviewer.goto(`${base}/admin/review/${answerId}`)
    const heading = reviewer.getByRole('heading', { name: /^Claims beside their passages \(0 of \d+ verified\)$/ })
    await heading.waitFor({ timeout: 120_000 })
    const total = Number((await heading.textContent())!.match(/of (\d+)/)![1])
    expect(total).toBeGreaterThan(0)
    await reviewer.getByTestId('claims-verified').getByText(`0 of ${total} claims verified`).waitFor()

    // A claim that cites a passage shows the passage's own words beside it.
    const cited = reviewer
      .locator('li.claim')
      .filter({ has: reviewer.locator('.claim-passages blockquote') })
      .first()
    await cited.waitFor()
    const claimId = await cited.getAttribute('data-claim-id')
    expect(claimId).toMatch(/^[0-9a-f]{16}$/)
    await expect(cited.locator('.claim-text > p').first().textContent()).resolves.toMatch(/\w{3,}/)
    await expect(cited.locator('figcaption').first().textContent()).resolves.toMatch(/Passage \S+/)
    const passage = (await cited.locator('.claim-passages blockquote').first().textContent()) ?? ''
    expect(passage.length).toBeGreaterThan(20)
    expect(passage).not.toBe('This passage no longer exists in the source.')
    await reviewer.screenshot({ path: path.join(ARTIFACTS, 'admin-review-claims.png'), fullPage: true })

    await cited.getByRole('button', { name: /^Mark claim \d+ verified$/ }).click()
    await reviewer.getByText(/^Claim \d+ marked verified\.$/).waitFor({ timeout: 60_000 })
    await reviewer.getByTestId('claims-verified').getByText(`1 of ${total} claims verified`).waitFor({ timeout: 60_000 })

    await reviewer.reload()
    const same = reviewer.locator(`li.claim[data-claim-id="${claimId}"]`)
    await same.getByRole('button', { name: /^Undo: claim \d+ verified$/ }).waitFor({ timeout: 120_000 })
    await expect(same.textContent()).resolves.toContain('verified by you')
    await reviewer.getByRole('heading', { name: `Claims beside their passages (1 of ${total} verified)` }).waitFor()

    // Undo: unverified again, after a reload too.
    await same.getByRole('button', { name: /^Undo: claim \d+ verified$/ }).click()
    await reviewer.getByText(/^Claim \d+ is unverified again\.$/).waitFor({ timeout: 60_000 })
    await reviewer.reload()
    await reviewer.getByRole('heading', { name: `Claims beside their passages (0 of ${total} verified)` }).waitFor({ timeout: 120_000 })
  })

  it('POST /api/answers/:id/claims/:claimId/verify over HTTP: 200, 400, 401, 403, 404 with their messages', async () => {
    const answerId = await answerInReview('Can chemotherapy help when pancreatic cancer has spread to the liver?')
    const reviewer = await signIn(browser, base, 'okafor@example.org')
    await reviewer.goto(`${base}/admin/review/${answerId}`)
    const first = reviewer.locator('li.claim').first()
    await first.waitFor({ timeout: 120_000 })
    const claimId = (await first.getAttribute('data-claim-id'))!

    const post = async (email: string | null, id: string, body: unknown, answer: string | number = answerId) => {
      const headers: Record<string, string> = { origin: base, 'content-type': 'application/json' }
      if (email) headers.cookie = await sessionCookie(base, email)
      const response = await fetch(`${base}/api/answers/${answer}/claims/${id}/verify`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      })
      return { status: response.status, body: await response.json() }
    }
    const message = (result: { body: { errors?: { message: string }[] } }) => result.body.errors?.[0]?.message

    const ok = await post('okafor@example.org', claimId, { verified: true })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ claimId, verified: true })
    expect((await post('okafor@example.org', claimId, { verified: false })).body).toEqual({ claimId, verified: false, verifiedAt: null })

    const signedOut = await post(null, claimId, { verified: true })
    expect([signedOut.status, message(signedOut)]).toEqual([401, 'Sign in as a reviewer to mark claims verified.'])
    for (const email of ['editor@example.org', 'admin@example.org']) {
      const refused = await post(email, claimId, { verified: true })
      expect([refused.status, message(refused)]).toEqual([403, 'Only the reviewers assigned to an answer mark its claims verified.'])
    }
    const unassigned = await post('reyes@example.org', claimId, { verified: true })
    expect([unassigned.status, message(unassigned)]).toEqual([
      403,
      'You are not assigned to review this answer, so you cannot mark its claims.',
    ])
    const unknownClaim = await post('okafor@example.org', '0123456789abcdef', { verified: true })
    expect([unknownClaim.status, message(unknownClaim)]).toEqual([
      404,
      'This answer has no claim 0123456789abcdef: its text or citations may have changed since you opened it. Reload the review screen.',
    ])
    const unknownAnswer = await post('okafor@example.org', claimId, { verified: true }, 987654)
    expect([unknownAnswer.status, message(unknownAnswer)]).toEqual([404, 'Answer 987654 does not exist.'])
    const bad = await post('okafor@example.org', claimId, { verified: 'yes' })
    expect([bad.status, message(bad)]).toEqual([
      400,
      'Expected { "verified": true } or { "verified": false }: verified must be true or false, not text.',
    ])
  })
})
