#!/usr/bin/env node
/**
 * `npm start`: everything a fresh clone needs, then the production server.
 *   1. build, unless the last build was made from the same sources (stamp in .next/source-stamp);
 *   2. serve the build on PORT (default 3000) with scripts/server.mjs (Next's handler; it decides the
 *      client address, see TRUST_PROXY_HOPS). As Payload starts in that process it applies the
 *      migrations (the adapter's prodMigrations) and seeds a database with no users (SEED_ON_START,
 *      payload.config.ts onInit); the server warms itself at once, so this happens before it is used.
 * A second start reuses the build and the data.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import nextEnv from '@next/env'

import { buildIfNeeded } from './buildIfNeeded.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
process.chdir(root)
nextEnv.loadEnvConfig(root)

buildIfNeeded(root, (line) => console.log(`[start] ${line}`))

const port = process.env.PORT || '3000'
console.log(`[start] Serving on http://localhost:${port} (admin at /admin)`)
const server = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], {
  stdio: 'inherit',
  env: { ...process.env, PORT: port, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', SEED_ON_START: 'true' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
