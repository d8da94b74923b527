import { z } from 'zod'

import { quoteOccursIn } from '../grounding/quotes'

/**
 * What a drafter returns, whichever it is (Claude or the extractive drafter). Claude receives this
 * as the JSON schema of its only tool; every answer is validated with it before anything is saved.
 */
const citation = z.object({
  passageKey: z.string().describe('Key of a retrieved passage, exactly as given, e.g. "12:met-surgery"'),
  quote: z.string().min(3).max(300).describe('A short exact quote from that passage supporting the section'),
})

export const draftSchema = z.object({
  title: z.string().min(10).max(200).describe('The patient question as a clear question-style title'),
  directAnswer: z.string().min(20).max(800).describe('2-3 plain sentences answering the question directly'),
  directAnswerCitations: z.array(citation).min(1).max(6),
  sections: z
    .array(
      z.object({
        heading: z.string().min(3).max(120),
        markdown: z.string().min(20).max(4000).describe('Short paragraphs and "- " bullet lists; no headings inside'),
        citations: z.array(citation).min(1).max(8),
      }),
    )
    .min(3)
    .max(6)
    .describe('In order: why; what the usual treatment is instead; rare exceptions; optionally one more'),
  questionsToAsk: z
    .array(z.object({ question: z.string().min(8).max(300), why: z.string().min(8).max(300) }))
    .min(4)
    .max(6),
  keyTakeaway: z.string().min(20).max(600),
})

export type DraftOutput = z.infer<typeof draftSchema>

export const draftJsonSchema = z.toJSONSchema(draftSchema)

export type DraftValidation = { ok: true; draft: DraftOutput } | { ok: false; problems: string[] }

/**
 * Schema check plus the grounding rules: every citation names a passage that was provided, and its
 * quote occurs in that passage (`provided` maps each provided passage key to its text).
 */
export function validateDraft(candidate: unknown, provided: ReadonlyMap<string, string>): DraftValidation {
  const parsed = draftSchema.safeParse(candidate)
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`) }
  }
  const draft = parsed.data
  const problems: string[] = []
  const check = (where: string, citations: DraftOutput['directAnswerCitations']) =>
    citations.forEach((citation, index) => {
      const passage = provided.get(citation.passageKey)
      if (passage === undefined) {
        problems.push(`${where}.citations.${index}: passage "${citation.passageKey}" was not provided; cite only the retrieved passages`)
        return
      }
      const quote = quoteOccursIn(citation.quote, passage)
      if (!quote.ok) {
        problems.push(
          `${where}.citations.${index}: the quote "${citation.quote}" is not in passage "${citation.passageKey}": ${quote.reason}; copy the quote word for word from that passage`,
        )
      }
    })
  check('directAnswer', draft.directAnswerCitations)
  draft.sections.forEach((section, index) => check(`sections.${index}`, section.citations))
  return problems.length > 0 ? { ok: false, problems } : { ok: true, draft }
}
