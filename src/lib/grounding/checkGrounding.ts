import { splitClaims } from './claims'
import { figuresNotIn } from './numbers'
import { quoteOccursIn } from './quotes'
import { gradeOf, MAX_READING_GRADE, MIN_WORDS_FOR_GRADE, textStatistics } from './readingGrade'
import { checkSupport, type SupportResult } from './support'
import { contentTerms } from './terms'
import { checkTopic } from './topic'
import { findAbsolute, findDirective } from './wording'

/**
 * The claim-level checks of an answer (issue 13), whoever wrote it: pure and client-safe, so the
 * drafter, a save hook, the review screen and the evaluation (npm run eval:grounding) share them.
 */

export type GroundingCitation = { passageKey: string; quote?: string | null }
export type GroundingClaim = { text: string; citations: GroundingCitation[] }
/**
 * A part of the answer. Either claim by claim (each with its own citations) or, as drafts are
 * stored today, Markdown whose citations cover every claim in it.
 */
export type GroundingPart = {
  heading: string
  claims?: GroundingClaim[]
  markdown?: string
  citations?: GroundingCitation[]
}
export type GroundingInput = {
  question: string
  directAnswer: GroundingPart
  sections: GroundingPart[]
  /** Summary text not cited claim by claim (key takeaway): checked for wording and figures only. */
  uncitedSummary?: string
  /** Text of every passage the answer may cite, by key. */
  passages: Record<string, string>
}

export const FLAG_CODES = [
  'off_topic',
  'quote_not_in_passage',
  'unknown_passage',
  'number_not_in_source',
  'unsupported_claim',
  'directive_wording',
  'uncited_claim',
  'absolute_wording',
  'partly_supported',
  'reading_grade',
] as const
export type FlagCode = (typeof FLAG_CODES)[number]
export type Severity = 'high' | 'medium' | 'low'

const SEVERITY: Record<FlagCode, Severity> = {
  off_topic: 'high',
  quote_not_in_passage: 'high',
  unknown_passage: 'high',
  number_not_in_source: 'high',
  unsupported_claim: 'high',
  directive_wording: 'high',
  uncited_claim: 'medium',
  absolute_wording: 'medium',
  partly_supported: 'low',
  reading_grade: 'low',
}
const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 }

export type GroundingFlag = {
  code: FlagCode
  severity: Severity
  /** Which part of the answer: "direct answer", 'section "Why"', "key takeaway". */
  where: string
  /** The claim the flag is about, when it is about one. */
  claim?: string
  message: string
}

export type ClaimResult = { where: string; claim: string; citations: GroundingCitation[]; support: SupportResult | null }

export type GroundingReport = { flags: GroundingFlag[]; claims: ClaimResult[] }

