import { splitSentences } from './claims'
import { figuresNotIn, type NumberMention } from './numbers'
import { contentTerms, isStopWord, term, words } from './terms'

export type SupportVerdict = 'supported' | 'partial' | 'unsupported'

export type SupportResult = {
  verdict: SupportVerdict
  reason: string
  /** Share of the claim's content terms that the cited passages contain (0-1). */
  coverage: number
  /** Figures of the claim that no cited passage states: always a flag of their own. */
  missingFigures: NumberMention[]
}

/** At least this share of a claim's content terms must be in its passages for "supported". */
export const SUPPORTED_COVERAGE = 0.5
/** Below this share the passages are about something else: "unsupported". */
export const UNSUPPORTED_COVERAGE = 0.3

// Words that turn what follows into its opposite; a claim and the passage sentence it restates must
// agree on what they negate.
const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'isnt',
  'arent',
  'wont',
  'wasnt',
  'werent',
  'neither',
  'nor',
  'none',
  'nothing',
  'rarely',
  'seldom',
  'unlikely',
  'without',
  'lack',
  'lacks',
  'fails',
  'fail',
  'unable',
  'ineffective',
])
/** How many content words after a negation it applies to ("not usually recommended for surgery"). */
const NEGATION_SCOPE = 3
// A negating determiner applies to its noun phrase only: "no worrying features" negates the
// features, not the verb after them.
const DETERMINER_NEGATIONS = new Set(['no', 'without', 'none', 'nothing', 'lack', 'lacks'])
const DETERMINER_SCOPE = 2

