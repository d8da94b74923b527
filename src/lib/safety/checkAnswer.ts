import type { Answer } from '@/payload-types'
import { checkGrounding, type FlagCode, type GroundingCitation, type GroundingPart } from '../grounding/checkGrounding'
import { lexicalToText } from '../richText'
import { type AnswerFlag, bySeverity } from './flags'

/**
 * Claim-level checks that need claim-level citations. Citations are stored per answer today, so a
 * claim's "own" passages are every passage the answer cites: support verdicts would be guesses, and
 * are left out until issue 13's claim-level citations. Figures are still checked (a number in no
 * cited passage at all is wrong whichever claim it belongs to).
 */
const NEEDS_CLAIM_CITATIONS: ReadonlySet<FlagCode> = new Set(['unsupported_claim', 'partly_supported', 'uncited_claim'])

export type AnswerCheckInput = {
  question: string
  answer: Pick<Answer, 'summary' | 'body' | 'keyTakeaway' | 'questionsToAsk'>
  /** The answer's citations as passage keys ("<source id>:<passage id>", see retrieval/passages). */
  citations: GroundingCitation[]
  /** The text of each cited passage by key; a key missing here is flagged as an unknown passage. */
  passages: Record<string, string>
}

/**
 * Every check stored on an answer, most severe first: the one definition used on every save
 * (collections/Answers/hooks/checkAnswerOnSave.ts), whoever wrote the text, the drafter included.
 */
export function checkAnswer({ question, answer, citations, passages }: AnswerCheckInput): AnswerFlag[] {
  const { flags } = checkGrounding({
    question,
    directAnswer: { heading: 'Direct answer', markdown: answer.summary ?? '', citations },
    sections: bodySections(answer.body).map((section) => ({ ...section, citations })),
    uncitedSummary: answer.keyTakeaway ?? undefined,
    passages,
  })
  const result: AnswerFlag[] = flags
    .filter((flag) => !NEEDS_CLAIM_CITATIONS.has(flag.code))
    .map(({ code, severity, where, message }) => ({ code, severity, where, message }))

  if (citations.length === 0)
    result.push({
      code: 'no_citations',
      severity: 'high',
      where: 'whole answer',
      message: 'The answer cites no guideline passage: every statement must be backed by a cited guideline.',
    })
  if ((answer.questionsToAsk ?? []).length === 0)
    result.push({
      code: 'missing_questions_to_ask',
      severity: 'medium',
      where: 'questions to ask',
      message: 'No questions to ask the oncology team.',
    })
  if (!answer.keyTakeaway?.trim())
    result.push({ code: 'missing_key_takeaway', severity: 'medium', where: 'key takeaway', message: 'No key takeaway.' })
  return bySeverity(result)
}

/**
 * The body's sections as a reader sees them: each heading starts a section, and its paragraphs and
 * list items (one line each) are its text. Text before the first heading is its own part.
 */
export function bodySections(body: Answer['body']): GroundingPart[] {
  const sections: { heading: string; lines: string[] }[] = []
  for (const node of (body?.root?.children ?? []) as { type?: string }[]) {
    const text = lexicalToText({ root: node })
    if (node.type === 'heading') {
      sections.push({ heading: text, lines: [] })
      continue
    }
    if (sections.length === 0) sections.push({ heading: 'Body', lines: [] })
    if (text) sections.at(-1)!.lines.push(text)
  }
  return sections.map(({ heading, lines }) => ({ heading, markdown: lines.join('\n') }))
}

/**
 * What a cited passage states, for the checks: its heading is guideline text too ("Treatment of
 * stage IV pancreatic cancer" backs "stage 4").
 */
export function passageText(passage: { heading?: string | null; text: string }): string {
  return passage.heading ? `${passage.heading}.\n${passage.text}` : passage.text
}
