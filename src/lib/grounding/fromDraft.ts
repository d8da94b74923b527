import type { DraftOutput } from '../drafting/draftSchema'
import type { GroundingInput } from './checkGrounding'

/**
 * A drafter's output as the grounding checks' input: the direct answer and each section keep their
 * own citations (each citation covers every claim of its part, as drafts are made today).
 */
export function groundingInputFromDraft(question: string, draft: DraftOutput, passages: Record<string, string>): GroundingInput {
  return {
    question,
    directAnswer: { heading: 'Direct answer', markdown: draft.directAnswer, citations: draft.directAnswerCitations },
    sections: draft.sections.map((section) => ({ heading: section.heading, markdown: section.markdown, citations: section.citations })),
    uncitedSummary: draft.keyTakeaway,
    passages,
  }
}
