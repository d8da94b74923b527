/**
 * Issue 10 item 1 against the production server, in Debian's Chromium: an editor's or a model's
 * markup never runs in a reviewer's or a patient's browser, and nothing approves on its own.
 * Each layer is tested on its own:
 *   - save: the rich-text allow-list refuses the payloads of the issue (400 naming the node);
 *   - render: markup in a question and in a model's output reaches the pages as text;
 *   - CSP: a page that carries an injected inline script (added to the real response in flight)
 *     does not run it, while the admin's own scripts still work (log in, review, approve).
 * The sanitizer on its own: tests/unit/richTextPolicy.test.ts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ARTIFACTS, launchBrowser, signIn } from '../helpers/browser'
import { validDraft } from '../helpers/draftReplies'
import { FakeAnthropic } from '../helpers/fakeAnthropic'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'
import { paragraph, root, text } from '../helpers/lexical'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-security-'))
const fake = new FakeAnthropic()
let server: ServerHandle | undefined
let browser: Browser
let base = ''
let editor = ''
let admin = ''

/** What every payload below would do if it ran: set a global marker, and try to approve. */
const MARK = 'window.__xssRan=1'
const HOSTILE_TEXT = `<script>${MARK}</script> <img src=x onerror="${MARK}"> <svg onload="${MARK}"></svg>`

beforeAll(async () => {
  await fake.start()
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir, {
    ANTHROPIC_API_KEY: 'sk-e2e-fake',
    ANTHROPIC_BASE_URL: fake.baseURL,
    DRAFT_RETRY_DELAY_MS: '0',
  })
  browser = await launchBrowser()
  editor = await sessionCookie(base, 'editor@example.org')
  admin = await sessionCookie(base, 'admin@example.org')
}, 10 * 60_000)

