import { splitSentences } from './claims'
import { memoByText } from './memo'
import { figuresNotIn, passageNumbers, type NumberMention } from './numbers'
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

const RESTRICTION = /\bonly (?:if|when|after|once|for|in)\b|\bunless\b/i

// Kinds of treatment a claim can attribute to its passages ("chemotherapy may be given after surgery"
// cited to a passage about radiotherapy after surgery): a kind no cited passage mentions is not
// supported by them. Surgery is left out: "removed", "taken out", "cut out" name it in too many ways.
const MODALITIES: { name: string; pattern: RegExp }[] = [
  { name: 'chemotherapy', pattern: /\bchemo\w*|\bcytotoxic\b/i },
  {
    name: 'radiotherapy',
    pattern:
      /\b(?:chemo)?radiotherap\w*|\bchemoradiation\b|\bradiation\b|\bbrachytherap\w*|\birradiat\w*|\bsabr\b|\bsbrt\b|\bradiosurg\w*/i,
  },
  { name: 'immunotherapy', pattern: /\bimmunotherap\w*|\bcheckpoint inhibitor\w*|\bcar[ -]?t\b/i },
  { name: 'hormone therapy', pattern: /\bhormone (?:therapy|treatment)\w*|\bendocrine therapy\b|\bandrogen deprivation\b/i },
  { name: 'a transplant', pattern: /\btransplant\w*/i },
]

const CLAUSE_WORDS = new Set([
  ...['but', 'and', 'so', 'because', 'while', 'whereas', 'which', 'who', 'that', 'is', 'are', 'was', 'were'],
  ...['once', 'when', 'if', 'after', 'before', 'until', 'unless', 'since', 'where', 'although', 'though'],
])

// Phrases that contain a negation word but negate nothing: "chemotherapy, with or without
// immunotherapy" offers both; "not only", "whether or not", "no matter" neither deny nor restrict.
const NOT_NEGATIONS =
  /\b(?:with or without|whether or not|or not|not only|not just|no matter|if not|no longer than|not more than|no more than|not less than|no less than|no later than|no sooner than)\b/gi

// A negation belongs to its clause: a claim's clause is compared with the passage clause it restates,
// so "most women who have it do not have cancer" is not read against another sentence's "cancer".
const CLAUSE_BREAK = /[,;:()]|\s[-–—]\s|\b(?:but|although|though|while|whereas|because|unless|so that|which|except)\b/i

function clauses(text: string): string[] {
  return splitSentences(text)
    .flatMap((sentence) => sentence.split(new RegExp(CLAUSE_BREAK.source, 'gi')))
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0)
}

// What a treatment does, in groups of words for the same effect (the lemma of each word is looked
// up). A claim that says a treatment has an effect, or the opposite effect, that no cited passage
// states ("shrinks the tumour" for a passage about swelling; "lowers the risk" for "raises the
// risk") claims more than its source, however many other words match.
const EFFECTS: { name: string; words: string[] }[] = [
  { name: 'cure', words: ['cure', 'cures', 'cured', 'curing', 'curative', 'curable'] },
  { name: 'shrinking', words: ['shrink', 'shrank', 'shrunk', 'smaller'] },
  {
    name: 'lowering',
    words: [
      'lower',
      'lowers',
      'lowered',
      'lowering',
      'reduce',
      'reduces',
      'reduced',
      'reducing',
      'decrease',
      'decreases',
      'decreased',
      'cut',
      'cuts',
      'fewer',
    ],
  },
  {
    name: 'raising',
    words: ['raise', 'raises', 'raised', 'raising', 'increase', 'increases', 'increased', 'increasing', 'higher', 'boost', 'boosts'],
  },
  { name: 'prevention', words: ['prevent', 'prevents', 'prevented', 'preventing', 'prevention'] },
  { name: 'slowing', words: ['slow', 'slows', 'slowed', 'slowing', 'slower'] },
  {
    name: 'removal',
    words: [
      'remove',
      'removes',
      'removed',
      'removing',
      'removal',
      'removable',
      'resect',
      'resected',
      'resection',
      'excise',
      'excised',
      'excision',
      'ectomy',
    ],
  },
  {
    name: 'destruction',
    words: [
      'destroy',
      'destroys',
      'destroyed',
      'kill',
      'kills',
      'killed',
      'eliminate',
      'eliminates',
      'eliminated',
      'eradicate',
      'eradicates',
      'eradicated',
    ],
  },
  // "Improves survival" and "helps people live longer" are one benefit in other words.
  {
    name: 'benefit',
    words: [
      'improve',
      'improves',
      'improved',
      'improving',
      'improvement',
      'better',
      'benefit',
      'benefits',
      'prolong',
      'prolongs',
      'prolonged',
      'extend',
      'extends',
      'extended',
      'longer',
    ],
  },
  {
    name: 'relief or control',
    words: ['ease', 'eases', 'eased', 'relieve', 'relieves', 'relieved', 'relief', 'control', 'controls', 'controlled'],
  },
]

