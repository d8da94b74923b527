/**
 * npm run eval:grounding: runs the grounding checks (src/lib/grounding) over every labelled set in
 * bench/grounding/ (each folder: passages.json, drafts.json, variants.json; clean drafts and drafts
 * with one seeded error each), offline, and prints recall per error type and the false-flag rate on
 * clean drafts, per set and split ("dev": drafts the detectors were developed against; "holdout":
 * drafts written after they were tuned). Exits non-zero when any split of a gated set misses the
 * goal (recall >= 95% for every type, false flags <= 10%); a set is gated unless its set.json says
 * `"goal": false` (and why).
 * `--json` prints the figures as JSON instead (the unit test reads them); `--dir <folder>` evaluates
 * one other set in the same format (e.g. one written blind, before it joins bench/grounding/).
 */
import fs from 'node:fs'
import path from 'node:path'
import { evaluate, expandDrafts, formatTable, meetsGoal, type EvalResult, type EvalSet } from '@/lib/grounding/evaluate'

const root = path.join(import.meta.dirname, 'grounding')
const dirFlag = process.argv.indexOf('--dir')
const folders =
  dirFlag > 0
    ? [path.resolve(process.argv[dirFlag + 1]!)]
    : fs
        .readdirSync(root, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'drafts.json')))
        .map((entry) => path.join(root, entry.name))
        .sort()

const SPLITS = { dev: 'development', holdout: 'held-out' } as const
type SetResult = {
  gated: boolean
  drafts: number
  clean: number
  splits: Partial<Record<(typeof SPLITS)[keyof typeof SPLITS], EvalResult>>
  all: EvalResult
}

const sets: Record<string, SetResult> = {}
for (const folder of folders) {
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'))
  const set: EvalSet = { passages: read('passages.json'), drafts: read('drafts.json'), variants: read('variants.json') }
  const all = expandDrafts(set)
  const splits: SetResult['splits'] = {}
  for (const [split, name] of Object.entries(SPLITS)) {
    const drafts = all.filter((draft) => draft.split === split)
    if (drafts.length > 0) splits[name] = evaluate(drafts, set.passages)
  }
  // A set's optional set.json says whether its figures gate the exit code ("goal": false: printed only).
  const config = fs.existsSync(path.join(folder, 'set.json')) ? read('set.json') : {}
  sets[path.basename(folder)] = {
    gated: config.goal !== false,
    drafts: all.length,
    clean: all.filter((draft) => draft.labels.length === 0).length,
    splits,
    all: evaluate(all, set.passages),
  }
}
const ok = folders.length > 0 && Object.values(sets).every((set) => !set.gated || Object.values(set.splits).every(meetsGoal))

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ ok, sets }))
} else {
  for (const [name, set] of Object.entries(sets)) {
    const met = Object.values(set.splits).every(meetsGoal)
    console.log(
      `Set "${name}": ${set.drafts} drafts (${set.clean} clean), offline; goal ${met ? 'met' : 'NOT met'}${set.gated ? '' : ' (reported, not gated: see its set.json)'}\n`,
    )
    const shown = Object.keys(set.splits).length > 1 ? { ...set.splits, all: set.all } : set.splits
    for (const [split, result] of Object.entries(shown)) {
      console.log(formatTable(`${name}, ${split} drafts`, result))
      for (const miss of result.missed) console.log(`  missed: ${miss.id} (${miss.type})`)
      for (const flagged of result.falselyFlagged) console.log(`  false flag: ${flagged.id} (${flagged.codes.join(', ')})`)
      console.log('')
    }
  }
  console.log(ok ? 'Goal met on every gated set: recall >= 95% for every type, false flags <= 10%.' : 'Goal NOT met.')
}
process.exitCode = ok ? 0 : 1
