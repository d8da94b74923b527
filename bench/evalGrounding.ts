/**
 * npm run eval:grounding: runs the grounding checks (src/lib/grounding) over the labelled drafts in
 * bench/grounding/ (clean drafts and drafts with one seeded error each), offline, and prints recall
 * per error type and the false-flag rate on clean drafts, for the development drafts and for the
 * held-out drafts that were written after the detectors were tuned. Exits non-zero when the
 * development or held-out set misses the goal (recall >= 95% for every type, false flags <= 10%).
 * `--json` prints the figures as JSON instead (the unit test reads them); `--dir` reads another set.
 */
import fs from 'node:fs'
import path from 'node:path'
import { evaluate, expandDrafts, formatTable, meetsGoal, type EvalSet } from '@/lib/grounding/evaluate'

// `--dir <folder>` evaluates another labelled set in the same format (e.g. one written blind).
const dirFlag = process.argv.indexOf('--dir')
const dir = dirFlag > 0 ? path.resolve(process.argv[dirFlag + 1]) : path.join(import.meta.dirname, 'grounding')
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'))
const set: EvalSet = { passages: read('passages.json'), drafts: read('drafts.json'), variants: read('variants.json') }
const all = expandDrafts(set)

const splits = {
  development: evaluate(
    all.filter((draft) => draft.split === 'dev'),
    set.passages,
  ),
  'held-out': evaluate(
    all.filter((draft) => draft.split === 'holdout'),
    set.passages,
  ),
  all: evaluate(all, set.passages),
}
const ok = meetsGoal(splits.development) && meetsGoal(splits['held-out'])

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ ok, drafts: all.length, ...splits }))
} else {
  console.log(`Grounding evaluation: ${all.length} drafts (${all.filter((draft) => draft.labels.length === 0).length} clean), offline\n`)
  for (const [name, result] of Object.entries(splits)) {
    console.log(formatTable(`${name} drafts`, result))
    for (const miss of result.missed) console.log(`  missed: ${miss.id} (${miss.type})`)
    for (const flagged of result.falselyFlagged) console.log(`  false flag: ${flagged.id} (${flagged.codes.join(', ')})`)
    console.log('')
  }
  console.log(ok ? 'Goal met: recall >= 95% for every type, false flags <= 10%.' : 'Goal NOT met.')
}
process.exitCode = ok ? 0 : 1
