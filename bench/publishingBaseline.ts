/**
 * npm run bench:publish:baseline: issue 15's "publishing 1,000 answers at least 3x faster than
 * today", measured as a ratio in one run. The code as it was when the issue was written (commit
 * c16e0e8, whose `npm run bench` preparation took the issue's 115 s) is checked out into a temporary
 * git worktree and installed there (`npm install`, from the npm registry or its cache); then the same
 * publishing loop (`bench/issueLoop.ts`, copied into the old checkout) publishes BENCH_ANSWERS
 * (default 1,000) answers on the old code and on this one, alternated ABBA, each run in its own
 * process on its own throwaway database, so that the machine's drift falls on both sides. Prints each
 * run, the ratio of the old code's time to this code's, and whether it reaches 3x. The worktree is
 * removed afterwards.
 *
 * Needs the repository's history (a clone, not a shallow one) and about 1 GB of disk for the old
 * checkout's node_modules. BENCH_BASELINE_COMMIT picks another commit to compare with, BENCH_ROUNDS
 * (default 1) repeats the ABBA round.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The last commit before issues 10 to 16 were written: issue 15's "today". */
const ISSUE_COMMIT = 'c16e0e8'
const TARGET_RATIO = 3
const root = path.resolve(import.meta.dirname, '..')
const LOOP = 'bench/issueLoop.ts'

type LoopResult = { answers: number; ms: number; cpuMs: number; published: number }
type Side = 'then' | 'now'

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

function resolveCommit(commit: string): string {
  try {
    return git('rev-parse', '--verify', `${commit}^{commit}`)
  } catch {
    throw new Error(
      `Commit ${commit} is not in this repository's history. The baseline needs a full clone (git fetch --unshallow), or set BENCH_BASELINE_COMMIT.`,
    )
  }
}

/** Longest one step may take (the old code's 1,000 answers take about two minutes here). */
const STEP_TIMEOUT_MS = 30 * 60_000

function runLoop(cwd: string, answers: number): LoopResult {
  const run = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', LOOP], {
    cwd,
    env: { ...process.env, BENCH_ANSWERS: String(answers) },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: STEP_TIMEOUT_MS,
  })
  if (run.error) throw new Error(`The publishing loop could not run in ${cwd}: ${run.error.message}`)
  const line = run.stdout
    .trim()
    .split('\n')
    .filter((text) => text.startsWith('{'))
    .at(-1)
  if (run.status !== 0 || !line)
    throw new Error(`The publishing loop failed in ${cwd}:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`)
  const result = JSON.parse(line) as LoopResult
  // Every copy and the seeded answer are live, or the run did not publish what it timed.
  if (result.answers !== answers || result.published !== answers + 1)
    throw new Error(
      `The loop in ${cwd} timed ${result.answers} answers and left ${result.published} published, not ${answers} and ${answers + 1}.`,
    )
  return result
}

/** Removes the temporary worktree, or only its directory when it was never added as one. */
function removeCheckout(checkout: string) {
  const registered = git('worktree', 'list', '--porcelain')
    .split('\n')
    .some((line) => line === `worktree ${checkout}`)
  if (registered) git('worktree', 'remove', '--force', checkout)
  fs.rmSync(checkout, { recursive: true, force: true })
}

const loadNow = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not "${process.env[name]}".`)
  return value
}

async function main() {
  const answers = positiveInteger('BENCH_ANSWERS', 1000)
  const rounds = positiveInteger('BENCH_ROUNDS', 1)
  const commit = resolveCommit(process.env.BENCH_BASELINE_COMMIT ?? ISSUE_COMMIT)
  const head = git('rev-parse', '--short', 'HEAD')
  const dirty = git('status', '--porcelain') !== ''
  const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-'))
  // Ctrl-C also reaches the child, whose failure ends the run through the cleanup below; without a
  // handler Node would exit at once and leave the worktree (and a gigabyte) behind.
  process.on('SIGINT', () => console.log('\n[bench] Interrupted: removing the worktree...'))
  try {
    console.log(`[bench] Checking out ${commit.slice(0, 7)} into ${checkout} and installing it (npm install)...`)
    git('worktree', 'add', '--detach', checkout, commit)
    // npm install, not npm ci: that commit's lockfile lacks the optional Next binaries of other
    // platforms (fixed in 73e033d), which npm ci refuses. It rewrites the temporary checkout's lockfile only.
    const installed = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: checkout,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      timeout: STEP_TIMEOUT_MS,
    })
    if (installed.error) throw new Error(`npm install could not run in the old checkout: ${installed.error.message}`)
    if (installed.status !== 0)
      throw new Error(`npm install failed in the old checkout:\n${installed.stdout.slice(-2000)}\n${installed.stderr.slice(-2000)}`)
    fs.copyFileSync(path.join(root, LOOP), path.join(checkout, LOOP))

    const load = loadNow()
    const totals: Record<Side, { ms: number; cpuMs: number }> = { then: { ms: 0, cpuMs: 0 }, now: { ms: 0, cpuMs: 0 } }
    const rows: string[] = []
    for (let round = 0; round < rounds; round++) {
      for (const side of ['then', 'now', 'now', 'then'] as Side[]) {
        console.log(
          `[bench] Round ${round + 1}: ${answers} answers on ${side === 'then' ? `${commit.slice(0, 7)} (then)` : `this code (now)`}...`,
        )
        const result = runLoop(side === 'then' ? checkout : root, answers)
        totals[side].ms += result.ms
        totals[side].cpuMs += result.cpuMs
        rows.push(
          `${side === 'then' ? commit.slice(0, 7) : `${head}${dirty ? '+' : ''}`}`.padEnd(12) +
            `${(result.ms / 1000).toFixed(1).padStart(8)} s ${(result.ms / answers).toFixed(1).padStart(8)} ms ${(result.cpuMs / 1000).toFixed(1).padStart(8)} s`,
        )
      }
    }
    const ratio = totals.then.ms / totals.now.ms
    console.log(
      `\nPublishing ${answers} answers, the same loop on the code of then (${commit.slice(0, 7)}) and of now, ABBA x ${rounds} (SQLite, ${os.cpus().length} cores)\n`,
    )
    console.log(`${'code'.padEnd(12)}${'time'.padStart(10)} ${'per answer'.padStart(11)} ${'CPU'.padStart(10)}`)
    for (const row of rows) console.log(row)
    console.log(
      `\nthen / now, time: ${ratio.toFixed(2)}x (target: at least ${TARGET_RATIO}x): ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`,
    )
    console.log(`then / now, CPU:  ${(totals.then.cpuMs / totals.now.cpuMs).toFixed(2)}x`)
    console.log(`load average:     ${load} at start, ${loadNow()} at end`)
  } finally {
    removeCheckout(checkout)
  }
}

await main()