const EFFECT_TERMS = EFFECTS.map((effect) => ({ name: effect.name, terms: new Set(effect.words.map(term)) }))

// A passage that states a stronger or the same effect in other words backs a claim of this one:
// "lowers the risk" for a passage that says "prevents", "makes it smaller" for "reduces its size",
// "slows" for "controls".
const IMPLIED_BY: Record<string, string[]> = {
  lowering: ['prevention', 'shrinking', 'destruction'],
  slowing: ['relief or control'],
  'relief or control': ['slowing', 'lowering'],
  removal: ['destruction'],
  benefit: ['cure', 'relief or control'],
}

/** The effects `text` speaks of (whatever their polarity), compared as terms (lemma and stem). */
function effects(text: string): Set<string> {
  const found = new Set<string>()
  // "No longer" is time, not a benefit.
  // "Reduces the size of the tumour" is shrinking, not any lowering.
  if (/\b(?:reduc|lower|decreas)\w*\s+(?:the\s+|its\s+|their\s+)?size\b/i.test(text)) found.add('shrinking')
  for (const word of words(text.replace(/\bno longer\b/gi, ' '))) {
    const stem = /\p{L}ectom(?:y|ies)$/u.test(word) ? term('ectomy') : term(word)
    for (const effect of EFFECT_TERMS) if (effect.terms.has(stem)) found.add(effect.name)
  }
  return found
}

/** The content terms a negation applies to in `text`. */
const COPULAS = new Set(['is', 'are', 'was', 'were'])

