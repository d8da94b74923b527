/**
 * The answer page at its fields' limits on a 390x844 phone (issue 15: the direct answer visible
 * without scrolling). The production server's own answer page is checked with the seeded answer in
 * start.test.ts; here the same renderer (renderAnswerPage, what the production server sends) and the
 * same stylesheet (public/site.css) are served with the longest title, cancer type name and summary
 * the collections accept, a lifecycle notice, and words longer than a line.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'

import { noticeMessage } from '@/lib/lifecycle/livePolicy'
import { renderAnswerPage } from '@/lib/public/pages/answerPage'
import type { PublicAnswer } from '@/lib/public/publicAnswer'
import { ARTIFACTS, launchBrowser } from '../helpers/browser'

const PHONE = { width: 390, height: 844 }
/** The collections' limits: Answers title 200, summary 800; CancerTypes name 80. */
const LIMITS = { title: 200, summary: 800, typeName: 80 }
const fill = (pattern: string, length: number) => pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length)

function answerAtLimits(words: 'wide' | 'unbroken'): PublicAnswer {
  const text = (length: number) => (words === 'wide' ? fill('metastatic ', length) : fill('x', length))
  const url = 'https://www.example.org/guidelines/pancreatic'
  return {
    slug: 'limits',
    title: text(LIMITS.title),
    question: 'What happens at the limits?',
    cancerType: { slug: 'limits', name: words === 'wide' ? fill('Neuroendocrine ', LIMITS.typeName) : fill('N', LIMITS.typeName) },
    summary: text(LIMITS.summary),
    summaryReferences: [1, 2, 3],
    body: null,
    bodyHtml: `<p>${text(600)}</p>`,
    claims: [],
    references: [{ n: 1, publisher: 'NCI PDQ', title: text(300), version: '2026', url, passageId: 'p', passageHeading: text(120) }],
    questionsToAsk: [{ question: text(300), why: text(300) }],
    keyTakeaway: text(600),
    sources: [{ publisher: 'NCI PDQ', title: text(300), version: '2026', url }],
    reviewedBy: [{ name: 'Dr Maya Okafor', credentials: 'MD, Medical Oncology' }],
    publishedAt: '2026-01-10T00:00:00.000Z',
    lastReviewedAt: '2026-01-10T00:00:00.000Z',
    nextReviewDue: '2027-01-10T00:00:00.000Z',
    notice: {
      kind: 'review_overdue',
      since: '2026-09-30T00:00:00.000Z',
      message: noticeMessage('review_overdue', '2026-09-30T00:00:00.000Z'),
    },
    disclosure: 'This answer was drafted with AI from these guidelines: NCI PDQ. It was then reviewed and approved by Dr Maya Okafor.',
    disclaimer:
      'For informational purposes only. This is not medical advice and does not replace a conversation with your own oncology team.',
  }
}

let browser: Browser
let server: http.Server
let base = ''
const pages = new Map<string, string>()

beforeAll(async () => {
  const css = fs.readFileSync(path.resolve('public/site.css'))
  server = http.createServer((request, response) => {
    if (request.url === '/site.css') return void response.writeHead(200, { 'content-type': 'text/css' }).end(css)
    const html = pages.get(request.url ?? '')
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(html ?? '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

describe('the answer page at its limits, on a 390x844 phone', () => {
  for (const words of ['wide', 'unbroken'] as const) {
    it(`${words} words: nothing wider than the screen; the direct answer starts on the first screen with at least three lines`, async () => {
      pages.set(`/${words}`, renderAnswerPage(answerAtLimits(words)))
      const page = await (await browser.newContext({ viewport: PHONE })).newPage()
      try {
        expect((await page.goto(`${base}/${words}`))?.status()).toBe(200)
        expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the page scrolls sideways').toBeLessThanOrEqual(
          PHONE.width,
        )
        const direct = page.locator('details.disclosure + p > strong')
        expect(await direct.textContent()).toBe(answerAtLimits(words).summary)
        const box = (await direct.boundingBox())!
        const lineHeight = await direct.evaluate((element) => Number.parseFloat(getComputedStyle(element).lineHeight))
        expect(box.y + 3 * lineHeight, 'three lines of the direct answer on the first screen').toBeLessThanOrEqual(PHONE.height)
        await page.screenshot({ path: path.join(ARTIFACTS, `public-answer-phone-limits-${words}.png`) })
      } finally {
        await page.context().close()
      }
    })
  }
})