afterAll(async () => {
  await browser?.close()
  if (server) await stopProduct(server)
  await fake.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const json = (cookie: string) => ({ cookie, origin: base, 'content-type': 'application/json' })
const api = async (method: string, url: string, cookie: string, body?: unknown) => {
  const response = await fetch(`${base}/api${url}`, {
    method,
    headers: json(cookie),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, text, body: text ? JSON.parse(text) : undefined }
}
const approvalsOf = async (answerId: number | string) =>
  (await api('GET', `/approvals?where[answer][equals]=${answerId}&depth=0`, admin)).body.totalDocs as number

/** Watches a page for the marker and for dialogs (alert/confirm/prompt) a payload could open. */
function watch(page: Page) {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  return {
    dialogs,
    ran: () => page.evaluate(() => (window as unknown as { __xssRan?: number }).__xssRan ?? null),
  }
}

/** A question through the real pipeline (fake model, drafting job, submission): returns its answer id. */
async function answerInReview(questionText: string, sectionMarkdown: string, title: string): Promise<number | string> {
  fake.respond = (request) => {
    const [first, ...rest] = validDraft(request).sections
    return fake.toolUse(
      request,
      'submit_draft',
      validDraft(request, { title, sections: [{ ...first!, markdown: sectionMarkdown }, ...rest] }),
    )
  }
  const types = (await api('GET', '/cancer-types?where[slug][equals]=pancreatic', editor)).body
  const created = await api('POST', '/questions', editor, { text: questionText, cancerType: types.docs[0].id })
  expect(created.status, created.text).toBe(201)
  const questionId = created.body.doc.id
  expect((await api('POST', '/questions/bulk', editor, { action: 'draft', ids: [questionId] })).status).toBe(200)
  for (let attempt = 0; attempt < 120; attempt++) {
    const question = (await api('GET', `/questions/${questionId}?depth=0`, editor)).body
    if (question.status === 'drafted') break
    if (question.status === 'draft_failed') throw new Error(`Drafting failed: ${question.draftFailureReason}`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  const submitted = await api('POST', '/questions/bulk', editor, { action: 'submit', ids: [questionId] })
  expect(submitted.body.done, submitted.text).toHaveLength(1)
  return submitted.body.done[0].answerId
}

describe('an editor account or a model cannot run script in a reviewer’s or a patient’s browser', () => {
  it('the rich-text payloads of the issue are refused at save time, drafts included (400 naming the node)', async () => {
    const { docs } = (
      await api('GET', '/answers?where[slug][equals]=is-surgery-an-option-for-metastatic-pancreatic-cancer&depth=0', editor)
    ).body
    const id = docs[0].id
    const cases: [string, unknown, string][] = [
      [
        'headerState',
        root({
          type: 'table',
          version: 1,
          children: [
            {
              type: 'tablerow',
              version: 1,
              children: [
                {
                  type: 'tablecell',
                  version: 1,
                  headerState: `0"><img src=x onerror="${MARK}"><b class="`,
                  children: [paragraph(text('x'))],
                },
              ],
            },
          ],
        }),
        'body.root.children[0] (table): node type "table" is not offered by the editor',
      ],
      [
        'javascript: link',
        root(
          paragraph({
            type: 'link',
            version: 3,
            id: 'a',
            children: [text('more')],
            direction: 'ltr',
            format: '',
            indent: 0,
            fields: { url: `javascript:${MARK}`, newTab: false, linkType: 'custom' },
          }),
        ),
        'body.root.children[0].children[0] (link): link address',
      ],
      [
        'inline upload',
        root({
          type: 'upload',
          version: 3,
          relationTo: 'media',
          value: { url: `javascript:${MARK}`, mimeType: 'application/pdf', filename: 'a.pdf' },
          fields: null,
        }),
        'body.root.children[0] (upload): node type "upload" is not offered by the editor',
      ],
    ]
    for (const [label, body, message] of cases) {
      const response = await api('PATCH', `/answers/${id}?draft=true`, editor, { body })
      expect(response.status, `${label}: ${response.text}`).toBe(400)
      expect(response.body.errors[0].data.errors[0].message, label).toContain(message)
    }
    // Nothing was saved: the latest version is still the published one.
    const latest = (await api('GET', `/answers/${id}?draft=true&depth=0`, editor)).body
    expect(latest._status).toBe('published')
  })

  it('markup in a question and in a model’s output stays text on the review screen and the public page; nothing approves by itself; the admin works under its CSP', async () => {
    const title = 'Can a blocked bile duct be opened when pancreatic cancer presses on it?'
    const answerId = await answerInReview(
      `Can my bile duct be opened? ${HOSTILE_TEXT}`,
      `- Sometimes a stent helps. ${HOSTILE_TEXT} [1]`,
      title,
    )

    const reviewer = await signIn(browser, base, 'okafor@example.org')
    const watched = watch(reviewer)
    const response = await reviewer.goto(`${base}/admin/review/${answerId}`)
    const policy = response!.headers()['content-security-policy']!
    expect(policy).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{20,}' 'self'(;|$)/)
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    await reviewer.getByRole('heading', { name: `Review: ${title}` }).waitFor({ timeout: 120_000 })
    // The payloads are shown as the text they are.
    await reviewer.getByText(`Sometimes a stent helps. <script>`, { exact: false }).first().waitFor()
    await reviewer.waitForTimeout(2000)
    expect(await watched.ran()).toBeNull()
    expect(watched.dialogs).toEqual([])
    expect(await approvalsOf(answerId)).toBe(0)
    await reviewer.screenshot({ path: path.join(ARTIFACTS, 'security-review-screen.png'), fullPage: true })

    // The reviewer's own, deliberate approval still works with the policy in force (React hydrated).
    await reviewer.getByLabel(/I reviewed this content for clinical accuracy/).click()
    await reviewer.getByRole('button', { name: 'Approve' }).click()
    await reviewer.getByText('This answer is published.').waitFor({ timeout: 60_000 })
    expect(await approvalsOf(answerId)).toBe(1)

    const list = (await (await fetch(`${base}/api/public/v1/answers?q=bile`)).json()) as { docs: { title: string; slug: string }[] }
    const slug = list.docs.find((doc) => doc.title === title)!.slug
    const publicJson = await (await fetch(`${base}/api/public/v1/answers/${slug}`)).json()
    expect(publicJson.bodyHtml).not.toMatch(/<script|<img|<svg/)
    expect(publicJson.bodyHtml).toContain('&lt;script&gt;')

    const patient = await browser.newPage()
    const patientWatch = watch(patient)
    const page = await patient.goto(`${base}/answers/${slug}`)
    expect(page?.status()).toBe(200)
    expect(page!.headers()['content-security-policy']).toMatch(/script-src 'none'/)
    await patient.getByRole('heading', { level: 1, name: title }).waitFor()
    await patient.getByText('Sometimes a stent helps. <script>', { exact: false }).first().waitFor()
    await patient.getByText(/Medically reviewed by Dr Maya Okafor/).waitFor()
    await patient.waitForTimeout(1000)
    expect(await patientWatch.ran()).toBeNull()
    expect(patientWatch.dialogs).toEqual([])
    await patient.screenshot({ path: path.join(ARTIFACTS, 'security-public-page.png'), fullPage: true })
    await patient.close()
    await reviewer.context().close()
  })

  it('every page has its policy, 404 pages included; no third-party script runs in the admin (Monaco from a CDN)', async () => {
    for (const [url, kind] of [
      ['/', 'public'],
      ['/cancer-types/pancreatic', 'public'],
      ['/answers/no-such-answer', 'public'],
      ['/no-such-page', 'public'],
      ['/favicon.ico', 'public'],
      ['/robots.txt', 'public'],
      ['/api', 'public'],
      ['/_next/no-such-file', 'public'],
      ['/admin/login', 'admin'],
      ['/admin/no-such-view', 'admin'],
    ] as const) {
      const response = await fetch(`${base}${url}`)
      expect(response.headers.get('content-type'), url).toMatch(/text\/html/)
      const policy = response.headers.get('content-security-policy') ?? ''
      expect(policy, url).toMatch(kind === 'public' ? /script-src 'none'/ : /script-src 'nonce-[^']+' 'self'(;|$)/)
      expect(policy, url).not.toMatch(/unsafe-inline'[^;]*$|script-src[^;]*'unsafe-inline'/)
    }

    // Payload's JSON fields (an answer's provenance has one) load the Monaco editor from a CDN. Served
    // here in place of the CDN, that script must not run: the admin runs only this origin's code.
    const page = await signIn(browser, base, 'editor@example.org')
    // Reported by the browser for each script the policy refused (an init script runs whatever the policy).
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        ((window as unknown as { __refused?: string[] }).__refused ??= []).push(event.blockedURI),
      ),
    )
    await page.route('https://cdn.jsdelivr.net/**', (route) =>
      route.fulfill({ contentType: 'application/javascript', body: 'window.__thirdPartyRan = 1' }),
    )
    // An answer an editor wrote over REST (no drafting provenance yet): its form shows the empty JSON field.
    const pancreatic = (await api('GET', '/cancer-types?where[slug][equals]=pancreatic&depth=0', editor)).body.docs[0]
    const source = (
      await api('GET', `/guideline-sources?where[cancerTypes][in]=${pancreatic.id}&where[status][equals]=current&depth=0&limit=1`, editor)
    ).body.docs[0]
    const question = await api('POST', '/questions', editor, {
      text: 'Can I keep working during chemotherapy for pancreatic cancer?',
      cancerType: pancreatic.id,
    })
    const paragraph = {
      type: 'paragraph',
      format: '',
      indent: 0,
      version: 1,
      direction: 'ltr',
      textFormat: 0,
      textStyle: '',
      children: [{ type: 'text', text: 'Many people do.', format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
    }
    const answer = await api('POST', '/answers?draft=true', editor, {
      question: question.body.doc.id,
      cancerType: pancreatic.id,
      title: 'Can I keep working during chemotherapy?',
      summary: 'Many people do, with changes.',
      body: { root: { type: 'root', format: '', indent: 0, version: 1, direction: 'ltr', children: [paragraph] } },
      keyTakeaway: 'Ask your team.',
      citations: [{ source: source.id, passageId: source.passages[0].passageId, quote: '' }],
    })
    expect(answer.status, answer.text).toBe(201)
    await page.goto(`${base}/admin/collections/answers/${answer.body.doc.id}`)
    await page.locator('[data-lexical-editor="true"]').first().waitFor({ timeout: 120_000 })
    // The admin does try (on a loaded machine this can take a while): the policy, not chance, keeps it out.
    await page.waitForFunction(
      () => ((window as unknown as { __refused?: string[] }).__refused ?? []).some((url) => url.startsWith('https://cdn.jsdelivr.net/')),
      null,
      { timeout: 90_000 },
    )
    expect(await page.evaluate(() => (window as unknown as { __thirdPartyRan?: number }).__thirdPartyRan ?? null)).toBeNull()
    await page.context().close()
  })

  it('CSP on its own: an inline script injected into the served review screen and public page does not run, and approves nothing', async () => {
    const title = 'Does a feeding tube help when pancreatic cancer blocks the stomach outlet?'
    const answerId = await answerInReview(
      'Can a feeding tube help if the stomach is blocked?',
      '- A tube or a stent can help some people eat. [1]',
      title,
    )
    // What a converter bug could let through: inline script and handlers that post an approval.
    const approve = `fetch('/api/answers/${answerId}/decision',{method:'POST',credentials:'include',headers:{'content-type':'application/json'},body:JSON.stringify({decision:'approve',attestation:true})});${MARK}`
    const injected = `<script>${approve}</script><img src=x onerror="${approve}"><svg onload="${approve}"></svg>`
    const inject = (page: Page, pattern: string, { dropPolicy = false, script = injected } = {}) =>
      page.route(`${base}${pattern}`, async (route) => {
        const original = await route.fetch()
        // Parser-inserted at the top of <body>: what runs first in a page without a policy.
        const html = (await original.text()).replace(
          /<body([^>]*)>/,
          (_tag, attributes: string) => `<body${attributes} data-injected="1">${script}`,
        )
        const headers = { ...original.headers() }
        if (dropPolicy) delete headers['content-security-policy']
        await route.fulfill({ response: original, body: html, headers })
      })

    const reviewer = await signIn(browser, base, 'okafor@example.org')
    const watched = watch(reviewer)
    await inject(reviewer, `/admin/review/${answerId}`)
    await reviewer.goto(`${base}/admin/review/${answerId}`)
    await reviewer.getByRole('heading', { name: `Review: ${title}` }).waitFor({ timeout: 120_000 })
    expect(await reviewer.locator('body[data-injected="1"]').count()).toBe(1) // the injection reached the page
    await reviewer.waitForTimeout(3000)
    expect(await watched.ran()).toBeNull()
    expect(watched.dialogs).toEqual([])
    expect(await approvalsOf(answerId)).toBe(0)
    // The page's own (nonce-bearing) scripts run: the decision panel is interactive.
    await reviewer.getByLabel(/I reviewed this content for clinical accuracy/).click()
    await expect(reviewer.getByLabel(/I reviewed this content for clinical accuracy/).isChecked()).resolves.toBe(true)

    // Control: the same screen without its policy runs an injected script (a marker only, no
    // approval), so the checks above fail without the CSP.
    const control = await reviewer.context().newPage()
    await inject(control, `/admin/review/${answerId}`, { dropPolicy: true, script: `<script>${MARK}</script>` })
    await control.goto(`${base}/admin/review/${answerId}`)
    await control.getByRole('heading', { name: `Review: ${title}` }).waitFor({ timeout: 120_000 })
    expect(await watch(control).ran()).toBe(1)
    await reviewer.context().close()

    const patient = await browser.newPage()
    const patientWatch = watch(patient)
    await inject(patient, '/answers/is-surgery-an-option-for-metastatic-pancreatic-cancer')
    await patient.goto(`${base}/answers/is-surgery-an-option-for-metastatic-pancreatic-cancer`)
    await patient.getByRole('heading', { level: 1 }).waitFor()
    expect(await patient.locator('body[data-injected="1"]').count()).toBe(1)
    await patient.waitForTimeout(1000)
    expect(await patientWatch.ran()).toBeNull()
    expect(patientWatch.dialogs).toEqual([])
    // A document without scripts: the page reads in full, no client error replaced it.
    await patient.getByText(/Medically reviewed by/).waitFor()
    expect(await patient.getByText(/Application error/).count()).toBe(0)
    await patient.close()

    // Control: the same page without its policy runs the injected script, so the checks above
    // would fail without the CSP (a marker only here: no approval is attempted).
    const publicControl = await browser.newPage()
    await inject(publicControl, '/answers/is-surgery-an-option-for-metastatic-pancreatic-cancer', {
      dropPolicy: true,
      script: `<script>${MARK}</script>`,
    })
    await publicControl.goto(`${base}/answers/is-surgery-an-option-for-metastatic-pancreatic-cancer`)
    await publicControl.getByRole('heading', { level: 1 }).waitFor()
    expect(await watch(publicControl).ran()).toBe(1)
    await publicControl.close()

    // Rough cost of the alternative (a nonce makes every page view a server render): the cached
    // answer page against the home page, which is rendered per request (README "Security").
    const median = async (url: string) => {
      const times: number[] = []
      for (let i = 0; i < 40; i++) {
        const started = performance.now()
        await (await fetch(url)).text()
        times.push(performance.now() - started)
      }
      return times.sort((a, b) => a - b)[20]!.toFixed(1)
    }
    console.log(
      `[csp] median of 40 sequential requests: cached answer page ${await median(`${base}/answers/is-surgery-an-option-for-metastatic-pancreatic-cancer`)} ms, ` +
        `dynamic home page ${await median(`${base}/?q=surgery`)} ms`,
    )
  })
})

describe('your own account in the admin', () => {
  it("changing your password asks for the current one, in the admin's own form; another person's page does not ask", async () => {
    const signInStatus = async (email: string, password: string) =>
      (
        await fetch(`${base}/api/users/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: base },
          body: JSON.stringify({ email, password }),
        })
      ).status
    const newPassword = 'a fresh passphrase for reyes'
    const page = await signIn(browser, base, 'reyes@example.org')
    try {
      await page.goto(`${base}/admin/account`)
      const current = page.locator('input[name="currentPassword"]')
      await current.waitFor({ timeout: 60_000 })
      expect(await current.getAttribute('type')).toBe('password')
      expect(await current.getAttribute('autocomplete')).toBe('current-password')
      await page.getByRole('button', { name: 'Change Password' }).click()
      await page.fill('input[name="password"]', newPassword)
      await page.fill('input[name="confirm-password"]', newPassword)
      const saved = (response: Response) =>
        /\/api\/users\/[^/?]+/.test(response.url()) && ['PATCH', 'POST'].includes(response.request().method())
      // The Save button is enabled once the form has registered the edits; a click before the form is
      // ready sends nothing, so the click is repeated until the save's response comes (at most 4 times).
      const save = async (): Promise<Response> => {
        const button = page.getByRole('button', { name: 'Save' })
        for (let attempt = 1; ; attempt++) {
          await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true)
          const response = page.waitForResponse(saved, { timeout: 15_000 })
          await button.click()
          try {
            return await response
          } catch (error) {
            if (attempt === 4) throw error
          }
        }
      }
      const refusal = await save()
      expect(refusal.status()).toBe(400)
      expect(JSON.stringify(await refusal.json())).toContain('Enter your current password to change your password.')
      // The form shows the field's error where the field is.
      await expect
        .poll(async () => (await page.content()).includes('Enter your current password to change your password.'), { timeout: 30_000 })
        .toBe(true)
      expect(await signInStatus('reyes@example.org', newPassword)).toBe(401)
      await current.fill('demo-password')
      expect((await save()).status()).toBe(200)
      await expect.poll(() => signInStatus('reyes@example.org', newPassword), { timeout: 60_000, interval: 1_000 }).toBe(200)
    } finally {
      await page.context().close()
    }

    const editorId = (await api('GET', '/users/me', editor)).body.user.id
    const adminPage = await signIn(browser, base, 'admin@example.org')
    try {
      await adminPage.goto(`${base}/admin/collections/users/${editorId}`)
      await adminPage.locator('input[name="name"]').waitFor({ timeout: 60_000 })
      expect(await adminPage.locator('input[name="currentPassword"]').count()).toBe(0)
    } finally {
      await adminPage.context().close()
    }
  })
})
