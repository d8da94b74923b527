import { contentTerms, words } from './terms'

/**
 * Whether an answer answers the question asked. A false "off topic" on a good answer costs the
 * reviewer's trust in every other flag, so this check is conservative: it reads the WHOLE answer
 * (every claim and heading, not only the direct answer, which may be "Not always." or use a
 * pronoun) and flags only when the answer clearly leaves out the question's core subject. Four
 * signals, each general:
 * - a treatment, test or aspect the question names (chemotherapy, screening, side effects,
 *   symptoms...) is named nowhere in the answer (any word of its group). A single passing mention
 *   counts as an answer: asking for more (the direct answer, a heading, two claims) flagged good
 *   answers that name their subject once;
 * - a question about the order of treatments ("chemotherapy before surgery") gets an answer that
 *   never speaks of an order of treatments;
 * - the question names a cancer type ("bladder cancer", "melanoma") that the answer never names,
 *   while the answer's own subject is another named cancer;
 * - the question names two cancer types and the answer leaves one out;
 * - almost none of the question's other content terms (after lemmatising) occur in the answer.
 */

// Groups of words that name the same thing a question can ask about. A group named in the question
// must be named somewhere in the answer.
const GROUPS: { name: string; pattern: RegExp }[] = [
  { name: 'chemotherapy', pattern: /\bchemo(?:therap\w*)?\b|\bcytotoxic\b|\bcisplatin\b|\bcarboplatin\b/ },
  {
    name: 'radiation',
    pattern:
      /\bradiation\b|\b(?:chemo)?radiotherap\w*|\bchemoradiation\b|\bradiosurg\w*|\bbrachytherap\w*|\birradiat\w*|\bsbrt\b|\bproton\w*|\bradioactive\b/,
  },
  {
    name: 'surgery',
    pattern: /\bsurg\w*|\boperat\w*|\bresect\w*|\b\w*ectomy\b|\bremov\w*|\btaken out\b|\bwhipple\b|\btransplant\w*/,
  },
  { name: 'immunotherapy', pattern: /\bimmunotherap\w*|\bcheckpoint\b|\bcar-?t\b|\b\w+mab\b|\bbcg\b/ },
  { name: 'targeted therapy', pattern: /\btargeted\b|\binhibitor\w*|\bmutation\w*|\b\w+nib\b/ },
  { name: 'hormone therapy', pattern: /\bhormon\w*|\bendocrine\b|\btamoxifen\b|\baromatase\b|\bandrogen\b|\badt\b/ },
  {
    name: 'screening',
    pattern: /\bscreen\w*|\bmammogra\w*|\bcolonoscop\w*|\bpsa\b|\bpap\b|\bsmear\w*|\bhpv test\w*|\bcheck-?ups?\b/,
  },
  { name: 'biopsy', pattern: /\bbiops\w*/ },
  { name: 'stent', pattern: /\bstent\w*|\bbypass\b/ },
  { name: 'palliative care', pattern: /\bpalliat\w*|\bhospice\b|\bcomfort care\b|\bsupportive care\b|\bend of life\b/ },
  { name: 'symptoms and signs', pattern: /\bsymptom\w*|\bsigns?\b|\bwarning\b|\bnotic\w*/ },
  { name: 'causes and risk', pattern: /\bcaus\w*|\brisk\w*|\bprevent\w*|\blinked\b|\bavoid\w*/ },
  // A question about a difference is answered by an answer that compares.
  { name: 'a comparison', pattern: /\bdifferen\w*|\bcompar\w*|\bversus\b|\bvs\b|\bunlike\b|\bwhereas\b|\bthan\b/ },
  { name: 'clinical trials', pattern: /\btrials?\b|\bstud(?:y|ies)\b|\bresearch\b/ },
  {
    name: 'side effects',
    pattern:
      /\bside[- ]effects?\b|\beffects?\b|\badverse\b|\btoxicit\w*|\bcomplications?\b|\bharms?\b|\bdamag\w*|\bproblems?\b|\blate effects?\b/,
  },
  {
    name: 'survival',
    pattern:
      /\bsurviv\w*|\bprognos\w*|\boutlook\b|\blife expectancy\b|\balive\b|\bliv(?:e|es|ing)\b|\bmortality\b|\bdeaths?\b|\bcur(?:e|es|ed|able)\b/,
  },
  { name: 'recurrence', pattern: /\brecur\w*|\bcomes? back\b|\bcoming back\b|\bcame back\b|\brelapse\w*|\breturn(?:s|ed|ing)?\b/ },
  // "Can I have children?" is about fertility; "brain tumours in children" is about a population.
  {
    name: 'fertility',
    pattern:
      /\bfertil\w*|\bpregnan\w*|\b(?:have|having|father|fathering|start a family)\s+(?:(?:a|more|any)\s+)?(?:children|child|baby|babies|kids)\b|\bbaby\b|\beggs?\b|\bsperm\b/,
  },
  {
    name: 'children (paediatric care)',
    pattern:
      /(?<!\b(?:have|having|father|fathering|more|any|a|another)\s+)\b(?:children|child|childhood|kids|infants|teenagers?|young people)\b|\bp(?:a)?ediatric\w*|\bmy (?:son|daughter)\b/,
  },
  {
    name: 'older people',
    pattern:
      /\bolder (?:people|adults?|patients|men|women)\b|\belderly\b|\b(?:over|above|aged) (?:\d{2}|sixty|seventy|eighty)\b|\bin (?:their|your|my) (?:[5-9]0s|sixties|seventies|eighties)\b|\bold age\b/,
  },
  { name: 'diet', pattern: /\bdiet\w*|\bfoods?\b|\beat\w*|\bnutrition\w*|\bsupplements?\b|\bvitamins?\b/ },
  { name: 'pain', pattern: /\bpain\w*|\bpainkill\w*|\bopioid\w*/ },
  { name: 'genetics', pattern: /\bgenes?\b|\bgenetic\w*|\binherit\w*|\bhereditar\w*|\bbrca\w*|\blynch\b|\bfamily history\b/ },
  { name: 'exercise', pattern: /\bexercis\w*|\bphysical activity\b|\bactive\b/ },
  { name: 'smoking', pattern: /\bsmok\w*|\btobacco\b|\bcigarett\w*/ },
  {
    // "Locally advanced" cancer has grown nearby but not spread far: it is not metastatic disease.
    name: 'spread (metastatic disease)',
    pattern: /\bmetasta\w*|\bspread\w*|\bstage (?:iv|4)\b|(?<!locally )\badvanced\b|\bdistant\b/,
  },
]

