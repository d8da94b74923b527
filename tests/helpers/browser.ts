import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

import { findChromium } from './chromium'

export const ARTIFACTS = path.resolve('test-results')

/** Chromium (see findChromium), headless, no background traffic off this machine (Playwright gives each launch a fresh temporary profile). */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath } = await findChromium()
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  })
}

/**
 * A new browser context signed in to the admin as `email`. Requests that leave this machine are
 * collected in `offSite` (the admin must load nothing from third parties).
 */
export async function signIn(
  browser: Browser,
  base: string,
  email: string,
  { viewport = { width: 1280, height: 900 }, offSite = [] as string[] } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport })
  // An admin page load waits for the whole streamed document; on a loaded machine the first ones, which
  // also load the admin's server bundles, take longer than Playwright's default 30 s.
  context.setDefaultNavigationTimeout(120_000)
  const page = await context.newPage()
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http')) offSite.push(request.url())
  })
  await page.goto(`${base}/admin/login`)
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', 'demo-password')
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.includes('/login'), { timeout: 120_000 })
  return page
}
