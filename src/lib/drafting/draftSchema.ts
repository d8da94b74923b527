import { z } from 'zod'

import { MARKER } from '../claims/citeNode'
import { quoteOccursIn } from '../grounding/quotes'

/**
 * What a drafter returns, whichever it is (Claude or the extractive drafter). Claude receives this
 * as the JSON schema of its only tool; every answer is validated with it before anything is saved.
 */
const citation = z.object({
  passageKey: z.string().describe('Key of a retrieved passage, exactly as given, e.g. "12:met-surgery"'),
  quote: z.string().min(3).max(300).describe('A short exact quote from that passage supporting the claims that cite it'),
})

export const draftSchema = z.object({
  title: z.string().min(10).max(200).describe('The patient question as a clear question-style title'),
  directAnswer: z.string().min(20).max(800).describe('2-3 plain sentences answering the question directly'),
  directAnswerCitations: z.array(citation).min(1).max(6),
  sections: z
    .array(
      z.object({
        heading: z.string().min(3).max(120),
        markdown: z
          .string()
          .min(20)
          .max(4000)
          .describe(
            'Short paragraphs and "- " bullet lists; no headings inside. End every sentence or bullet that states a fact with the numbers of the citations below that support it, like [1] or [1][2]',
          ),
        citations: z.array(citation).min(1).max(8).describe('Numbered from 1 in this order; every one is marked on at least one claim'),
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

/** A Markdown link `[text](address)` or an autolink `<https://...>`. */
const LINK = /\]\(|<[a-z][a-z0-9+.-]*:[^\s>]*>/i

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
      if (quote.ok === false && quote.tooShort) problems.push(`${where}.citations.${index}: ${quote.reason}`)
      else if (!quote.ok) {
        problems.push(
          `${where}.citations.${index}: the quote "${citation.quote}" is not in passage "${citation.passageKey}": ${quote.reason}; copy the quote word for word from that passage`,
        )
      }
    })
  check('directAnswer', draft.directAnswerCitations)
  // The model cites with [n] markers and the page links the sources itself: a link of its own (a
  // marker written "[1](https://...)" included) would send patients to an address nobody chose.
  const texts: [string, string][] = [
    ['directAnswer', draft.directAnswer],
    ...draft.sections.flatMap((section, index): [string, string][] => [
      [`sections.${index}.heading`, section.heading],
      [`sections.${index}.markdown`, section.markdown],
    ]),
    ['keyTakeaway', draft.keyTakeaway],
  ]
  for (const [where, text] of texts)
    if (LINK.test(text)) problems.push(`${where}: no links; cite a source with its marker [n] alone, and write no web addresses as links`)
  draft.sections.forEach((section, index) => {
    check(`sections.${index}`, section.citations)
    // A heading is pasted into the body's Markdown: a line break in it would start paragraphs, headings or lists of its own.
    if (/[\r\n\u2028\u2029]/.test(section.heading))
      problems.push(`sections.${index}.heading: a heading is one line; put the section's text in its markdown`)
    // A marker in a heading would be pasted into the body as it stands, naming another section's citation or none.
    if (section.heading.match(MARKER))
      problems.push(`sections.${index}.heading: a heading carries no citation marker; put [n] after the sentence or bullet it supports`)
    // Claim-level citations: every marker names a citation of its section, and every citation is marked on a claim.
    const marked = new Set([...section.markdown.matchAll(MARKER)].map((match) => Number(match[1])))
    for (const n of marked)
      if (n < 1 || n > section.citations.length)
        problems.push(`sections.${index}.markdown: marker [${n}] names no citation (the section has ${section.citations.length})`)
    section.citations.forEach((_, citationIndex) => {
      if (!marked.has(citationIndex + 1))
        problems.push(
          `sections.${index}.citations.${citationIndex}: no claim is marked [${citationIndex + 1}]; put the marker after the sentence or bullet it supports`,
        )
    })
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, draft }
}