const TREATMENT_GROUPS = new Set(['chemotherapy', 'radiation', 'surgery', 'immunotherapy', 'targeted therapy', 'hormone therapy'])
// A mention that rules the treatment out: a negation before it in its clause ("cannot have an
// operation", "without surgery", "instead of surgery") or "is not possible" after it.
const RULED_OUT_BEFORE = /\b(?:not|cannot|can['’]?t|unable|unsuitable|unfit|without|instead of|rather than|no)\b[^,.;:]*$/
const RULED_OUT_AFTER =
  /^[^,.;:]{0,30}?\b(?:is|are|was|isn['’]t|aren['’]t)\s+(?:not\s+)?(?:usually\s+)?(?:not\s+)?(?:possible|suitable|an option|recommended)\b/

const RULED_OUT_GROUPS = new Set([...TREATMENT_GROUPS, 'spread (metastatic disease)'])

function noneRuledOut(pattern: RegExp, answerText: string): boolean {
  for (const match of answerText.matchAll(new RegExp(pattern.source, 'g'))) {
    if (ruledOut(answerText, match.index, match[0].length)) return false
  }
  return true
}

function ruledOut(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index)
  const after = text.slice(index + length)
  return RULED_OUT_BEFORE.test(before) || (RULED_OUT_AFTER.test(after) && /\bnot\b|n['’]t\b/.test(after.slice(0, 40)))
}

function onlyRuledOut(pattern: RegExp, text: string): boolean {
  for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) {
    if (!ruledOut(text, match.index, match[0].length)) return false
  }
  return true
}

const TREATMENT =
  '(?:surgery|an operation|operation|chemo\\w*|radiation|radiotherapy|brachytherapy|transplant\\w*|resection|immunotherapy|\\w+ectomy|radioactive iodine)'
// A question asks about an order of treatments only when a treatment comes just before the order
// word ("chemotherapy before surgery", "more treatment after surgery"); otherwise "after surgery" is a
// point in time ("Can I have children after chemotherapy?", "What happens after surgery?").
const GIVEN = `\\b(?:${TREATMENT.slice(3, -1)}|treatments?|therapy|therapies|drugs?|medicines?|radiotherapy|tablets)\\b[^?,;]{0,25}?`
// A question about the order of treatments ("chemotherapy before surgery") is answered only by an
// answer that speaks of an order of treatments: an order word next to a treatment, or a term that
// means one ("neoadjuvant"). "The usual first treatment" is not an order of treatments.
const TIMINGS: { name: string; asked: RegExp; answered: RegExp; missing: string }[] = [
  {
    name: 'treatment given before another',
    asked: new RegExp(
      `${GIVEN}\\b(?:before|prior to|ahead of)\\s+(?:(?:a|an|the|my|your|any)\\s+)?${TREATMENT}|\\bneoadjuvant\\b|\\bpre-?operative\\b`,
    ),
    answered: new RegExp(
      `\\b(?:before|prior to|ahead of)\\s+(?:\\w+\\s+){0,2}?${TREATMENT}|\\bneoadjuvant\\b|\\bpre-?operative\\b|\\binduction\\b|\\bupfront\\b|\\bfollowed by\\b|\\bthen\\s+(?:\\w+\\s+){0,2}?${TREATMENT}`,
    ),
    missing: 'never speaks of an order of treatments',
  },
  {
    name: 'treatment given after another',
    asked: new RegExp(
      `${GIVEN}\\b(?:after|following)\\s+(?:(?:a|an|the|my|your|any)\\s+)?${TREATMENT}|\\badjuvant\\b|\\bpost-?operative\\b`,
    ),
    answered: new RegExp(
      `\\b(?:after|following|once)\\s+(?:\\w+\\s+){0,3}?${TREATMENT}|\\badjuvant\\b|\\bpost-?operative\\b|\\bfollowed by\\b|\\bthen\\b`,
    ),
    missing: 'never speaks of an order of treatments',
  },
  // "Radiotherapy alone instead of surgery" asks about replacing one treatment by another; an
  // answer about the usual combination never weighs that.
  {
    name: 'treatment used instead of another',
    asked: new RegExp(
      `\\b(?:instead of|rather than|in place of|(?:an )?alternative to)\\b|\\b${TREATMENT}\\s+(?:alone|on its own|by itself)\\b|\\bwithout\\s+(?:(?:a|an|the|my|having)\\s+)?${TREATMENT}`,
    ),
    answered:
      /\b(?:instead|rather than|in place of|alternatives?|alone|on its own|by itself|without|only if|unless|not suitable|cannot have|can'?t have|not possible|spar\w*|preserv\w*|avoid\w*|keep)\b/,
    missing: 'never speaks of one treatment replacing another',
  },
  // "What if it comes back?" asks about the cancer after it has come back; "lowers the chance of it
  // coming back" or "the time before it comes back" is about preventing that, another question.
  {
    name: 'cancer that has come back',
    asked:
      /\b(?:if|when|once|after)\b[^?,.;]{0,40}?\b(?:comes? back|came back|has come back|recurs?|returns?|relapses?|progresses)\b|\b(?:recurrent|relapsed|refractory)\b|\brecurrence\b[^?]*\btreat/,
    answered:
      /\b(?:if|when|once|after)\b[^.,;]{0,40}?\b(?:comes? back|came back|has come back|recurs?|returns?|relapses?|progresses)\b|\b(?:recurrent|relapsed|refractory|at relapse|second-line|later lines?)\b|\b(?:that|which) (?:has )?(?:come|comes|came) back\b|\btreat\w* (?:a |the )?(?:recurrence|relapse)/,
    missing: 'never speaks of the cancer once it has come back',
  },
]

// A cancer type is named by the disease's own name or by its organ next to a word for a cancer
// ("lung cancer", "kidney tumour"): an organ alone ("heart and lung problems") names no cancer.
const CANCER = '(?:\\s+\\w+)?\\s+(?:cancers?|tumou?rs?|carcinomas?|masse?s?|malignanc\\w*)'
const CANCER_TYPES: { name: string; named: RegExp; organ: RegExp }[] = [
  { name: 'pancreatic', named: /\bpancreatic\b/, organ: /\bpancrea\w*/ },
  { name: 'breast', named: new RegExp(`\\bbreast${CANCER}`), organ: /\bbreasts?\b/ },
  { name: 'lung', named: new RegExp(`\\blungs?${CANCER}|\\bmesothelioma\\b`), organ: /\blungs?\b/ },
  {
    name: 'colorectal',
    named: new RegExp(`\\b(?:colorectal|colon|rectal|bowel)${CANCER}|\\bcolorectal\\b`),
    organ: /\bcolo\w*|\brect\w*|\bbowel\b/,
  },
  { name: 'prostate', named: new RegExp(`\\bprostate${CANCER}`), organ: /\bprostat\w*/ },
  { name: 'ovarian', named: new RegExp(`\\bovar(?:ian|y|ies)${CANCER}`), organ: /\bovar\w*/ },
  { name: 'melanoma', named: /\bmelanomas?\b/, organ: /\bmelanoma\w*|\bskin\b/ },
  { name: 'skin (non-melanoma)', named: new RegExp(`\\bskin${CANCER}|\\bbasal cell\\b|\\bsquamous cell skin\\b`), organ: /\bskin\b/ },
  { name: 'leukaemia', named: /\bleuk(?:a)?emias?\b/, organ: /\bleuk(?:a)?emi\w*/ },
  {
    name: 'non-Hodgkin lymphoma',
    named: /\bnon-?\s?hodgkin\b|\b(?:diffuse large|follicular|mantle cell|marginal zone|burkitt|[bt]-cell) lymphomas?\b|\bdlbcl\b/,
    organ: /\bnon-?\s?hodgkin\b|\b(?:diffuse large|follicular|mantle cell|marginal zone|burkitt|[bt]-cell)\b|\bdlbcl\b/,
  },
  { name: 'Hodgkin lymphoma', named: /(?<!non-?\s?)\bhodgkin\b/, organ: /(?<!non-?\s?)\bhodgkin\b/ },
  { name: 'myeloma', named: /\bmyelomas?\b/, organ: /\bmyeloma\w*/ },
  { name: 'liver', named: new RegExp(`\\bliver${CANCER}|\\bhepatocellular\\b`), organ: /\bliver\b|\bhepat\w*/ },
  { name: 'stomach', named: new RegExp(`\\b(?:stomach|gastric)${CANCER}`), organ: /\bstomach\b|\bgastric\b/ },
  { name: 'bladder', named: new RegExp(`\\bbladder${CANCER}|\\burothelial\\b`), organ: /\bbladder\b|\burothelial\b/ },
  { name: 'kidney', named: new RegExp(`\\b(?:kidneys?|renal)${CANCER}|\\brenal cell\\b`), organ: /\bkidneys?\b|\brenal\b|\bnephrectom\w*/ },
  { name: 'cervical', named: new RegExp(`\\bcervi(?:cal|x)${CANCER}|\\bcervical screening\\b`), organ: /\bcervi\w*/ },
  { name: 'thyroid', named: new RegExp(`\\bthyroid${CANCER}|\\bpapillary\\b`), organ: /\bthyroid\w*/ },
  { name: 'brain', named: new RegExp(`\\bbrain${CANCER}|\\bgliomas?\\b|\\bglioblastomas?\\b`), organ: /\bbrain\b|\bglio\w*/ },
  { name: 'esophageal', named: new RegExp(`\\b(?:o?esophag\\w*)${CANCER}`), organ: /\bo?esophag\w*/ },
  {
    name: 'womb (endometrial)',
    named: new RegExp(`\\b(?:womb|uterine|uterus|endometri\\w*)${CANCER}|\\bendometrial\\b`),
    organ: /\bwomb\b|\buter\w*|\bendometri\w*/,
  },
  {
    name: 'testicular',
    named: new RegExp(`\\b(?:testicular|testicle|testis)${CANCER}|\\bseminoma\\b|\\bgerm cell\\b`),
    organ: /\btestic\w*|\btestis\b|\btestes\b/,
  },
  { name: 'sarcoma', named: /\b\w*sarcomas?\b/, organ: /\b\w*sarcoma\w*/ },
  { name: 'bone', named: new RegExp(`\\bbone${CANCER}|\\bosteosarcoma\\b|\\bewing\\b`), organ: /\bbones?\b/ },
  { name: 'anal', named: new RegExp(`\\banal${CANCER}|\\banus\\b`), organ: /\banal\b|\banus\b/ },
  { name: 'vulval', named: new RegExp(`\\bvulva[lr]?${CANCER}`), organ: /\bvulva\w*/ },
  { name: 'penile', named: new RegExp(`\\bpenile${CANCER}|\\bpenis${CANCER}`), organ: /\bpenile\b|\bpenis\b/ },
  {
    name: 'bile duct',
    named: new RegExp(`\\b(?:bile duct|gallbladder)${CANCER}|\\bcholangiocarcinoma\\b`),
    organ: /\bbile ducts?\b|\bgallbladder\b|\bcholangio\w*/,
  },
  { name: 'neuroendocrine', named: /\bneuroendocrine\b|\bcarcinoid\b/, organ: /\bneuroendocrine\b|\bcarcinoid\b/ },
  {
    name: 'head and neck',
    named: new RegExp(`\\b(?:head and neck|throat|mouth|oral|oropharyngeal|laryngeal|larynx)${CANCER}|\\boropharyn\\w*`),
    organ: /\bhead and neck\b|\bthroat\b|\bmouth\b|\boral\b|\boropharyn\w*|\blaryn\w*/,
  },
]

// Words every cancer question shares, or that only shape the question: they say nothing about
// which question it is.
const CONTEXT_WORDS = new Set(
  `cancer cancers tumor tumors tumour tumours disease diagnosis diagnosed treat treated treating treatment treatments
  therapy therapies option options help work possible right good best need needed safe stage procedure procedures long
  take takes happen happens expect know normal okay ok usual usually first new newly whole small large big early late
  chance chances odds
`.split(/\s+/),
)

// Phrases of time, manner and scope that shape a question without naming its subject: "straight
// away", "in the long term", "treatment options", "after surgery" (a point in time, which the
// order-of-treatments signal above judges).
const GENERIC_PHRASES =
  /\b(?:straight away|right away|at once|immediately|as soon as possible|soon|any more|anymore|from now on|(?:in|over) the (?:long|short) term|long-term|short-term|day to day|day-to-day|every day|in general|on average|at all|these days|nowadays|(?:treatment|care|other) (?:options?|choices?)|what (?:happens|now|next)|(?:after|before|during|following) (?:(?:the|my|an?|your)\s+)?(?:surgery|operation|treatment|chemo\w*|radio\w*|diagnosis))\b/

/** The answer leaves out the question's key terms when it holds at most this share of them ("almost none"). */
export const MAX_OFF_TOPIC_COVERAGE = 0.25

export type TopicResult = { onTopic: true } | { onTopic: false; reason: string }

export function checkTopic(question: string, answer: { directAnswer: string; claims: string[]; headings: string[] }): TopicResult {
  const questionText = question.toLowerCase()
  const answerText = [answer.directAnswer, ...answer.claims, ...answer.headings].join('\n').toLowerCase()

  // A "how/what/when" question about a treatment presupposes it: "How long is recovery after
  // surgery?" is not answered by an answer that names surgery only as impossible ("for people who
  // cannot have an operation"). A yes/no question ("Can surgery remove it?") may be answered "not
  // usually possible"; nor is a question that itself rules it out ("if I cannot have surgery").
  const presupposes = /^\s*(?:how|what|when|where|which)\b(?!\s+if\b)/.test(questionText)
  // The reverse: the question rules a treatment or spread out ("a small kidney cancer that has not
  // spread") and the answer only speaks of it as given ("for kidney cancer that has spread"): it
  // answers for another stage or another treatment.
  const reversed = GROUPS.find(
    (group) =>
      RULED_OUT_GROUPS.has(group.name) &&
      group.pattern.test(questionText) &&
      onlyRuledOut(group.pattern, questionText) &&
      group.pattern.test(answerText) &&
      noneRuledOut(group.pattern, answerText),
  )
  if (reversed) {
    return {
      onTopic: false,
      reason: `The question rules out ${reversed.name}, but the answer is about it.`,
    }
  }
  const missingGroups = GROUPS.filter(
    (group) =>
      group.pattern.test(questionText) &&
      (!group.pattern.test(answerText) ||
        (presupposes &&
          TREATMENT_GROUPS.has(group.name) &&
          !onlyRuledOut(group.pattern, questionText) &&
          onlyRuledOut(group.pattern, answerText))),
  ).map((group) => group.name)
  if (missingGroups.length > 0) {
    return {
      onTopic: false,
      reason: `The question asks about ${missingGroups.join(' and ')}, but the answer never mentions it.`,
    }
  }

  const timing = TIMINGS.find((entry) => entry.asked.test(questionText) && !entry.answered.test(answerText))
  if (timing) {
    return {
      onTopic: false,
      reason: `The question asks about a ${timing.name} ("${questionText.match(timing.asked)![0]}"), but the answer ${timing.missing}.`,
    }
  }

  const otherType = otherCancerType(questionText, answerText)
  if (otherType) return { onTopic: false, reason: otherType }

  // The question's other words: what the groups, timings and cancer names above did not cover
  // (phrases removed whole: "comes back" leaves neither "come" nor "back").
  const covered = [...GROUPS.map((group) => group.pattern), ...CANCER_TYPES.flatMap((type) => [type.named, type.organ])]
  const rest = [...covered, GENERIC_PHRASES].reduce((text, pattern) => text.replace(new RegExp(pattern.source, 'g'), ' '), questionText)
  const keyTerms = contentTerms(
    words(rest)
      .filter((word) => !CONTEXT_WORDS.has(word))
      .join(' '),
  )
  // Two words are too thin a signal ("locally advanced" need not be repeated by its answer).
  if (keyTerms.size < 3) return { onTopic: true }
  const answerTerms = contentTerms(answerText)
  const missing = [...keyTerms].filter((term) => !answerTerms.has(term))
  if ((keyTerms.size - missing.length) / keyTerms.size <= MAX_OFF_TOPIC_COVERAGE) {
    return {
      onTopic: false,
      reason: `The answer leaves out most of what the question asks about (missing: ${missing.join(', ')}).`,
    }
  }
  return { onTopic: true }
}

/**
 * Why the answer is about another cancer than the question's, or null. Only when the question names
 * a cancer type the answer never mentions (not even its organ) AND the answer names another cancer
 * type: an answer that names no cancer at all ("How is it treated?") is not judged here.
 */
function otherCancerType(questionText: string, answerText: string): string | null {
  const asked = CANCER_TYPES.filter((type) => type.named.test(questionText))
  const absent = asked.filter((type) => !type.organ.test(answerText) && !type.named.test(answerText))
  if (absent.length === 0) return null
  // A question that names two cancers ("Hodgkin and non-Hodgkin lymphoma") asks about both.
  if (asked.length >= 2 && absent.length < asked.length) {
    return `The question is about ${asked.map((type) => type.name).join(' and ')}, but the answer never names ${absent.map((type) => type.name).join(' or ')}.`
  }
  const answered = CANCER_TYPES.filter((type) => !asked.includes(type) && type.named.test(answerText))
  if (answered.length === 0) return null
  return `The question is about ${absent.map((type) => type.name).join(' and ')} cancer, but the answer is about ${answered.map((type) => type.name).join(' and ')} cancer and never names the question's.`
}
