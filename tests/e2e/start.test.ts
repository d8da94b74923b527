/**
 * `npm start` on a fresh data directory, for real: build (or reuse), migrate, seed, serve. Then a
 * second start must reuse the build and the data. Talks to the server over HTTP on 127.0.0.1.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

import type { Page } from 'playwright-core'

import { ARTIFACTS, launchBrowser, signIn as signInAs } from '../helpers/browser'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-start-'))
let server: ServerHandle | undefined

afterAll(async () => {
  if (server) await stopProduct(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('npm start', () => {
  it(
    'serves the public page, the admin and the REST API on a fresh database, then restarts on the same data',
    async () => {
      const port = await freePort()
      server = await startProduct(port, dataDir)
      const base = `http://127.0.0.1:${port}`

      const home = await fetch(`${base}/`)
      expect(home.status).toBe(200)
      const html = await home.text()
      expect(html).toContain('Can surgery help when pancreatic cancer has spread?')
      expect(html).toMatch(/informational purposes only/i)

      const admin = await fetch(`${base}/admin/login`)
      expect(admin.status).toBe(200)
      expect(await admin.text()).toContain('<html')

      const answers = await (await fetch(`${base}/api/answers`)).json()
      expect(answers.docs.map((doc: { slug: string }) => doc.slug)).toEqual(['is-surgery-an-option-for-metastatic-pancreatic-cancer'])
      expect((await fetch(`${base}/api/users`)).status).toBe(403)

      const login = await fetch(`${base}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'editor@example.org', password: 'demo-password' }),
      })
      expect(login.status).toBe(200)
      expect(login.headers.get('set-cookie')).toMatch(/payload-token=/)
      expect(fs.existsSync(path.join(dataDir, 'cms.db'))).toBe(true)

      await checkAdminInBrowser(base)
      await checkPublicSiteInBrowser(base)
      await checkPagesRevalidateOnPublish(base)

      await stopProduct(server)
      server = await startProduct(port, dataDir)
      expect(server.output()).toContain('Build is up to date')
      // Logged by the server as Payload starts; its logger writes asynchronously, so it may land just after the first answer.
      await vi.waitFor(() => expect(server!.output()).toMatch(/Seed skipped: the database already has 6 user/), { timeout: 10_000 })
      const again = await (await fetch(`${base}/api/answers`)).json()
      expect(again.totalDocs).toBe(1)
    },
    20 * 60_000,
  )

  it(
    'a production server started directly on a brand-new database builds its schema from the migrations',
    async () => {
      expect(fs.existsSync('.next/BUILD_ID'), 'needs the build made by the npm start test above').toBe(true)
      const port = await freePort()
      const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-prod-'))
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: freshDir, NEXT_TELEMETRY_DISABLED: '1' }
      for (const key of ['DATABASE_URL', 'PAYLOAD_SECRET', 'NODE_ENV', 'TEST_DATABASE'] as const) delete env[key]
      const child = spawn(path.resolve('node_modules/.bin/next'), ['start', '-p', String(port)], { env, detached: true })
      try {
        let status = 0
        for (let attempt = 0; attempt < 240 && status !== 200; attempt++) {
          status = await fetch(`http://127.0.0.1:${port}/api/cancer-types`).then(
            (r) => r.status,
            () => 0,
          )
          if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500))
        }
        expect(status).toBe(200)
        const empty = await (await fetch(`http://127.0.0.1:${port}/api/cancer-types`)).json()
        expect(empty.totalDocs).toBe(0)
      } finally {
        await stopProduct({ child })
        fs.rmSync(freshDir, { recursive: true, force: true })
      }
    },
    5 * 60_000,
  )
})

/** The seeded data shows in the admin, as each role is allowed to see it. */
async function checkAdminInBrowser(base: string) {
  const browser = await launchBrowser()
  const offSite: string[] = []
  try {
    const signIn = (email: string) => signInAs(browser, base, email, { offSite })

    const editor = await signIn('editor@example.org')
    await editor.goto(`${base}/admin/collections/questions?limit=50`)
    await editor.getByText('Is surgery an option for metastatic pancreatic cancer?').waitFor({ timeout: 120_000 })
    await expect(editor.getByText(/of 37/).first().textContent()).resolves.toMatch(/of 37/)
    await editor.screenshot({ path: path.join(ARTIFACTS, 'admin-questions-editor.png') })
    // The in-process drafting jobs add answers meanwhile: the seeded one can be past the first page of 10.
    await editor.goto(`${base}/admin/collections/answers?limit=100`)
    await editor.getByRole('link', { name: 'Can surgery help when pancreatic cancer has spread?' }).click()
    // The header shows the workflow stage (issue 12), not Payload's own Draft/Published status.
    await editor.getByText('Stage:').first().waitFor({ timeout: 120_000 })
    await expect(editor.locator('body').textContent()).resolves.toMatch(/Stage:\s*Published/)
    // Nobody publishes by hand: the Publish button is replaced by an explanation.
    expect(await editor.getByRole('button', { name: /^Publish/ }).count()).toBe(0)
    await editor.getByText('Goes live when reviewers approve it').waitFor()
    await editor.screenshot({ path: path.join(ARTIFACTS, 'admin-answer-editor.png') })

    // Drafting from the admin: the in-process job runs the offline drafter (no API key here).
    const question = 'What does it mean if my CA 19-9 level goes up during chemotherapy?'
    await editor.goto(`${base}/admin/backlog`)
    await editor.getByRole('heading', { name: 'Question backlog' }).first().waitFor({ timeout: 120_000 })
    await expect(editor.locator('body').textContent()).resolves.toMatch(/extractive, not written by a model/)
    await editor.getByLabel(`Select: ${question}`).check()
    await editor.getByRole('button', { name: 'Send to drafting' }).click()
    await editor.getByText('Sent to drafting: 1 of 1.').waitFor({ timeout: 60_000 })
    const cookies = await editor.context().cookies()
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    let status = ''
    for (let attempt = 0; attempt < 60 && status !== 'drafted'; attempt++) {
      const found = await fetch(`${base}/api/questions?where[text][equals]=${encodeURIComponent(question)}&depth=0`, {
        headers: { cookie, origin: base },
      })
      status = (await found.json()).docs[0]?.status
      if (status !== 'drafted') await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    expect(status).toBe('drafted')

    // A reviewer whose specialties do not include pancreatic cancer is not assigned: sees no answers.
    const reviewer = await signIn('reyes@example.org')
    await reviewer.goto(`${base}/admin/collections/answers`)
    await reviewer.getByText(/No Answers found|No results/i).waitFor({ timeout: 120_000 })
    await reviewer.screenshot({ path: path.join(ARTIFACTS, 'admin-answers-unassigned-reviewer.png') })
    expect(offSite).toEqual([])
  } finally {
    await browser.close()
  }
}

/** The patient pages: the seeded answer with its reviewer and numbered references; drafts are unreachable; search. */
async function checkPublicSiteInBrowser(base: string) {
  const browser = await launchBrowser()
  try {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
    const slug = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
    const requested: { url: string; type: string }[] = []
    page.on('request', (request) => requested.push({ url: request.url(), type: request.resourceType() }))
    const response = await page.goto(`${base}/answers/${slug}`)
    expect(response?.status()).toBe(200)
    // The light page (issue 15): the document and its stylesheet, no JavaScript at all.
    await page.waitForLoadState('networkidle')
    expect(requested.filter(({ type, url }) => type === 'script' || /\.m?js(\?|$)/.test(url))).toEqual([])
    // Only the document (Chromium may ask for it twice) and its stylesheet, besides the browser's own favicon.
    const asked = new Set(requested.map(({ url }) => new URL(url).pathname).filter((pathname) => pathname !== '/favicon.ico'))
    expect([...asked], JSON.stringify(requested)).toEqual([`/answers/${slug}`, '/site.css'])
    // On a 390x844 phone the direct answer is on the first screen, without scrolling.
    const direct = page.locator('main p > strong').first()
    expect(await direct.textContent()).toMatch(/^For most people whose pancreatic cancer has spread to other organs, surgery/)
    const box = (await direct.boundingBox())!
    expect(box.y + box.height, 'the direct answer ends inside the first screen').toBeLessThanOrEqual(844)
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-answer-phone-first-screen.png') })
    // The same header and footer on the home page, and the same stylesheet.
    const frame = async (target: Page) =>
      target.evaluate(() => [
        document.querySelector('header.site-header')?.outerHTML,
        document.querySelector('footer.site-footer')?.outerHTML,
        [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.getAttribute('href')).join(' '),
        getComputedStyle(document.body).maxWidth,
      ])
    const home = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
    const homeRequests: { url: string; type: string }[] = []
    home.on('request', (request) => homeRequests.push({ url: request.url(), type: request.resourceType() }))
    expect((await home.goto(`${base}/`))?.status()).toBe(200)
    await home.waitForLoadState('networkidle')
    // The home page is no Next page either: no script, so nothing for its `script-src 'none'` to block.
    expect(homeRequests.filter(({ type, url }) => type === 'script' || /\.m?js(\?|$)/.test(url))).toEqual([])
    expect(await home.locator('script').count()).toBe(0)
    const answerFrame = await frame(page)
    expect(answerFrame[0]).toContain('Clinician-reviewed cancer answers')
    expect(answerFrame).toEqual(await frame(home))
    await home.context().close()
    await expect(page.title()).resolves.toContain('Can surgery help when pancreatic cancer has spread?')
    await page.getByRole('heading', { level: 1, name: 'Can surgery help when pancreatic cancer has spread?' }).waitFor()
    await page.getByText(/Medically reviewed by Dr Maya Okafor, MD, Medical Oncology on .* next review due/).waitFor()
    // Numbered references (issue 13): the direct answer's [1] leads to the first entry of the list.
    await page.getByRole('heading', { name: 'References' }).waitFor()
    expect(await page.locator('section[aria-labelledby="references"] li[id^="ref-"]').count()).toBeGreaterThan(0)
    await page.locator('sup.cite a[href="#ref-1"]').first().click()
    expect(new URL(page.url()).hash).toBe('#ref-1')
    await page.locator('li#ref-1:target').waitFor()
    await page
      .getByText(/not medical advice/)
      .first()
      .waitFor()
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)
    expect(jsonLd).toMatchObject({ '@type': 'MedicalWebPage', reviewedBy: [{ name: 'Dr Maya Okafor' }] })
    expect(await page.locator('script').count(), 'no script but the JSON-LD').toBe(1)
    // The disclaimer and how the answer was written are one tap away.
    await page.getByText('For information only, not medical advice. How this was written').click()
    await page
      .getByText(/from these guidelines: .* reviewed and approved by Dr Maya Okafor/)
      .first()
      .waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-answer-phone.png'), fullPage: true })

    // A draft answer (the seed's drafting jobs made some) is not reachable: a real 404 page.
    const login = await fetch(`${base}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'editor@example.org', password: 'demo-password' }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const drafts = await (
      await fetch(`${base}/api/answers?where[_status][equals]=draft&draft=true&limit=1&depth=0`, { headers: { cookie, origin: base } })
    ).json()
    expect(drafts.docs[0], 'the admin check drafted an answer').toBeDefined()
    const submitted = await fetch(`${base}/api/answers/${drafts.docs[0].id}/submit`, { method: 'POST', headers: { cookie, origin: base } })
    expect(submitted.status, await submitted.text()).toBe(200)
    const hidden = await page.goto(`${base}/answers/${drafts.docs[0].slug}`)
    expect(hidden?.status()).toBe(404)
    expect((await fetch(`${base}/api/public/v1/answers/${drafts.docs[0].slug}`)).status).toBe(404)
    const unknown = await page.goto(`${base}/answers/no-such-answer`)
    expect(unknown?.status()).toBe(404)
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    // The 404 page is in the HTML itself, not drawn by scripts (public pages forbid them). Asked
    // twice: a 404 is never stored, so the second is built again.
    for (const url of ['/answers/x', '/cancer-types/x', '/answers/x', '/cancer-types/x']) {
      const reply = await fetch(`${base}${url}`)
      const html = await reply.text()
      expect(reply.status, url).toBe(404)
      expect(reply.headers.get('content-security-policy'), url).toContain("script-src 'none'")
      expect(html, url).toMatch(/<h1[^>]*>Page not found<\/h1>/)
      expect(html, url).not.toContain('__next_error__')
    }

    // sitemap.xml lists the seed's published answer (absolute URL, last review), and no draft.
    const sitemap = await fetch(`${base}/sitemap.xml`)
    expect(sitemap.status).toBe(200)
    expect(sitemap.headers.get('content-type')).toContain('application/xml')
    const xml = await sitemap.text()
    expect(xml).toMatch(new RegExp(`<url><loc>https?://[^<]+/answers/${slug}</loc><lastmod>\\d{4}-\\d\\d-\\d\\dT[^<]+</lastmod></url>`))
    expect(xml).not.toContain(drafts.docs[0].slug)
    // Search that finds (issue 15), over HTTP: a stem, a word only in the body, a typo; % is literal.
    for (const [q, total] of [
      ['pancreas', 1],
      ['whipple', 1],
      ['pancreatc', 1],
      ['%', 0],
      ['immunotherapy', 0],
    ] as const) {
      const found = await (await fetch(`${base}/api/public/v1/answers?q=${encodeURIComponent(q)}`)).json()
      expect(found.totalDocs, q).toBe(total)
      if (total) expect(found.docs[0].slug, q).toBe(slug)
    }

    await page.goto(`${base}/`)
    // The home page lists the answer too: each search waits for its own results page (a plain GET form).
    for (const query of ['whipple', 'surgery spread']) {
      await page.getByLabel('Search the answers').fill(query)
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('q') === query),
        page.getByRole('button', { name: 'Search' }).click(),
      ])
      await page.getByRole('link', { name: 'Can surgery help when pancreatic cancer has spread?' }).waitFor()
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-search-phone.png'), fullPage: true })
  } finally {
    await browser.close()
  }
}

