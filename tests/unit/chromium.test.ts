/**
 * The browser lookup behind `npm test`'s browser tests (tests/helpers/chromium.ts). On this kind of
 * machine (Linux x64) the browser comes from the npm package, never from a system install, so
 * this file checks on every run the path a fresh machine without /usr/bin/chromium takes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'

import { findChromium, NO_BROWSER_MESSAGE } from '../helpers/chromium'

const scratch: string[] = []
const scratchDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-lookup-'))
  scratch.push(dir)
  return dir
}
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })))

describe('findChromium', () => {
  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'on Linux x64 uses the Chromium inside the npm package, whatever is installed system-wide, and it renders a page',
    async () => {
      const choice = await findChromium({ env: {} })
      expect(choice.source).toBe('npm package @sparticuz/chromium')
      expect(choice.executablePath).toBe(
        path.resolve(
          'node_modules/.cache/sparticuz-chromium',
          JSON.parse(fs.readFileSync('node_modules/@sparticuz/chromium/package.json', 'utf8')).version,
          'chromium',
        ),
      )
      expect(choice.executablePath.startsWith('/usr/')).toBe(false)

      const browser = await chromium.launch({
        executablePath: choice.executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      })
      try {
        const page = await browser.newPage()
        await page.setContent(
          '<label>Name <input id="name"></label><button onclick="document.body.dataset.said = document.getElementById(\'name\').value">Say</button>',
        )
        await page.fill('#name', 'reviewer')
        await page.click('button')
        expect(await page.getAttribute('body', 'data-said')).toBe('reviewer')
      } finally {
        await browser.close()
      }
    },
    120_000,
  )

  it('CHROMIUM_PATH wins, and a CHROMIUM_PATH that does not exist is an error (not a silent fallback)', async () => {
    const fake = path.join(scratchDir(), 'chrome')
    fs.writeFileSync(fake, '')
    await expect(findChromium({ env: { CHROMIUM_PATH: fake } })).resolves.toEqual({ executablePath: fake, source: 'CHROMIUM_PATH' })
    await expect(findChromium({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } })).rejects.toThrow(
      'CHROMIUM_PATH=/nonexistent/chromium does not exist.',
    )
  })

  it('elsewhere, a local Chrome/Chromium at its usual path', async () => {
    const local = path.join(scratchDir(), 'Google Chrome')
    fs.writeFileSync(local, '')
    await expect(
      findChromium({ env: {}, platform: 'darwin', arch: 'arm64', localBrowsers: ['/nonexistent/chrome', local] }),
    ).resolves.toEqual({ executablePath: local, source: 'local install' })
  })

  it('with no browser at all, says exactly what to install', async () => {
    await expect(findChromium({ env: {}, platform: 'linux', arch: 'arm64', localBrowsers: ['/nonexistent/chromium'] })).rejects.toThrow(
      NO_BROWSER_MESSAGE,
    )
    expect(NO_BROWSER_MESSAGE).toContain('apt-get install -y chromium')
    expect(NO_BROWSER_MESSAGE).toContain('CHROMIUM_PATH')
  })
})
