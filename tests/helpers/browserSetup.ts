/**
 * Vitest globalSetup for the e2e project: finds (and on first use inflates) the browser once,
 * before any production build starts, so a machine without one fails at once with what to install.
 */
import { findChromium } from './chromium'

export default async function findBrowserBeforeTests(): Promise<void> {
  const { executablePath, source } = await findChromium()
  console.log(`[tests] Browser tests use ${executablePath} (${source}).`)
}
