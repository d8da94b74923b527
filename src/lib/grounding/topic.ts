import { contentTerms, words } from './terms'

/**
 * Whether an answer answers the question asked, judged from the question's key terms and the
 * answer's direct answer and headings (what a reader sees first). Four signals, each general:
 * - a treatment, test or aspect the question names (chemotherapy, side effects, survival...) must
 *   be named by the answer too (any word of its group);
 * - a question about the order of treatments ("chemotherapy before surgery") needs an answer that
 *   speaks of that order;
 * - an answer that names another cancer type and not the question's is about something else;
 * - at least half of the question's other content terms must appear in the answer.
 */

// Groups of words that name the same thing a question can ask about. A group named in the question
// must be named in the answer.
const GROUPS: { name: string; pattern: RegExp }[] = [
  { name: 'chemotherapy', pattern: /\bchemo(?:therap\w*)?\b|\bcytotoxic\b/ },
  { name: 'radiation', pattern: /\bradiation\b|\bradiotherap\w*|\bradiosurg\w*|\bbrachytherap\w*|\birradiat\w*|\bsbrt\b|\bproton\w*/ },
  { name: 'surgery', pattern: /\bsurg\w*|\boperat\w*|\bresect\w*|\b\w*ectomy\b|\bremov\w*|\bwhipple\b|\btransplant\w*/ },
  { name: 'immunotherapy', pattern: /\bimmunotherap\w*|\bcheckpoint\b|\bcar-?t\b|\bpembrolizumab\b|\bnivolumab\b/ },
  { name: 'targeted therapy', pattern: /\btargeted\b|\binhibitor\w*|\bmutation\w*/ },
  { name: 'hormone therapy', pattern: /\bhormon\w*|\bendocrine\b|\btamoxifen\b|\baromatase\b|\bandrogen\b|\badt\b/ },
  { name: 'screening', pattern: /\bscreen\w*|\bmammogra\w*|\bcolonoscop\w*|\bpsa\b|\bpap\b/ },
  { name: 'biopsy', pattern: /\bbiops\w*/ },
  { name: 'stent', pattern: /\bstent\w*|\bbypass\b/ },
  { name: 'palliative care', pattern: /\bpalliat\w*|\bhospice\b|\bcomfort care\b|\bsupportive care\b|\bsymptom\w*/ },
  { name: 'clinical trials', pattern: /\btrials?\b|\bstud(?:y|ies)\b|\bresearch\b/ },
  { name: 'side effects', pattern: /\bside[- ]effects?\b|\badverse\b|\btoxicit\w*|\bcomplications?\b|\bharms?\b/ },
  {
    name: 'survival',
    pattern: /\bsurviv\w*|\bprognos\w*|\boutlook\b|\blife expectancy\b|\balive\b|\bliv(?:e|es|ing)\b|\bmortality\b|\bdeaths?\b|\bcure\w*/,
  },
  { name: 'recurrence', pattern: /\brecur\w*|\bcome back\b|\bcomes back\b|\brelapse\w*/ },
  { name: 'fertility', pattern: /\bfertil\w*|\bpregnan\w*|\bchildren\b|\bbaby\b|\beggs?\b|\bsperm\b/ },
  { name: 'diet', pattern: /\bdiet\w*|\bfoods?\b|\beat\w*|\bnutrition\w*|\bsupplements?\b|\bvitamins?\b/ },
  { name: 'pain', pattern: /\bpain\w*|\bpainkill\w*|\bopioid\w*/ },
  { name: 'genetics', pattern: /\bgene\w*|\binherit\w*|\bhereditar\w*|\bbrca\w*|\blynch\b|\bfamily history\b/ },
  { name: 'exercise', pattern: /\bexercis\w*|\bphysical activity\b|\bactive\b/ },
  { name: 'smoking', pattern: /\bsmok\w*|\btobacco\b|\bcigarett\w*/ },
  { name: 'spread (metastatic disease)', pattern: /\bmetasta\w*|\bspread\w*|\bstage (?:iv|4)\b|\badvanced\b|\bdistant\b/ },
]

const TREATMENT = '(?:surgery|an operation|operation|chemo\\w*|radiation|radiotherapy|treatment|transplant|resection|immunotherapy)'
// A question about the order of treatments ("chemotherapy before surgery") is answered only by an
// answer that speaks of that order.
const TIMINGS: { name: string; asked: RegExp; answered: RegExp }[] = [
  {
    name: 'treatment given before another',
    asked: new RegExp(`\\b(?:before|prior to|ahead of)\\s+(?:\\w+\\s+){0,2}?${TREATMENT}|\\bneoadjuvant\\b|\\bpre-?operative\\b`),
    answered: /\bbefore\b|\bprior to\b|\bahead of\b|\bfirst\b|\bneoadjuvant\b|\bpre-?operative\b|\binduction\b|\bupfront\b/,
  },
  {
    name: 'treatment given after another',
    asked: new RegExp(`\\b(?:after|following)\\s+(?:\\w+\\s+){0,2}?${TREATMENT}|\\badjuvant\\b|\\bpost-?operative\\b`),
    answered: /\bafter\b|\bfollowing\b|\bfollowed by\b|\badjuvant\b|\bpost-?operative\b|\bonce\b|\bthen\b/,
  },
]

