/**
 * Issue 12: one module (src/lib/workflow/transitions.ts) writes an answer's `workflowStage` and a
 * question's `status`. This scans the source tree and names any other module that writes them.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { QUESTION_STATUSES } from '@/lib/workflow/states'

const root = path.resolve(__dirname, '../..')
const OWNER = 'src/lib/workflow/transitions.ts'
// Reads, type declarations and seed descriptions of the demo's target states, not writes.
const SKIP = new Set([OWNER, 'src/payload-types.ts', 'src/lib/workflow/states.ts'])
const SKIP_DIRS = ['seed/data/']

function sources(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name)
      if (entry.isDirectory()) walk(rel)
      else if (/\.(ts|tsx)$/.test(entry.name) && !SKIP.has(rel) && !SKIP_DIRS.some((skip) => rel.startsWith(skip))) out.push(rel)
    }
  }
  for (const dir of ['src', 'collections', 'hooks', 'seed']) walk(dir)
  return out
}

const statusLiteral = new RegExp(`(?<![_\\w])status\\s*:\\s*(?!\\{)[^,}\\n]*'(${QUESTION_STATUSES.join('|')})'`)
const WRITES: { what: string; pattern: RegExp }[] = [
  // `workflowStage: 'x'` or `workflowStage: expr` in data (a query is `workflowStage: { ... }`, a
  // `select` is `workflowStage: true`: no stage is called "true").
  { what: 'answer workflowStage', pattern: /workflowStage\s*:\s*(?!\{|true\b)\S/ },
  { what: 'answer workflowStage', pattern: /\.workflowStage\s*=(?!=)/ },
  // A question status value written as data (notification and source statuses are other words).
  { what: 'question status', pattern: statusLiteral },
  { what: 'question status', pattern: /\bdata\.status\s*=(?!=)/ },
]

/** Lines that mention a field without writing it: types, option lists, queries over versions. */
const harmless = (line: string) =>
  /^\s*(\/\/|\*|import |export type|type )/.test(line) || /where|equals|not_in|\bin:|\?\?|===|!==|Response\.json/.test(line)

describe('one writer for workflow state', () => {
  it(`only ${OWNER} writes a question's status or an answer's stage`, () => {
    const offenders: string[] = []
    for (const file of sources()) {
      fs.readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (harmless(line)) return
          for (const { what, pattern } of WRITES)
            if (pattern.test(line)) offenders.push(`${file}:${index + 1} writes ${what}: ${line.trim()}`)
        })
    }
    expect(offenders).toEqual([])
  })

  it('the scan catches a write (so an empty result means something)', () => {
    const caught = (line: string) => !harmless(line) && WRITES.some(({ pattern }) => pattern.test(line))
    expect(caught("    data: { status: 'published' },")).toBe(true)
    expect(caught("      workflowStage: 'in_review',")).toBe(true)
    expect(caught("  data.workflowStage = 'draft'")).toBe(true)
    expect(caught("    data: { _status: 'published' },")).toBe(false)
    expect(caught("      data: { status: 'sent', attempts },")).toBe(false)
  })
})