function negatedTerms(text: string): Set<string> {
  const negated = new Set<string>()
  let scope = 0
  // The last content term before a negation in its clause, and whether the negation reached a term
  // after it: "chemotherapy is not given before surgery" negates nothing after "not" but "given" (a
  // stop word), so it is read as negating what comes before it in its clause.
  let previous: string | null = null
  let head: string | null = null
  let reached = true
  const end = () => {
    if (!reached && head) negated.add(head)
    scope = 0
    previous = null
    reached = true
  }
  // Punctuation, clause words and subordinators end a negation's reach: "has not spread, survival
  // is..." negates the spread, not the survival; "is not possible once it has spread" the possibility.
  for (const word of text
    .toLowerCase()
    .replace(NOT_NEGATIONS, ' ')
    .replace(/[’']/g, '')
    .match(/\p{L}[\p{L}\p{M}]*|[,;:.!?()]/gu) ?? []) {
    if (/^[,;:.!?()]$/.test(word) || CLAUSE_WORDS.has(word)) {
      // A copula ends a negation's reach but not its clause: "chemotherapy is not given" keeps
      // "chemotherapy" as what a bare "not" is about.
      const subject: string | null = COPULAS.has(word) ? previous : null
      end()
      previous = subject
      continue
    }
    if (NEGATIONS.has(word)) {
      if (!reached && head) negated.add(head)
      scope = DETERMINER_NEGATIONS.has(word) ? DETERMINER_SCOPE : NEGATION_SCOPE
      head = previous
      reached = false
      continue
    }
    if (isStopWord(word)) continue
    if (scope > 0) {
      negated.add(term(word))
      scope -= 1
      reached = true
    }
    previous = term(word)
  }
  end()
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
  const passageTerms = passagesTerms(passages.join(' '))
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
  // A gloss ("breast-conserving surgery (lumpectomy)", "also called a nephrectomy") names what the
  // passage describes in other words: it is not a further claim.
  const unglossed = claim.replace(/\([^)]*\)|\b(?:also |sometimes )?(?:called|known as)\s+(?:an?\s+|the\s+)?[\p{L}-]+/giu, ' ')
  const unnamed = [...new Set(words(unglossed).filter((word) => TREATMENT_NAME.test(word)))].filter(
    (word) => !passages.some((passage) => passageWords(passage).has(term(word))),
  )
  if (unnamed.length > 0) {
    return {
      verdict: 'unsupported',
      reason: `The cited passages never name ${unnamed.map((word) => `"${word}"`).join(', ')}.`,
      coverage,
      missingFigures,
    }
  }
  const passageText = passages.join(' ')
  const otherKind = MODALITIES.filter((kind) => kind.pattern.test(unglossed) && !kind.pattern.test(passageText)).map((kind) => kind.name)
  if (otherKind.length > 0) {
    return {
      verdict: 'unsupported',
      reason: `The claim speaks of ${otherKind.join(' and ')}, which the cited passages never mention.`,
      coverage,
      missingFigures,
    }
  }
  // "Only if it comes back", "only when...": a restriction the passages do not make.
  const restriction = claim.match(RESTRICTION)
  if (restriction && !passages.some((passage) => /\bonly\b|\bunless\b|\bexcept\b/i.test(passage))) {
    return {
      verdict: 'unsupported',
      reason: `The claim restricts it ("${restriction[0]}"), but the cited passages make no such restriction.`,
      coverage,
      missingFigures,
    }
  }
  const otherGroup = otherPopulation(missingFigures, passages)
  if (otherGroup) return { verdict: 'unsupported', reason: otherGroup, coverage, missingFigures }
  const passageEffects = passagesEffects(passages.join(' '))
  const addedEffects = [...effects(claim)].filter(
    (effect) => !passageEffects.has(effect) && !(IMPLIED_BY[effect] ?? []).some((stronger) => passageEffects.has(stronger)),
  )
  if (addedEffects.length > 0) {
    return {
      verdict: 'unsupported',
      reason: `The claim speaks of an effect the cited passages do not state (${addedEffects.join(', ')}), or of its opposite.`,
      coverage,
      missingFigures,
    }
  }
  // The passage units the claim's clauses restate, for the two checks that compare them.
  const restated = restatements(claim, claimTerms, passages)
  const flipped = flippedSentence(restated)
  if (flipped) {
    return {
      verdict: 'unsupported',
      reason: `The claim and the passage it restates disagree on a negation: the passage says "${flipped}".`,
      coverage,
      missingFigures,
    }
  }
  const stronger = overstated(restated)
  if (stronger) {
    return {
      verdict: 'unsupported',
      reason: `The claim says this is usual ("most", "usually"), but the passage it restates says it applies only to some: "${stronger}".`,
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

// What checkSupport derives from the cited passages' text alone, once per text rather than once per
// claim (an answer's claims cite the same few passages). Never mutated by the checks.
const passagesTerms = memoByText(contentTerms, 500)
const passagesEffects = memoByText(effects, 500)
const passageWords = memoByText((passage) => new Set(words(passage).map(term)), 500)
/** A passage's sentences and their clauses, the units a claim's clause may restate. */
const passageUnits = memoByText(
  (passage) =>
    splitSentences(passage).flatMap((sentence) =>
      [sentence, ...clauses(sentence)].map((unit) => ({ unit, sentence, terms: contentTerms(unit) })),
    ),
  500,
)

function figuresReason(figures: NumberMention[]): string {
  return `Not in the cited passages: ${figures.map((figure) => `"${figure.text}"`).join(', ')}.`
}

type Restatement = { claimClause: string; unit: string; sentence: string; terms: string[] }

/**
 * Each clause of the claim with the passage unit it restates: the passage sentence or clause sharing
 * most of its terms (at least 60% of the claim clause's terms and two of them); on a tie the smaller
 * unit is the one restated.
 */
function restatements(claim: string, claimTerms: Set<string>, passages: string[]): Restatement[] {
  const units = passages.flatMap((passage) => passageUnits(passage))
  const found: Restatement[] = []
  for (const claimClause of clauses(claim)) {
    const terms = [...contentTerms(claimClause)].filter((term) => claimTerms.has(term))
    if (terms.length < 2) continue
    // Every unit of every cited passage is compared with every clause: counted, not copied.
    let best: (typeof units)[number] | undefined
    let bestShared = 0
    for (const candidate of units) {
      let shared = 0
      for (const term of terms) if (candidate.terms.has(term)) shared += 1
      if (!best || shared > bestShared || (shared === bestShared && candidate.terms.size < best.terms.size)) {
        best = candidate
        bestShared = shared
      }
    }
    if (!best || bestShared < 2 || bestShared / terms.length < 0.6) continue
    const restated = best
    found.push({ claimClause, unit: restated.unit, sentence: restated.sentence, terms: terms.filter((term) => restated.terms.has(term)) })
  }
  return found
}

/** The passage unit a claim's clause restates, when the two disagree on what they negate; or null. */
function flippedSentence(restated: Restatement[]): string | null {
  for (const { claimClause, unit, terms } of restated) {
    // A term both say something about, negated in one and not in the other.
    const [inClaim, inPassage] = [negatedTerms(claimClause), negatedTerms(unit)]
    if (terms.some((term) => inClaim.has(term) !== inPassage.has(term))) return unit
  }
  return null
}

// How often or for how many: a claim that says "most" or "usually" where the sentence it restates
// says "some" or "sometimes" (and no word as strong) claims more than its source.
const FREQUENT =
  /(?<!\bnot\s)\b(?:most|mostly|the majority|majority of|usually|generally|typically|commonly|nearly all|almost all|standard|routinely)\b/i
// "A few weeks", "some time": a duration, not how many people.
const OCCASIONAL =
  /\b(?:(?:some|a few|few)(?!\s+(?:time|times|days?|weeks?|months?|years?|hours?|minutes?|cycles?|sessions?|doses?)\b)|sometimes|occasionally|rarely|a minority|a small number|in certain|certain)\b/i

/** The passage sentence whose "some" the claim turns into "most", or null. */
function overstated(restated: Restatement[]): string | null {
  for (const { claimClause, sentence } of restated) {
    if (FREQUENT.test(claimClause) && OCCASIONAL.test(sentence) && !FREQUENT.test(sentence)) return sentence
  }
  return null
}

/**
 * A claim about another stage or grade than its passages ("stage 3" cited to a passage about stage
 * 1) is about other people: unsupported, not only a figure to check.
 */
function otherPopulation(missing: NumberMention[], passages: string[]): string | null {
  const stated = passages.flatMap((passage) => passageNumbers(passage))
  for (const figure of missing) {
    if (figure.unit !== 'stage' && figure.unit !== 'grade') continue
    const other = stated.find((candidate) => candidate.unit === figure.unit)
    if (other) return `The claim is about ${figure.text}, but the cited passages speak of ${other.text}.`
  }
  return null
}

/** The first universal phrase of `text` that no hedge precedes ("not everyone"), or null. */
function unhedgedUniversal(text: string): string | null {
  for (const match of text.matchAll(UNIVERSAL)) {
    if (!HEDGED_UNIVERSAL.test(text.slice(0, match.index))) return match[0]
  }
  return null
}
