import { FLAG_CODES } from '../grounding/checkGrounding'
import type { Severity } from '../grounding/checkGrounding'

/**
 * The checks stored on an answer (`safetyWarnings`): the claim-level grounding checks and the
 * answer-level ones. Client-safe: the Answers schema and the
 * review screen read the lists.
 */
export const ANSWER_LEVEL_CODES = ['no_citations', 'missing_questions_to_ask', 'missing_key_takeaway'] as const
export const ANSWER_FLAG_CODES = [...FLAG_CODES, ...ANSWER_LEVEL_CODES] as const
export type AnswerFlagCode = (typeof ANSWER_FLAG_CODES)[number]
export const SEVERITIES = ['high', 'medium', 'low'] as const satisfies readonly Severity[]
export type { Severity }

/** `claim` is the sentence or list item the flag is about, when it is about one (the review screen highlights it). */
export type AnswerFlag = { code: AnswerFlagCode; severity: Severity; where: string; message: string; claim: string | null }

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 }

/** Most severe first; the order within a severity is kept (document order). */
export function bySeverity<T extends { severity?: string | null }>(flags: T[]): T[] {
  const rank = (flag: T) => RANK[(flag.severity ?? 'low') as Severity] ?? 2
  return flags
    .map((flag, order) => ({ flag, order }))
    .sort((a, b) => rank(a.flag) - rank(b.flag) || a.order - b.order)
    .map(({ flag }) => flag)
}
