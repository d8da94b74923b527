import fs from 'node:fs'
import { expandDrafts, toGroundingInput, type EvalSet } from '@/lib/grounding/evaluate'
import { checkGrounding } from '@/lib/grounding/checkGrounding'
const dir = process.argv[2]
const read = (n: string) => JSON.parse(fs.readFileSync(`${dir}/${n}`, 'utf8'))
const set: EvalSet = { passages: read('passages.json'), drafts: read('drafts.json'), variants: read('variants.json') }
const only = process.argv.slice(3)
for (const d of expandDrafts(set)) {
  if (only.length && !only.some(o=>d.id.includes(o))) continue
  const r = checkGrounding(toGroundingInput(d, set.passages))
  const fl = r.flags.filter(f=>!['reading_grade','partly_supported'].includes(f.code))
  console.log(`== ${d.id} [${d.labels.join(',') || 'clean'}] Q: ${d.question}`)
  for (const f of fl) console.log('   ', f.code, '|', f.message.slice(0,200), f.claim ? '| '+f.claim.slice(0,120):'')
}
