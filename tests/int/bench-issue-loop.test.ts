/**
 * Issue 15 (publishing 1,000 answers "3x faster than today"): `npm run bench:publish:baseline` runs
 * `bench/issueLoop.ts` on the code of then (a checkout of c16e0e8) and on this code. These tests keep
 * the loop runnable on both: it runs on this code and publishes what it times, and it reaches the
 * project only through relative imports, which the old checkout resolves to its own modules (it had
 * no path aliases). The old checkout itself is installed by the bench, not here (a minute of npm
 * install and a gigabyte of disk).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const LOOP = 'bench/issueLoop.ts'

describe("the publishing loop of issue 15's figure", () => {
  it('publishes the answers it times through this code, in a process of its own, and reports them as one line of JSON', () => {
    const run = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', LOOP], {
      cwd: root,
      env: { ...process.env, BENCH_ANSWERS: '3' },
      encoding: 'utf8',
    })
    expect(run.status, run.stderr.slice(-2000)).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, number>
    // The three copies and the seeded answer are live.
    expect(result).toMatchObject({ answers: 3, published: 4 })
    expect(result.ms).toBeGreaterThan(0)
    expect(result.cpuMs).toBeGreaterThan(0)
  }, 120_000)

  it('imports the project by relative paths only, so that an old checkout runs its own code', () => {
    const source = fs.readFileSync(path.join(root, LOOP), 'utf8')
    const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!)
    expect(specifiers).toContain('../src/lib/workflow/publishIfApproved')
    const project = specifiers.filter((specifier) => !specifier.startsWith('node:') && specifier !== 'payload')
    expect(project.filter((specifier) => !specifier.startsWith('../'))).toEqual([])
  })
})
