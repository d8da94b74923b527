import { splitSentences } from '../grounding/claims'
import type { RankedPassage } from '../retrieval/passages'
import type { DraftOutput } from './draftSchema'
import { DraftFailure } from './failures'

const MAX_SECTIONS = 5

/**
 * A guideline's own reference numbers ("...to the liver [2]." in a PDQ summary) point into its
 * bibliography; in the draft's text "[2]" is a citation marker and would cite another passage of
 * ours (or none, failing the draft). They are left out of the text; quotes keep the passage's words.
 */
const REFERENCE_NUMBERS = /\s*\[\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\]/g
const withoutReferenceNumbers = (text: string) => text.replace(REFERENCE_NUMBERS, '')

/**
 * The offline drafter, used when no Anthropic API key is set: it writes nothing of its own about
 * medicine. It arranges the top-ranked guideline passages into the answer's sections, each quoting
 * and citing the passage it comes from, so the whole review workflow runs on a fresh machine.
 * Provenance and the admin label it "extractive, not written by a model".
 */
export function extractiveDraft({
  questionText,
  cancerTypeName,
  retrieved,
}: {
  questionText: string
  cancerTypeName: string
  retrieved: RankedPassage[]
}): DraftOutput {
  const pieces = retrieved.slice(0, MAX_SECTIONS).map((passage) => ({ passage, sentences: sentences(passage.text) }))
  // Fewer than three passages: split their sentences so the page still has its three sections.
  while (pieces.length < 3) {
    const splittable = pieces.find((piece) => piece.sentences.length > 1)
    if (!splittable) {
      throw new DraftFailure(
        `Not enough guideline text about ${cancerTypeName} matches this question to build a draft (${retrieved.length} passage(s)).`,
        false,
      )
    }
    const half = Math.ceil(splittable.sentences.length / 2)
    pieces.splice(pieces.indexOf(splittable) + 1, 0, { passage: splittable.passage, sentences: splittable.sentences.slice(half) })
    splittable.sentences = splittable.sentences.slice(0, half)
  }

  const top = pieces[0]!
  const cite = (piece: (typeof pieces)[number]) => ({ passageKey: piece.passage.key, quote: clip(piece.sentences[0]!, 300) })
  const directAnswer = clip(top.sentences.slice(0, 2).map(withoutReferenceNumbers).join(' '), 800)

  return {
    title: clip(questionText.endsWith('?') ? questionText : `${questionText}?`, 200),
    directAnswer: directAnswer.length >= 20 ? directAnswer : clip(withoutReferenceNumbers(top.passage.text), 800),
    directAnswerCitations: [cite(top)],
    sections: pieces.map((piece) => ({
      heading: clip(oneLine(piece.passage.heading) || `From ${oneLine(piece.passage.sourceTitle)}`, 120),
      // Every bullet is a sentence of the passage it cites: claim-level citation by construction.
      markdown: `${piece.sentences.map((sentence) => `- ${withoutReferenceNumbers(sentence)} [1]`).join('\n')}\n\nSource: ${oneLine(piece.passage.sourceTitle)}, ${oneLine(piece.passage.version)}.`,
      citations: [cite(piece)],
    })),
    questionsToAsk: [
      {
        question: 'How does this guidance apply to my own situation and test results?',
        why: 'Guidelines describe what is usual; your team knows the details of your case.',
      },
      {
        question: `What are the main treatment options for my ${cancerTypeName.toLowerCase()}, and what is the goal of each?`,
        why: 'Knowing the aim of each option helps you weigh them.',
      },
      {
        question: 'What side effects could I expect, and how would they be managed?',
        why: 'Planning for side effects makes treatment easier to cope with.',
      },
      {
        question: 'Is there a clinical trial that might fit my situation?',
        why: 'Trials can offer newer approaches that are not yet standard.',
      },
      {
        question: 'Which guidelines does my team follow, and have they changed recently?',
        why: 'Guidelines are updated as new research comes out.',
      },
    ],
    keyTakeaway: clip(`${top.sentences[0]} Your oncology team can explain what this means for you.`, 600),
  }
}

/**
 * The passage's sentences as the claim checks split them (so each bullet is one claim), each without
 * the list number or block mark it may start with: in the draft's Markdown, "- 1. Surgery..." or
 * "- # Surgery..." would put a list or a heading inside the bullet, away from its citation.
 */
function sentences(text: string): string[] {
  return splitSentences(text)
    .map((sentence) => sentence.replace(BLOCK_MARK, ''))
    .filter((sentence) => sentence.length > 0)
}
const BLOCK_MARK = /^(?:[-*+•]|\d{1,3}[.)]|[a-z][.)]|#{1,6}|>)\s+/i

/**
 * A sentence, a source's title or a passage's heading as one line: pasted into the draft's Markdown, a
 * line break (an editor's typo, text pasted from a PDF) would start a paragraph, a heading or a list
 * of its own, and a bullet split in two leaves a claim without its citation.
 */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length)}…`
}