/** Answer pages are rendered once and served from the prepared store until a publication evicts them. */
async function checkPagesRevalidateOnPublish(base: string) {
  const slug = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
  const pageUrl = `${base}/answers/${slug}`
  const first = await fetch(pageUrl)
  const cached = await fetch(pageUrl, { headers: { 'if-none-match': first.headers.get('etag')! } })
  expect(cached.status, 'the same prepared page').toBe(304)
  const updated = `Revalidated takeaway ${Date.now()}: ask which treatments fit your situation.`

  const editor = await sessionCookie(base, 'editor@example.org')
  const headers = { cookie: editor, origin: base, 'content-type': 'application/json' }
  const { docs } = await (await fetch(`${base}/api/answers?where[slug][equals]=${slug}&depth=0`, { headers })).json()
  const edit = await fetch(`${base}/api/answers/${docs[0].id}?draft=true`, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ keyTakeaway: updated }),
  })
  expect(edit.status, await edit.text()).toBe(200)
  expect(await (await fetch(pageUrl)).text()).not.toContain(updated) // a draft: the live page stays
  const submit = await fetch(`${base}/api/answers/${docs[0].id}/submit`, { method: 'POST', headers })
  expect(submit.status, await submit.text()).toBe(200)

  const reviewer = await sessionCookie(base, 'okafor@example.org')
  // An approval names the content its reviewer read: the answer's contentHash, as the API returns it.
  const reviewed = (await (
    await fetch(`${base}/api/answers/${docs[0].id}?draft=true&depth=0`, { headers: { cookie: reviewer, origin: base } })
  ).json()) as {
    contentHash: string
  }
  const approve = await fetch(`${base}/api/answers/${docs[0].id}/decision`, {
    method: 'POST',
    headers: { cookie: reviewer, origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'approve', attestation: true, contentHash: reviewed.contentHash }),
  })
  expect(approve.status, await approve.text()).toBe(201)
  // The first request after the publication already carries the new version: page and API.
  expect(await (await fetch(pageUrl)).text()).toContain(updated)
  expect((await (await fetch(`${base}/api/public/v1/answers/${slug}`)).json()).keyTakeaway).toBe(updated)
}