// A claim about everyone ("offered to everyone", "all patients") is more than a passage about some
// ("can be offered to people at higher risk") says. "Not everyone", "almost all" are hedges.
const UNIVERSAL =
  /\b(?:(?:everyone|everybody|anyone|anybody)(?!['’]s)|all (?:people|patients|women|men|adults|children|cases|tumou?rs|cancers)|every (?:patient|person|case|woman|man|adult|tumou?r)|each (?:patient|person)|regardless of|in all cases|no matter)\b/gi
const HEDGED_UNIVERSAL = /\b(?:not|almost|nearly|hardly|virtually)\s+$/i

// Names of treatments and procedures a claim can attribute to its passages: a procedure ("radical
// hysterectomy", "nephrectomy") or drug ("pembrolizumab", "cisplatin") the cited passages never
// name is not supported by them, however many other words match.
const TREATMENT_NAME = /^\p{L}+(?:ectomy|ectomies|otomy|ostomy|mab|nib|platin|taxel|rubicin)$/u

const CLAUSE_WORDS = new Set(['but', 'and', 'so', 'because', 'while', 'whereas', 'which', 'who', 'that', 'is', 'are', 'was', 'were'])

/** The content terms a negation applies to in `text`. */
function negatedTerms(text: string): Set<string> {
  const negated = new Set<string>()
  let scope = 0
  // Punctuation and clause words end a negation's reach: "has not spread, survival is..." negates
  // the spread, not the survival.
  for (const word of text
    .toLowerCase()
    .replace(/[’']/g, '')
    .match(/\p{L}[\p{L}\p{M}]*|[,;:.!?()]/gu) ?? []) {
    if (/^[,;:.!?()]$/.test(word) || CLAUSE_WORDS.has(word)) {
      scope = 0
      continue
    }
    if (NEGATIONS.has(word)) {
      scope = DETERMINER_NEGATIONS.has(word) ? DETERMINER_SCOPE : NEGATION_SCOPE
      continue
    }
    if (scope > 0 && !isStopWord(word)) {
      negated.add(term(word))
      scope -= 1
    }
  }
  return negated
}

/**
 * The offline support check of a claim against the texts of the passages it cites: lexical (share
 * of the claim's content terms found in the passages, after stop words and stemming), polarity (a
 * claim that restates a passage sentence must not flip its negation) and numeric (every figure of
 * the claim must be stated by a passage).
 */
export function checkSupport(claim: string, passages: string[]): SupportResult {
  const missingFigures = figuresNotIn(claim, passages)
  const claimTerms = contentTerms(claim)
  if (passages.length === 0) return { verdict: 'unsupported', reason: 'The claim cites no passage.', coverage: 0, missingFigures }
  if (claimTerms.size === 0) {
    return missingFigures.length > 0
      ? { verdict: 'partial', reason: figuresReason(missingFigures), coverage: 1, missingFigures }
      : { verdict: 'supported', reason: 'The claim has no content words to compare.', coverage: 1, missingFigures }
  }
  const passageTerms = contentTerms(passages.join(' '))
  const shared = [...claimTerms].filter((term) => passageTerms.has(term))
  const coverage = shared.length / claimTerms.size
  const missingTerms = [...claimTerms].filter((term) => !passageTerms.has(term))

  if (coverage < UNSUPPORTED_COVERAGE) {
    return {
      verdict: 'unsupported',
      reason: `The cited passages do not say this: only ${shared.length} of the claim's ${claimTerms.size} content words are in them (missing: ${missingTerms.slice(0, 6).join(', ')}).`,
      coverage,
      missingFigures,
    }
  }
  const universal = unhedgedUniversal(claim)
  if (universal && !passages.some((passage) => unhedgedUniversal(passage))) {
    return {
      verdict: 'unsupported',
      reason: `The claim speaks of "${universal}", but the cited passages say nothing that general: they may apply only to some people.`,
      coverage,
      missingFigures,
    }
  }
  const passageWords = new Set(passages.flatMap((passage) => words(passage)).map(term))
  // A gloss ("breast-conserving surgery (lumpectomy)", "also called a nephrectomy") names what the
  // passage describes in other words: it is not a further claim.
  const unglossed = claim.replace(/\([^)]*\)|\b(?:also |sometimes )?(?:called|known as)\s+(?:an?\s+|the\s+)?[\p{L}-]+/giu, ' ')
  const unnamed = [...new Set(words(unglossed).filter((word) => TREATMENT_NAME.test(word)))].filter((word) => !passageWords.has(term(word)))
  if (unnamed.length > 0) {
    return {
      verdict: 'unsupported',
      reason: `The cited passages never name ${unnamed.map((word) => `"${word}"`).join(', ')}.`,
      coverage,
      missingFigures,
    }
  }
  const flipped = flippedSentence(claim, claimTerms, passages)
  if (flipped) {
    return {
      verdict: 'unsupported',
      reason: `The claim and the passage it restates disagree on a negation: the passage says "${flipped}".`,
      coverage,
      missingFigures,
    }
  }
  if (missingFigures.length > 0) return { verdict: 'partial', reason: figuresReason(missingFigures), coverage, missingFigures }
  if (coverage < SUPPORTED_COVERAGE) {
    return {
      verdict: 'partial',
      reason: `The cited passages support only part of the claim (${shared.length} of ${claimTerms.size} content words; missing: ${missingTerms.slice(0, 6).join(', ')}).`,
      coverage,
      missingFigures,
    }
  }
  return {
    verdict: 'supported',
    reason: `${shared.length} of the claim's ${claimTerms.size} content words are in the cited passages.`,
    coverage,
    missingFigures,
  }
}

function figuresReason(figures: NumberMention[]): string {
  return `Not in the cited passages: ${figures.map((figure) => `"${figure.text}"`).join(', ')}.`
}

/** The passage sentence the claim restates (most shared terms), when the two disagree on negation. */
function flippedSentence(claim: string, claimTerms: Set<string>, passages: string[]): string | null {
  let best: { sentence: string; overlap: number } | null = null
  for (const sentence of passages.flatMap((passage) => splitSentences(passage))) {
    const terms = contentTerms(sentence)
    const overlap = [...claimTerms].filter((term) => terms.has(term)).length / claimTerms.size
    if (!best || overlap > best.overlap) best = { sentence, overlap }
  }
  if (!best || best.overlap < 0.6) return null
  // A term both say something about, negated in one and not in the other.
  const [inClaim, inPassage] = [negatedTerms(claim), negatedTerms(best.sentence)]
  const passageTerms = contentTerms(best.sentence)
  const flipped = [...claimTerms].some((shared) => passageTerms.has(shared) && inClaim.has(shared) !== inPassage.has(shared))
  return flipped ? best.sentence : null
}

/** The first universal phrase of `text` that no hedge precedes ("not everyone"), or null. */
function unhedgedUniversal(text: string): string | null {
  for (const match of text.matchAll(UNIVERSAL)) {
    if (!HEDGED_UNIVERSAL.test(text.slice(0, match.index))) return match[0]
  }
  return null
}
