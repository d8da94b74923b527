import { stemmer } from 'stemmer'
import lemmatizer from 'wink-lemmatizer'
import { eng } from 'stopword'

/**
 * Content words of a text as Porter stems, for comparing a claim with a passage or a question with
 * an answer. Stop words come from `stopword`'s English list plus words that carry no medical
 * content in patient text; a few spelling variants and everyday synonyms are folded to one term
 * first, so a faithful paraphrase ("operation" for "surgery", "tumour" for "tumor") still matches.
 */

const EXTRA_STOP_WORDS = `
also may might can could would will shall often usually usual generally typically sometimes mostly mainly many
most much some several various other others another make makes made get gets getting got help helps helped
helping use used uses using give given gives giving work works people person patient patients someone like
likely unlikely well even still however although though because since while whether either neither per cent
percent about around approximately roughly nearly almost least less more very really rather quite just only
mean means called known including include includes thing things way ways lot kind type types one two three
four five six seven eight nine ten first second third half year years month months week weeks day days time
times option options choice choices doctor doctors team care not no does did doing done has have having
is am are was were be been being
`
  .trim()
  .split(/\s+/)
const STOP_WORDS = new Set([...eng, ...EXTRA_STOP_WORDS])

// Spelling variants and everyday words folded to the term a guideline uses.
const SYNONYMS: Record<string, string> = {
  tumour: 'tumor',
  quit: 'stop',
  quits: 'stop',
  quitting: 'stop',
  stopping: 'stop',
  tumours: 'tumors',
  chemo: 'chemotherapy',
  radiotherapy: 'radiation',
  radiation: 'radiation',
  irradiation: 'radiation',
  operation: 'surgery',
  operations: 'surgery',
  operate: 'surgery',
  operating: 'surgery',
  surgical: 'surgery',
  surgically: 'surgery',
  resection: 'surgery',
  resect: 'surgery',
  resected: 'surgery',
  resectable: 'surgery',
  unresectable: 'surgery',
  removable: 'remove',
  removal: 'remove',
  spread: 'metastatic',
  spreads: 'metastatic',
  metastases: 'metastatic',
  metastasis: 'metastatic',
  metastasized: 'metastatic',
  metastasised: 'metastatic',
  advanced: 'advanced',
  oestrogen: 'estrogen',
  haemoglobin: 'hemoglobin',
  anaemia: 'anemia',
  oesophagus: 'esophagus',
  oesophageal: 'esophageal',
  oncologist: 'oncologist',
  medicine: 'drug',
  medicines: 'drug',
  medication: 'drug',
  medications: 'drug',
  drugs: 'drug',
  survive: 'survival',
  survived: 'survival',
  surviving: 'survival',
  alive: 'survival',
  live: 'survival',
  living: 'survival',
  lives: 'survival',
  dying: 'death',
  die: 'death',
  dies: 'death',
  died: 'death',
  deaths: 'death',
  shrink: 'shrink',
  shrinks: 'shrink',
  shrinking: 'shrink',
  smaller: 'shrink',
  scan: 'imaging',
  scans: 'imaging',
  ct: 'imaging',
  mri: 'imaging',
  check: 'test',
  checks: 'test',
  screening: 'screen',
  screened: 'screen',
  symptoms: 'symptom',
  pain: 'pain',
  painful: 'pain',
  tiredness: 'fatigue',
  tired: 'fatigue',
  sick: 'nausea',
  vomiting: 'nausea',
  ill: 'illness',
  benefit: 'benefit',
  benefits: 'benefit',
  beneficial: 'benefit',
  harms: 'harm',
  risks: 'risk',
  risky: 'risk',
  later: 'later',
  earlier: 'early',
  early: 'early',
  big: 'large',
  bigger: 'large',
  larger: 'large',
  huge: 'large',
}

/** Lower-case word tokens ("5-year" keeps its word part; apostrophes are dropped). */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’']/g, '')
      .match(/\p{L}[\p{L}\p{M}]*/gu) ?? []
  )
}

/**
 * A word's term: synonym folded, lemmatised, then stemmed. The lemmatiser (WordNet's exception
 * lists) brings irregular forms to their base ("kept" to "keep", "taken" to "take", "grown" to
 * "grow", "children" to "child"), which a suffix stemmer cannot; the verb reading is tried first,
 * then the noun reading.
 */
export function term(word: string): string {
  const known = termCache.get(word)
  if (known !== undefined) return known
  const result = termOf(word)
  if (termCache.size >= TERM_CACHE_SIZE) termCache.clear()
  termCache.set(word, result)
  return result
}

// The checks on every save look up each word of every claim and of every cited passage, for each
// claim (tens of thousands of lookups per answer), and the same few thousand words recur across
// answers: the lemmatiser and stemmer dominated the grounding checks. term() is pure, so its
// results are kept, within a bound (a new set is started when it is full).
const TERM_CACHE_SIZE = 50_000
const termCache = new Map<string, string>()

function termOf(word: string): string {
  const folded = SYNONYMS[word]
  if (folded) return stemmer(folded)
  const verb = lemmatizer.verb(word)
  const lemma = verb !== word ? verb : lemmatizer.noun(word)
  return stemmer(SYNONYMS[lemma] ?? lemma)
}

// One word for two treatments: "chemoradiotherapy" is chemotherapy and radiotherapy given together.
const COMPOUNDS: Record<string, string[]> = {
  chemoradiotherapy: ['chemotherapy', 'radiation'],
  chemoradiation: ['chemotherapy', 'radiation'],
  chemoimmunotherapy: ['chemotherapy', 'immunotherapy'],
}

/** The content terms of a text (stop words removed), as a set. */
export function contentTerms(text: string): Set<string> {
  return new Set(
    words(text)
      .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
      .flatMap((word) => COMPOUNDS[word] ?? [word])
      .map(term),
  )
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase())
}
