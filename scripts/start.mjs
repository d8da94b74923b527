#!/usr/bin/env node
/**
 * `npm start`: everything a fresh clone needs, then the production server.
 *   1. build, unless the last build was made from the same sources (stamp in .next/source-stamp);
 *   2. migrate the database and seed it if it has no users (seed/run.ts if-empty);
 *   3. serve the build on PORT (default 3000) with scripts/server.mjs (Next's handler; it decides the
 *      client address, see TRUST_PROXY_HOPS).
 * A second start reuses the build and the data.
 */
import { spawnSync, spawn } from 'node:child_process'
import path from 'node:path'
import nextEnv from '@next/env'

import { buildIfNeeded } from './buildIfNeeded.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
process.chdir(root)
nextEnv.loadEnvConfig(root)

function run(label, command, args, env = {}) {
  const started = Date.now()
  console.log(`[start] ${label}...`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } })
  if (result.status !== 0) {
    console.error(`[start] ${label} failed (exit ${result.status}).`)
    process.exit(result.status ?? 1)
  }
  console.log(`[start] ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

buildIfNeeded(root, (line) => console.log(`[start] ${line}`))

// --conditions=production: Lexical's default Node entry points wrap their code in a top-level
// `await import()`, which deadlocks Node 20's loader now and then (the process exits 13 with no
// output); the "production" export condition loads the same code without that wrapper.
run('Migrating, and seeding an empty database', process.execPath, ['--conditions=production', '--import', 'tsx', 'seed/run.ts', 'if-empty'])

const port = process.env.PORT || '3000'
console.log(`[start] Serving on http://localhost:${port} (admin at /admin)`)
const server = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], {
  stdio: 'inherit',
  env: { ...process.env, PORT: port, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