/** Every flag, most severe first (document order within a severity), and each claim's support. */
export function checkGrounding(input: GroundingInput): GroundingReport {
  const flags: GroundingFlag[] = []
  const claims: ClaimResult[] = []
  const flag = (code: FlagCode, where: string, message: string, claim?: string) =>
    flags.push({ code, severity: SEVERITY[code], where, message, ...(claim === undefined ? {} : { claim }) })

  const parts = [
    { where: 'direct answer', part: input.directAnswer },
    ...input.sections.map((part) => ({ where: `section "${part.heading}"`, part })),
  ]

  // The whole answer: a direct answer may be "Not always." and leave the subject to its sections.
  const topic = checkTopic(input.question, {
    directAnswer: claimsOf(input.directAnswer)
      .map((claim) => claim.text)
      .join(' '),
    // The key takeaway is part of the answer the reader sees ("Chemotherapy is not a usual
    // treatment..." may be where the subject of a "Not usually." answer is named).
    claims: [
      ...input.sections.flatMap((section) => claimsOf(section)).map((claim) => claim.text),
      ...splitClaims(input.uncitedSummary ?? ''),
    ],
    headings: input.sections.map((section) => section.heading),
  })
  if (!topic.onTopic) flag('off_topic', 'whole answer', topic.reason)

  const citedKeys = new Set<string>()
  for (const { where, part } of parts) {
    // Each distinct citation of a part is checked once, however many claims share it.
    const seen = new Set<string>()
    for (const citation of [...(part.citations ?? []), ...(part.claims ?? []).flatMap((claim) => claim.citations)]) {
      const id = `${citation.passageKey}|${citation.quote ?? ''}`
      if (seen.has(id)) continue
      seen.add(id)
      const text = input.passages[citation.passageKey]
      if (text === undefined) {
        flag('unknown_passage', where, `Cites passage "${citation.passageKey}", which is not in the guideline library.`)
        continue
      }
      citedKeys.add(citation.passageKey)
      if (citation.quote) {
        const check = quoteOccursIn(citation.quote, text)
        if (!check.ok)
          flag('quote_not_in_passage', where, `Quote "${citation.quote}" from passage "${citation.passageKey}": ${check.reason}.`)
      }
    }

    for (const claim of claimsOf(part)) {
      const texts = claim.citations.map((citation) => input.passages[citation.passageKey]).filter((text) => text !== undefined)
      let support: SupportResult | null = null
      if (!isAttribution(claim.text)) {
        if (claim.citations.length === 0) {
          // "A 24-hour number to call" says when a service answers, not a medical figure.
          const text = claim.text.replace(SERVICE_HOURS, 'round-the-clock')
          if (needsCitation(text)) flag('uncited_claim', where, 'This claim cites no guideline passage.', claim.text)
          const figures = figuresNotIn(text, Object.values(input.passages))
          if (figures.length > 0) flag('number_not_in_source', where, numbersMessage(figures), claim.text)
        } else if (texts.length > 0) {
          support = checkSupport(claim.text, texts)
          if (support.missingFigures.length > 0) flag('number_not_in_source', where, numbersMessage(support.missingFigures), claim.text)
          if (support.verdict === 'unsupported') flag('unsupported_claim', where, support.reason, claim.text)
          else if (support.verdict === 'partial' && support.missingFigures.length === 0)
            flag('partly_supported', where, support.reason, claim.text)
        }
      }
      wording(claim.text, where, flag)
      claims.push({ where, claim: claim.text, citations: claim.citations, support })
    }

    const text = claimsOf(part)
      .map((claim) => claim.text)
      .join('\n')
    const statistics = textStatistics(text)
    const grade = gradeOf(statistics)
    if (grade !== null && grade > MAX_READING_GRADE && statistics.words >= MIN_WORDS_FOR_GRADE) {
      flag(
        'reading_grade',
        where,
        `Reading grade ${grade.toFixed(1)} is above the target of 6 to ${MAX_READING_GRADE} (Flesch-Kincaid). Use shorter sentences and simpler words.`,
      )
    }
  }

  if (input.uncitedSummary) {
    const cited = [...citedKeys].map((key) => input.passages[key]!)
    for (const sentence of splitClaims(input.uncitedSummary)) {
      const figures = figuresNotIn(sentence, cited)
      if (figures.length > 0) flag('number_not_in_source', 'key takeaway', numbersMessage(figures), sentence)
      wording(sentence, 'key takeaway', flag)
    }
  }

  return {
    flags: flags
      .map((item, order) => ({ item, order }))
      .sort((a, b) => RANK[a.item.severity] - RANK[b.item.severity] || a.order - b.order)
      .map(({ item }) => item),
    claims,
  }
}

const SERVICE_HOURS =
  /\b24[- ]hours?\b(?=\s+(?:a day\b|\w*\s*(?:number|line|helpline|phone|telephone|advice|service|contact|support)))|\b24\/7\b/gi

function claimsOf(part: GroundingPart): GroundingClaim[] {
  if (part.claims) return part.claims
  return splitClaims(part.markdown ?? '').map((text) => ({ text, citations: part.citations ?? [] }))
}

function wording(text: string, where: string, flag: (code: FlagCode, where: string, message: string, claim?: string) => void) {
  const directive = findDirective(text)
  if (directive)
    flag('directive_wording', where, `Directive wording aimed at the reader: "${directive}". Rephrase as general information.`, text)
  const absolute = findAbsolute(text)
  if (absolute) flag('absolute_wording', where, `Absolute wording: "${absolute}". Guidelines describe what is usual, not certain.`, text)
}

function numbersMessage(figures: { text: string }[]): string {
  return `${figures.map((figure) => `"${figure.text}"`).join(', ')} ${figures.length === 1 ? 'is' : 'are'} not in the cited passages.`
}

/** "Source: NCCN Guidelines, Version 1.2026." names where text comes from; it is not a claim. */
function isAttribution(text: string): boolean {
  return /^sources?\s*:/i.test(text)
}

// Pointing the reader to their own care team states nothing a guideline must back: "Your transplant
// team will explain...", "The palliative care service can help...", "Ask your surgeon's nurse...".
// A care provider is a person or service by role, whatever the specialty: "your" or "the" before up
// to three words ending in a role noun (team, nurse, service, clinic...) or a specialist's title
// (-ist, -ian: oncologist, haematologist, dietitian, physician).
const ROLE =
  "(?:team|teams|nurses?|doctors?|surgeons?|specialists?|services?|clinics?|units?|cent(?:re|er)s?|gps?|consultants?|keyworkers?|key workers?|staff|practitioners?|physicians?|radiographers?|counsell?ors?|social workers?|chaplains?|coordinators?|navigators?|midwi(?:fe|ves)|\\p{L}{3,}(?:ists?|ians?))\\b(?!['’-])"
