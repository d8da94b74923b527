/**
 * Builds the Next.js app unless the last build was made from the same sources (stamp in
 * .next/source-stamp). Shared by `npm start` and `npm run bench`, so both serve the current code.
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const BUILD_INPUTS = [
  'payload.config.ts',
  'next.config.ts',
  'package-lock.json',
  'tsconfig.json',
  'collections',
  'hooks',
  'src',
  'migrations',
  // npm install applies these to node_modules; the admin's client bundle includes patched files.
  'patches',
]

function sourceStamp(root) {
  const hash = crypto.createHash('sha256')
  const visit = (entry) => {
    if (!fs.existsSync(entry)) return
    const stat = fs.statSync(entry)
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry).sort()) visit(path.join(entry, child))
    } else {
      hash.update(path.relative(root, entry)).update(fs.readFileSync(entry))
    }
  }
  BUILD_INPUTS.forEach((input) => visit(path.join(root, input)))
  return hash.digest('hex')
}

/** Returns false when the build was already current; exits the process when the build fails. */
export function buildIfNeeded(root, log = console.log) {
  const stampFile = path.join(root, '.next', 'source-stamp')
  const stamp = sourceStamp(root)
  const builtStamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : null
  if (builtStamp === stamp && fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    log('Build is up to date.')
    return false
  }
  const started = Date.now()
  log('Building (first start or sources changed)...')
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) {
    console.error(`Build failed (exit ${result.status}).`)
    process.exit(result.status ?? 1)
  }
  fs.writeFileSync(stampFile, stamp)
  log(`Build done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return true
}
