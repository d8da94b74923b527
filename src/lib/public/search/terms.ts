import { stemmer } from 'stemmer'
import { eng } from 'stopword'

const STOPWORDS = new Set(eng)
/** Characters that are wildcards to SQL LIKE: here they are searchable characters like any other. */
const LITERAL = /[%_\\]/
const WORDS = /[\p{L}\p{N}%_\\]+/gu

// Stemming is most of the cost of indexing, and a catalog repeats the same few thousand words:
// each word's stem is computed once (bounded, so hostile queries cannot grow it without limit).
const STEMS = new Map<string, string[]>()
const MAX_STEMS = 100_000
/**
 * American -ize/-yze spellings as the British -ise/-yse ones, before stemming: Porter stems
 * "localized" to "local" but "localised" to "localis", two edits apart. This direction, because the
 * -ise form is what the stemmer already shares with the nouns ("supervise" and "supervision",
 * "analyses" and "analysed"). Text and queries go through the same step.
 */
const AMERICAN_IZE = /(?<=[\p{L}]{3})([iy])z(e|es|ed|ing|ation|ations)$/u
const BRITISH_MEDICAL: [RegExp, string][] = [
  [/^(?=[\p{L}]{6})(\p{L}+)our(s?)$/u, '$1or$2'],
  [/^oe(sophag|str|dem)/u, 'e$1'],
  [/aem/gu, 'em'],
  [/paed/gu, 'ped'],
  [/gynaec/gu, 'gynec'],
  [/rrhoea/gu, 'rrhea'],
  [/^(?=[\p{L}]{5})(\p{L}+)([bt])re(s?)$/u, '$1$2er$3'],
]
const oneSpelling = (word: string) =>
  BRITISH_MEDICAL.reduce((spelt, [pattern, american]) => spelt.replace(pattern, american), word).replace(AMERICAN_IZE, '$1s$2')

/**
 * Word families patients use interchangeably that the stemmer leaves two letters or more apart
 * ("metastasis" and "metastatic", "surgery" and "surgical", "pancreas" and "pancreatic"): each word is
 * read as the family's first, so they match as the same word and rank as one, not as typos.
 */
const FAMILIES = [
  // The adjective first where its stem is one edit from the typos patients make ("pancreatc",
  // "metastatc"), the noun's two.
  ['metastatic', 'metastasis', 'metastases', 'metastasise', 'metastasised', 'metastasises', 'metastasising'],
  ['surgery', 'surgeries', 'surgical', 'surgically'],
  ['pancreatic', 'pancreas'],
  ['diagnosis', 'diagnoses', 'diagnostic', 'diagnose', 'diagnosed', 'diagnosing'],
  ['prognosis', 'prognoses', 'prognostic'],
  ['ovary', 'ovaries', 'ovarian'],
  ['uterus', 'uterine'],
  ['rectum', 'rectal'],
  ['lymph', 'lymphatic'],
  ['bile', 'biliary'],
  ['chemotherapy', 'chemo'],
]
const FAMILY_OF = new Map(FAMILIES.flatMap(([first, ...others]) => others.map((word) => [word, first!] as const)))
const canonicalWord = (word: string) => {
  const spelt = oneSpelling(word)
  return FAMILY_OF.get(spelt) ?? spelt
}

function stem(word: string): string[] {
  let terms = STEMS.get(word)
  if (!terms) {
    terms = STOPWORDS.has(word) ? [] : [stemmer(canonicalWord(word))]
    if (STEMS.size >= MAX_STEMS) STEMS.clear()
    STEMS.set(word, terms)
  }
  return terms
}

const APOSTROPHES = /[\u2018\u2019\u02bc\uff07]/g
/** "don't", "I'd", "you'll", "they're", "we've", "I'm": pronouns and auxiliaries, stopwords once whole. */
const CONTRACTION = /[\p{L}\p{N}]+'(?:t|d|ll|re|ve|m)(?![\p{L}\p{N}])/gu
/** "Whipple's", "what's": the word without its possessive or "is". */
const APOSTROPHE_S = /'s(?![\p{L}\p{N}])/gu

/**
 * Patients type questions, and questions are full of apostrophes. Split at the apostrophe, "what's"
 * and "don't" left "s" and "t" behind, terms too short to match anything but the same fragment, and
 * every term must match: "what's the whipple procedure" lost most of the Whipple answers. The
 * possessive (and "'s") is dropped, a contraction dropped whole, any other apostrophe ("O'Brien")
 * still splits the word.
 */
const withoutApostrophes = (text: string) => text.replace(APOSTROPHES, "'").replace(CONTRACTION, ' ').replace(APOSTROPHE_S, '')

/**
 * The terms of a text or a query, the same for both: lower case, accents dropped, apostrophes as
 * `withoutApostrophes` says, English stopwords dropped, each word reduced to its stem (Porter:
 * "pancreatic" and "pancreas" share the prefix "pancrea"). A word holding `%`, `_` or `\` is also a term as written ("5%", "stage_iv"),
 * besides its parts and each such character on its own: `%` finds "5%", and "%%" or "s_a" find
 * only text that holds them literally.
 */
export function searchTerms(text: string): string[] {
  // Format characters (a soft hyphen, a zero-width space pasted from a PDF) are invisible: not word breaks.
  const words =
    withoutApostrophes(
      text
        .normalize('NFKD')
        .replace(/[\p{M}\p{Cf}]/gu, '')
        .toLowerCase(),
    ).match(WORDS) ?? []
  const terms: string[] = []
  for (const word of words) {
    if (!LITERAL.test(word)) {
      terms.push(...stem(word))
      continue
    }
    const parts = word.split(/([%_\\])/).filter(Boolean)
    if (parts.length > 1) terms.push(word)
    for (const part of parts) terms.push(...(LITERAL.test(part) ? [part] : stem(part)))
  }
  return terms
}

/** Prefix matching for stems of 3 characters or more, never for a term holding a literal character. */
export const prefixFor = (term: string): boolean => term.length >= 3 && !LITERAL.test(term)

/**
 * Typo tolerance: one edit for terms of 5 characters ("pancreatc"), two from 10; none for shorter
 * terms, where one edit turns a word into another ("scan" into "can").
 */
export const fuzzyFor = (term: string): number | false => (LITERAL.test(term) || term.length < 5 ? false : term.length < 10 ? 1 : 2)

/**
 * The term with two neighbouring letters swapped ("surgrey" for "surgery", "pancraetic"), the
 * commonest typo, which the typo lookup counts as two edits and misses. Only for terms that get a
 * typo lookup at all.
 */
export function transpositions(term: string): string[] {
  if (!fuzzyFor(term)) return []
  const swapped = new Set<string>()
  for (let i = 0; i < term.length - 1; i++)
    if (term[i] !== term[i + 1]) swapped.add(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2))
  return [...swapped]
}
