import { checkGrounding, type FlagCode, type GroundingClaim, type GroundingInput } from './checkGrounding'

/**
 * The labelled evaluation of the grounding checks (npm run eval:grounding): drafts with seeded
 * errors and clean drafts, each run through checkGrounding. A variant is a base draft with edits,
 * so each seeded error is one visible change to a clean draft.
 */

export const ERROR_TYPES = [
  'invented_quote',
  'unsupported',
  'number_not_in_source',
  'off_topic',
  'directive',
  'absolute',
  'uncited',
] as const
export type ErrorType = (typeof ERROR_TYPES)[number]

/** The flag that detects each seeded error. */
export const DETECTED_BY: Record<ErrorType, FlagCode[]> = {
  invented_quote: ['quote_not_in_passage'],
  unsupported: ['unsupported_claim'],
  number_not_in_source: ['number_not_in_source'],
  off_topic: ['off_topic'],
  directive: ['directive_wording'],
  absolute: ['absolute_wording'],
  uncited: ['uncited_claim'],
}
const ERROR_FLAGS = new Set<FlagCode>(Object.values(DETECTED_BY).flat())

type EvalCitation = { passage: string; quote?: string }
type EvalClaim = { text: string; cite: EvalCitation[] }
export type EvalDraft = {
  id: string
  split: 'dev' | 'holdout'
  labels: ErrorType[]
  question: string
  directAnswer: EvalClaim[]
  sections: { heading: string; claims: EvalClaim[] }[]
  keyTakeaway?: string
}
/** Where an edit applies: "direct.0" (a direct-answer claim), "1.2" (section 1, claim 2), "1" (section 1). */
export type EvalEdit =
  | { op: 'question'; text: string }
  | { op: 'replace'; at: string; text: string; cite?: EvalCitation[] }
  | { op: 'add'; at: string; text: string; cite?: EvalCitation[] }
  | { op: 'quote'; at: string; citation?: number; quote: string }
  | { op: 'cite'; at: string; cite: EvalCitation[] }
export type EvalVariant = { id: string; split: 'dev' | 'holdout'; base: string; labels: ErrorType[]; edits: EvalEdit[] }
export type EvalSet = { passages: Record<string, string>; drafts: EvalDraft[]; variants: EvalVariant[] }

/** Every draft of the set, variants applied to copies of their bases. */
export function expandDrafts(set: EvalSet): EvalDraft[] {
  const bases = new Map(set.drafts.map((draft) => [draft.id, draft]))
  const variants = set.variants.map((variant) => {
    const base = bases.get(variant.base)
    if (!base) throw new Error(`Variant ${variant.id}: no base draft "${variant.base}"`)
    const draft: EvalDraft = structuredClone({ ...base, id: variant.id, split: variant.split, labels: variant.labels })
    for (const edit of variant.edits) applyEdit(draft, edit, variant.id)
    return draft
  })
  return [...set.drafts, ...variants]
}

function applyEdit(draft: EvalDraft, edit: EvalEdit, id: string) {
  if (edit.op === 'question') {
    draft.question = edit.text
    return
  }
  const [part, index] = edit.at.split('.')
  const claims = part === 'direct' ? draft.directAnswer : draft.sections[Number(part)]?.claims
  if (!claims) throw new Error(`Variant ${id}: no part "${edit.at}"`)
  if (edit.op === 'add') {
    claims.splice(index === undefined ? claims.length : Number(index), 0, { text: edit.text, cite: edit.cite ?? [] })
    return
  }
  const claim = claims[Number(index)]
  if (!claim) throw new Error(`Variant ${id}: no claim "${edit.at}"`)
  if (edit.op === 'replace') {
    claim.text = edit.text
    if (edit.cite) claim.cite = edit.cite
  } else if (edit.op === 'cite') claim.cite = edit.cite
  else claim.cite[edit.citation ?? 0]!.quote = edit.quote
}

export function toGroundingInput(draft: EvalDraft, passages: Record<string, string>): GroundingInput {
  const claims = (list: EvalClaim[]): GroundingClaim[] =>
    list.map((claim) => ({ text: claim.text, citations: claim.cite.map((c) => ({ passageKey: c.passage, quote: c.quote ?? null })) }))
  return {
    question: draft.question,
    directAnswer: { heading: 'Direct answer', claims: claims(draft.directAnswer) },
    sections: draft.sections.map((section) => ({ heading: section.heading, claims: claims(section.claims) })),
    uncitedSummary: draft.keyTakeaway,
    passages,
  }
}

export type EvalRow = { type: ErrorType; drafts: number; detected: number; recall: number; falseFlagRate: number }
export type EvalResult = {
  rows: EvalRow[]
  clean: number
  /** Clean drafts with any flag of an error type. */
  falseFlags: number
  falseFlagRate: number
  missed: { id: string; type: ErrorType }[]
  falselyFlagged: { id: string; codes: FlagCode[] }[]
}

export function evaluate(drafts: EvalDraft[], passages: Record<string, string>): EvalResult {
  const results = drafts.map((draft) => ({
    draft,
    codes: new Set(checkGrounding(toGroundingInput(draft, passages)).flags.map((flag) => flag.code)),
  }))
  const clean = results.filter(({ draft }) => draft.labels.length === 0)
  const missed: EvalResult['missed'] = []
  const rows = ERROR_TYPES.map((type) => {
    const labelled = results.filter(({ draft }) => draft.labels.includes(type))
    const detected = labelled.filter(({ draft, codes }) => {
      const hit = DETECTED_BY[type].some((code) => codes.has(code))
      if (!hit) missed.push({ id: draft.id, type })
      return hit
    }).length
    const falselyFlagged = clean.filter(({ codes }) => DETECTED_BY[type].some((code) => codes.has(code))).length
    return {
      type,
      drafts: labelled.length,
      detected,
      recall: labelled.length === 0 ? 0 : detected / labelled.length,
      falseFlagRate: clean.length === 0 ? 0 : falselyFlagged / clean.length,
    }
  })
  const falselyFlagged = clean
    .map(({ draft, codes }) => ({ id: draft.id, codes: [...codes].filter((code) => ERROR_FLAGS.has(code)) }))
    .filter((entry) => entry.codes.length > 0)
  return {
    rows,
    clean: clean.length,
    falseFlags: falselyFlagged.length,
    falseFlagRate: clean.length === 0 ? 0 : falselyFlagged.length / clean.length,
    missed,
    falselyFlagged,
  }
}

export const MIN_RECALL = 0.95
export const MAX_FALSE_FLAG_RATE = 0.1

export function meetsGoal(result: EvalResult): boolean {
  return (
    result.rows.every((row) => row.drafts > 0 && row.recall >= MIN_RECALL) &&
    result.clean > 0 &&
    result.falseFlagRate <= MAX_FALSE_FLAG_RATE
  )
}

/** The table npm run eval:grounding prints (Markdown, so it can go into the README as is). */
export function formatTable(title: string, result: EvalResult): string {
  const percent = (value: number) => `${(value * 100).toFixed(0)}%`
  return [
    `${title}`,
    '',
    '| seeded error | drafts | detected | recall | false flags on clean drafts |',
    '|---|---|---|---|---|',
    ...result.rows.map(
      (row) =>
        `| ${row.type.replace(/_/g, ' ')} | ${row.drafts} | ${row.detected} | ${percent(row.recall)} | ${percent(row.falseFlagRate)} |`,
    ),
    `| clean drafts with any error flag | ${result.clean} | | | ${result.falseFlags} (${percent(result.falseFlagRate)}) |`,
  ].join('\n')
}
