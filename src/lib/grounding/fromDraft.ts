import { markedMarkdownClaims } from '../claims/answerClaims'
import type { DraftOutput } from '../drafting/draftSchema'
import type { GroundingInput, GroundingPart } from './checkGrounding'

/**
 * A drafter's output as the grounding checks' input: the direct answer's claims share its citations;
 * a section's claims cite what their "[n]" markers name, as they will once saved (src/lib/claims).
 */
export function groundingInputFromDraft(question: string, draft: DraftOutput, passages: Record<string, string>): GroundingInput {
  return {
    question,
    directAnswer: { heading: 'Direct answer', markdown: draft.directAnswer, citations: draft.directAnswerCitations },
    sections: draft.sections.map((section): GroundingPart => ({
      heading: section.heading,
      claims: markedMarkdownClaims(section.markdown).map((claim) => ({
        text: claim.text,
        citations: claim.markers.flatMap((n) => section.citations[n - 1] ?? []),
      })),
    })),
    uncitedSummary: draft.keyTakeaway,
    passages,
  }
}
