/**
 * Which Chrome/Chromium the browser tests drive, so that `npm install && npm test` is enough on a
 * fresh Linux machine with no browser installed (README, "Browser tests").
 *
 *   1. CHROMIUM_PATH, when set (it must exist: a typo should not silently pick another browser);
 *   2. on Linux x64, the Chromium shipped inside the npm package @sparticuz/chromium (a
 *      devDependency pinned by the lockfile: no download at install or run time, no root, and the
 *      same browser version on every machine);
 *   3. a local Chrome/Chromium at its usual path (macOS, Windows, other Linux architectures);
 *   4. otherwise an error that says exactly what to install.
 */
import fs from 'node:fs'
import path from 'node:path'

const LOCAL_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
]

export const NO_BROWSER_MESSAGE = [
  'No Chrome or Chromium for the browser tests.',
  'On Linux x64, `npm install` provides one (@sparticuz/chromium); elsewhere install one of:',
  '  Debian/Ubuntu: apt-get install -y chromium',
  '  macOS/Windows: Google Chrome (https://www.google.com/chrome/)',
  'or point CHROMIUM_PATH at a Chrome/Chromium executable.',
].join('\n')

export type BrowserChoice = { executablePath: string; source: 'CHROMIUM_PATH' | 'npm package @sparticuz/chromium' | 'local install' }

/** The browser to launch, see the order above. `localBrowsers` is a parameter only for the tests. */
export async function findChromium({
  env = process.env as { CHROMIUM_PATH?: string },
  platform = process.platform,
  arch = process.arch,
  localBrowsers = LOCAL_BROWSERS,
} = {}): Promise<BrowserChoice> {
  if (env.CHROMIUM_PATH) {
    if (!fs.existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist.\n${NO_BROWSER_MESSAGE}`)
    return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
  }
  // The package ships only an x64 Linux build (its arm64 build is a separate download).
  if (platform === 'linux' && arch === 'x64') return { executablePath: await bundledChromium(), source: 'npm package @sparticuz/chromium' }
  const local = localBrowsers.find((candidate) => fs.existsSync(candidate))
  if (local) return { executablePath: local, source: 'local install' }
  throw new Error(NO_BROWSER_MESSAGE)
}

/**
 * The package's compressed Chromium, inflated once per package version into node_modules/.cache.
 * The library inflates into os.tmpdir() and reuses whatever `chromium` it finds there, so it is
 * pointed at a fresh folder that is renamed into place only when complete: a run killed half-way,
 * a run beside it, or another version never leaves a half-written or wrong browser behind.
 */
async function bundledChromium(): Promise<string> {
  // The package exports no package.json; tests run from the repository root (as npm test does).
  const { version } = JSON.parse(fs.readFileSync(path.resolve('node_modules/@sparticuz/chromium/package.json'), 'utf8')) as {
    version: string
  }
  const cacheDir = path.resolve('node_modules/.cache/sparticuz-chromium')
  const target = path.join(cacheDir, version)
  const executable = path.join(target, 'chromium')
  if (fs.existsSync(executable)) return executable

  fs.mkdirSync(cacheDir, { recursive: true })
  const partial = fs.mkdtempSync(path.join(cacheDir, `.${version}-`))
  const tmpdir = process.env.TMPDIR
  process.env.TMPDIR = partial
  try {
    const { default: chromium } = await import('@sparticuz/chromium')
    await chromium.executablePath()
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true })
    throw error
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = tmpdir
  }
  try {
    fs.renameSync(partial, target)
  } catch (error) {
    // Another test process finished the same inflation first: use its copy.
    if (!fs.existsSync(executable)) throw error
    fs.rmSync(partial, { recursive: true, force: true })
  }
  return executable
}