const CANCER_TYPES: { name: string; pattern: RegExp }[] = [
  { name: 'pancreatic', pattern: /\bpancrea\w*/ },
  { name: 'breast', pattern: /\bbreast\b/ },
  { name: 'lung', pattern: /\blungs?\b/ },
  { name: 'colorectal', pattern: /\bcolo\w*|\brect\w*|\bbowel\b/ },
  { name: 'prostate', pattern: /\bprostat\w*/ },
  { name: 'ovarian', pattern: /\bovar\w*/ },
  { name: 'skin', pattern: /\bmelanoma\b|\bskin\b/ },
  { name: 'blood', pattern: /\bleuk\w*|\blymphoma\w*|\bmyeloma\b/ },
  { name: 'liver', pattern: /\bliver\b|\bhepatocellular\b/ },
  { name: 'stomach', pattern: /\bstomach\b|\bgastric\b/ },
  { name: 'bladder', pattern: /\bbladder\b|\burothelial\b/ },
  { name: 'kidney', pattern: /\bkidneys?\b|\brenal\b/ },
  { name: 'cervical', pattern: /\bcervi\w*/ },
  { name: 'thyroid', pattern: /\bthyroid\b/ },
  { name: 'brain', pattern: /\bbrain\b|\bglioma\w*|\bglioblastoma\b/ },
  { name: 'esophageal', pattern: /\besophag\w*|\boesophag\w*/ },
]

// Words every cancer question shares: they say nothing about which question it is.
const CONTEXT_WORDS = new Set(
  'cancer cancers tumor tumors tumour tumours disease diagnosis diagnosed treat treated treating treatment treatments therapy therapies option options help work possible right good best need needed safe stage procedure procedures long take takes happen happens expect know normal okay ok'.split(
    ' ',
  ),
)

/** At least this share of the question's remaining key terms must appear in the answer. */
export const MIN_TOPIC_COVERAGE = 0.5

export type TopicResult = { onTopic: true } | { onTopic: false; reason: string }

export function checkTopic(question: string, answer: { directAnswer: string; headings: string[] }): TopicResult {
  const questionText = question.toLowerCase()
  const answerText = [answer.directAnswer, ...answer.headings].join('\n').toLowerCase()

  const missingGroups = GROUPS.filter((group) => group.pattern.test(questionText) && !group.pattern.test(answerText)).map(
    (group) => group.name,
  )
  if (missingGroups.length > 0) {
    return {
      onTopic: false,
      reason: `The question asks about ${missingGroups.join(' and ')}, but the direct answer and headings never mention it.`,
    }
  }

  const timing = TIMINGS.find((entry) => entry.asked.test(questionText) && !entry.answered.test(answerText))
  if (timing) {
    return {
      onTopic: false,
      reason: `The question asks about a ${timing.name} ("${questionText.match(timing.asked)![0]}"), but the direct answer and headings never speak of that order.`,
    }
  }

  const askedTypes = CANCER_TYPES.filter((type) => type.pattern.test(questionText))
  const answeredTypes = CANCER_TYPES.filter((type) => type.pattern.test(answerText))
  if (askedTypes.length > 0 && answeredTypes.length > 0 && !askedTypes.some((type) => answeredTypes.includes(type))) {
    return {
      onTopic: false,
      reason: `The question is about ${askedTypes.map((type) => type.name).join('/')} cancer, but the answer is about ${answeredTypes.map((type) => type.name).join('/')} cancer.`,
    }
  }

  const grouped = (word: string) => [...GROUPS, ...CANCER_TYPES].some((group) => group.pattern.test(word)) || CONTEXT_WORDS.has(word)
  const keyWords = words(question).filter((word) => !grouped(word))
  const keyTerms = contentTerms(keyWords.join(' '))
  if (keyTerms.size < 2) return { onTopic: true }
  const answerTerms = contentTerms(answerText)
  const missing = [...keyTerms].filter((term) => !answerTerms.has(term))
  if ((keyTerms.size - missing.length) / keyTerms.size < MIN_TOPIC_COVERAGE) {
    return {
      onTopic: false,
      reason: `The direct answer and headings leave out most of what the question asks about (missing: ${missing.join(', ')}).`,
    }
  }
  return { onTopic: true }
}
