/**
 * `npm test`: every vitest project, the e2e files beside the others.
 *
 * One `vitest run` runs its projects one group after another, and a project whose files run one at a
 * time (the e2e files: one production build, one server at a time) forms a group of its own, run
 * last. The e2e files mostly wait (for a server to start, a retry job due in 10 s, a browser), so on
 * two cores they finished 11 minutes after the integration files instead of beside them. Two
 * processes: the unit and integration files on every core, and the e2e files one at a time beside
 * them. Each line is prefixed with its run; the exit code is the first failure's.
 *
 * With arguments (`npm test -- tests/int/x.test.ts`, `--project sqlite`, `-t name`) it is plain
 * `vitest run` with those arguments.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs')
const args = process.argv.slice(2)

function run(vitestArgs, prefix) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', ...vitestArgs], {
      cwd: root,
      stdio: prefix === undefined ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    })
    if (prefix !== undefined) {
      for (const [stream, out] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ])
        readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`${prefix}${line}\n`))
    }
    child.on('error', (error) => {
      console.error(`${prefix ?? ''}vitest could not start: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

if (args.length > 0) {
  process.exitCode = await run(args)
} else {
  const withoutBrowser = ['--project', 'unit', '--project', 'sqlite', ...(process.env.MONGODB_URL ? ['--project', 'mongodb'] : [])]
  const codes = await Promise.all([run(withoutBrowser, '[unit+int] '), run(['--project', 'e2e'], '[e2e] ')])
  process.exitCode = codes.find((code) => code !== 0) ?? 0
}
