export { checkGrounding, FLAG_CODES, needsCitation } from './checkGrounding'
export type {
  ClaimResult,
  FlagCode,
  GroundingCitation,
  GroundingClaim,
  GroundingFlag,
  GroundingInput,
  GroundingPart,
  GroundingReport,
  Severity,
} from './checkGrounding'
export { plainText, splitClaims, splitSentences } from './claims'
export { claimFigures, extractNumbers, figureMatches, figuresNotIn, type NumberMention } from './numbers'
export { normalizeForQuote, quoteOccursIn, type QuoteCheck } from './quotes'
export { MAX_READING_GRADE, readingGrade } from './readingGrade'
export { checkSupport, type SupportResult, type SupportVerdict } from './support'
export { checkTopic, type TopicResult } from './topic'
export { contentTerms, term } from './terms'
export { findAbsolute, findDirective } from './wording'
export { groundingInputFromDraft } from './fromDraft'
