/**
 * Nothing at run time rewrites committed files. Outside NODE_ENV=production every Payload start
 * used to spawn `payload generate:types`, which against a MongoDB URL rewrote src/payload-types.ts
 * with string ids (and the next `next build` then failed its type check). Here the start that
 * `npm start` runs first (migrate + seed, seed/run.ts if-empty) is pointed at a MongoDB URL where
 * no server listens; once it and every process it started have exited, the working tree is as before.
 */
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'

import { freePort } from '../helpers/server'

const isGitWorkTree = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' }).stdout.trim() === 'true'

/** What git sees: the status lines and the content of every changed tracked file. */
function workingTree(): string {
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' }).stdout
  const diff = spawnSync('git', ['diff', 'HEAD'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout
  return `${status}\n${crypto.createHash('sha256').update(diff).digest('hex')}`
}

/** Resolves once the process group (the start and anything it spawned, detached or not) is gone. */
async function groupGone(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      process.kill(-pgid, 0)
    } catch {
      return // ESRCH: no process left in the group
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  process.kill(-pgid, 'SIGKILL')
  throw new Error(`Processes started by the seed were still running after ${timeoutMs} ms`)
}

describe('starting against MongoDB', () => {
  it.runIf(isGitWorkTree)(
    'a start against a mongodb:// URL (no server there) leaves git status unchanged',
    async () => {
      const typesBefore = fs.readFileSync('src/payload-types.ts', 'utf8')
      const before = workingTree()
      const port = await freePort()
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: `mongodb://127.0.0.1:${port}/cms?serverSelectionTimeoutMS=1000`,
        PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
      }
      // Not production: the mode in which Payload generated types at start-up.
      for (const key of ['NODE_ENV', 'TEST_DATABASE', 'DATA_DIR'] as const) delete env[key]
      const child = spawn(process.execPath, ['--conditions=production', '--import', 'tsx', 'seed/run.ts', 'if-empty'], {
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
      await groupGone(child.pid!, 90_000)

      expect(code, output).toBe(1)
      expect(output).toContain('cannot connect to MongoDB')
      expect(fs.readFileSync('src/payload-types.ts', 'utf8')).toBe(typesBefore)
      expect(workingTree()).toBe(before)
    },
    180_000,
  )
})