const PROVIDER = `(?:your|the|an?|our)\\s+(?:[\\p{L}'’-]+\\s+){0,3}${ROLE}`
// Built once (PROVIDER is long); none is global, so none keeps state between calls.
const STARTS_WITH_PROVIDER = new RegExp(`^${PROVIDER}`, 'iu')
const NAMES_PROVIDER = new RegExp(PROVIDER, 'iu')
const PROVIDER_SUBJECT = new RegExp(
  `^${PROVIDER}(?:\\s+(?:and|or)\\s+(?:${PROVIDER}|${ROLE}))?(?:\\s+(?:at|from|in|of)\\s+${PROVIDER})?`,
  'iu',
)
const READER_CONTACTS = /\byou (?:can|could|may|will be able to) (?:contact|call|ring|email|ask|talk to|speak to)\b/i
// What a provider does in such a sentence, right after it (a modal or two between): talks with,
// helps or supports the reader. "The team gives chemotherapy to help..." is a claim about treatment.
const PROVIDER_ACTS =
  /^\s+(?:(?:can|could|will|would|may|might|is|are|also|usually|often|always|be|happy|able|there|to)\s+){0,4}(?:give you (?:a|the|their) (?:[\w-]+\s+){0,2}(?:number|contact|details|leaflet|information)|ask|talk|speak|discuss|explain|go(?:es)? through|tell|contact|call|answer|advise|arrange|organi[sz]e|support|help|guide|look after|care for|refer|examine|see you|the (?:person|people|place|ones?)\b)/i
// "Ask your team...", softened or not: "You may want to ask...", "It can help to talk to...".
const IMPERATIVE_REFERRAL =
  /^(?:please\s+|(?:you|patients?|people)\s+(?:should|could|can|may|might|will|need to|are welcome to)\s+(?:(?:want|wish|like)\s+to\s+|also\s+|first\s+|always\s+)*|it\s+(?:can|may|might|could|will|would)\s+(?:also\s+)?(?:help|be (?:useful|helpful|worth\w*|a good idea))\s+(?:to\s+)?|it\s+is\s+(?:useful|helpful|worth\w*|a good idea)\s+(?:to\s+)?)?(?:ask|talk(?: to| with)?|speak(?: to| with)?|tell|let|contact|call|see|discuss\b.*\bwith)\s+/i
const LEADING_CLAUSE = /^(?:(?:if|when|once|before|after|while)\b[^,]{1,80},\s*)?/i
// "Your doctor will explain that surgery cures it": a reported statement is still a claim.
const REPORTED_CLAIM = /\b(?:explain|tell|say|confirm)\w*\s+(?:you\s+|to you\s+)?that\b/i

/** Whether a sentence only points the reader to their care team (and so needs no citation). */
export function isReferral(text: string): boolean {
  if (REPORTED_CLAIM.test(text) || figuresNotIn(text, []).length > 0) return false
  const sentence = text.trim().replace(LEADING_CLAUSE, '')
  const imperative = sentence.match(IMPERATIVE_REFERRAL)
  if (imperative) return STARTS_WITH_PROVIDER.test(sentence.slice(imperative[0].length))
  // The reader contacting a provider ("a key worker, who you can contact with questions").
  if (READER_CONTACTS.test(sentence) && NAMES_PROVIDER.test(sentence)) return true
  const subject = sentence.match(PROVIDER_SUBJECT)
  if (subject === null) return false
  const rest = sentence.slice(subject[0].length)
  // "...will look at the results with you": a decision made together with the reader.
  if (/\bwith you\b/i.test(rest) && !NAMED_TREATMENT.test(rest)) return true
  const act = rest.match(PROVIDER_ACTS)
  if (!act) return false
  // "can help to manage pain with morphine", "will support you with steroids": what the provider
  // helps with is a treatment, a claim a guideline must back. Talking about it is not.
  return !(/(?:advise|arrange|organi[sz]e|support|help|guide|look after|care for)$/i.test(act[0]) && NAMED_TREATMENT.test(sentence))
}

// A medicine or procedure by name or by kind: drug stems (-mab, -nib, -platin...), procedures
// (-ectomy...) and the kinds of medicine a reader could be told to take.
const NAMED_TREATMENT =
  /\b(?:\p{L}+(?:mab|nib|platin|taxel|rubicin|ectomy|otomy|ostomy|azole|pam|olol|pril|sartan|statin)|morphine|opioids?|painkillers?|steroids?|antibiotics?|chemo\w*|radiotherap\w*|immunotherap\w*)\b/iu

/** Whether a sentence states something a guideline passage must back. */
export function needsCitation(sentence: string): boolean {
  const text = sentence.replace(SERVICE_HOURS, 'round-the-clock')
  if (/\?\s*$/.test(text)) return false
  if (isReferral(text)) return false
  return contentTerms(text).size >= 2
}
