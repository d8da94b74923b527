import type { Answer } from '@/payload-types'
import { answerClaims, citationNodes } from '../claims/answerClaims'
import type { CiteFields } from '../claims/citeNode'
import { checkGrounding, type GroundingCitation, type GroundingPart } from '../grounding/checkGrounding'
import { passageKey } from '../retrieval/passages'
import { type AnswerFlag, bySeverity } from './flags'

export type AnswerCheckInput = {
  question: string
  answer: Pick<Answer, 'summary' | 'body' | 'keyTakeaway' | 'questionsToAsk' | 'citations'>
  /** The text of each cited passage by passage key; a key missing here is flagged as an unknown passage. */
  passages: Record<string, string>
}

/**
 * Every check stored on an answer, most severe first: the one definition used on every save
 * (collections/Answers/hooks/checkAnswerOnSave.ts), whoever wrote the text, the drafter included.
 * Claims are read from the stored answer (src/lib/claims): each body claim is checked against the
 * passages its own citation nodes name, the direct answer's claims against its citations.
 */
export function checkAnswer({ question, answer, passages }: AnswerCheckInput): AnswerFlag[] {
  const parts: GroundingPart[] = answerClaims(answer).map(({ part, claims }) => ({
    heading: part === 'direct answer' ? 'Direct answer' : part,
    claims: claims.map((claim) => ({ text: claim.text, citations: claim.citations.map(groundingCitation) })),
  }))
  const direct = parts[0]?.heading === 'Direct answer' ? parts[0] : { heading: 'Direct answer', claims: [] }
  const { flags } = checkGrounding({
    question,
    directAnswer: direct,
    sections: parts.filter((part) => part !== direct),
    uncitedSummary: answer.keyTakeaway ?? undefined,
    passages,
  })
  const result: AnswerFlag[] = flags.map(({ code, severity, where, message, claim }) => ({
    code,
    severity,
    where,
    message,
    claim: claim ?? null,
  }))

  if ((answer.citations ?? []).length === 0 && citationNodes(answer.body).length === 0)
    result.push({
      code: 'no_citations',
      severity: 'high',
      where: 'whole answer',
      message: 'The answer cites no guideline passage: every statement must be backed by a cited guideline.',
      claim: null,
    })
  if ((answer.questionsToAsk ?? []).length === 0)
    result.push({
      code: 'missing_questions_to_ask',
      severity: 'medium',
      where: 'questions to ask',
      message: 'No questions to ask the oncology team.',
      claim: null,
    })
  if (!answer.keyTakeaway?.trim())
    result.push({ code: 'missing_key_takeaway', severity: 'medium', where: 'key takeaway', message: 'No key takeaway.', claim: null })
  return withinStoredLimit(bySeverity(result))
}

/**
 * The most flags stored on an answer. Each is a row of its own in SQLite, written in one statement
 * whose variables are limited; an answer within every size limit stays far below it, but one
 * hostile body of citations to unknown passages need not.
 */
export const MAX_STORED_FLAGS = 1_000

/** Beyond the limit, the most severe flags are kept and the last one says how many more there are. */
function withinStoredLimit(flags: AnswerFlag[]): AnswerFlag[] {
  if (flags.length <= MAX_STORED_FLAGS) return flags
  const kept = flags.slice(0, MAX_STORED_FLAGS - 1)
  const omitted = flags.slice(MAX_STORED_FLAGS - 1)
  const first = omitted[0]!
  return [
    ...kept,
    {
      code: first.code,
      severity: first.severity,
      where: 'whole answer',
      message: `${omitted.length.toLocaleString('en')} more flags are not listed (the first is "${first.message}"). Fix the ones above and save again to see them.`,
      claim: null,
    },
  ]
}

function groundingCitation(citation: CiteFields): GroundingCitation {
  return { passageKey: passageKey(citation.source, citation.passageId), quote: citation.quote }
}

/**
 * What a cited passage states, for the checks: its heading is guideline text too ("Treatment of
 * stage IV pancreatic cancer" backs "stage 4").
 */
export function passageText(passage: { heading?: string | null; text: string }): string {
  return passage.heading ? `${passage.heading}.\n${passage.text}` : passage.text
}
