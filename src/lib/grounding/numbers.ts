import { normalizeForQuote } from './quotes'
import { memoByText } from './memo'

/**
 * Numbers in patient text, in a form that can be compared across wordings: "10%", "10 percent"
 * and "ten per cent" are one figure; "one in four", "a quarter of" and "25%" are one proportion;
 * "5-year" and "five years" are one duration; "2.5 mg" keeps its unit so "2.5 g" does not match.
 * Client-safe.
 */
export type NumberMention = {
  /** The words as written in the text. */
  text: string
  /** A proportion (percentages, "one in four", "two-thirds", "half of") or a count with a unit. */
  kind: 'proportion' | 'count'
  value: number
  /** For counts: the unit in its singular form ("mg", "year", "stage"), or null. */
  unit: string | null
  /** Written as a percentage: two percentages must be equal, not merely close. */
  exact: boolean
}

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
}
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 }
const DENOMINATORS: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  eighth: 8,
  eighths: 8,
  tenth: 10,
  tenths: 10,
}
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5 }

// Units a dose, size or duration is given in, and the singular each is compared as.
const UNITS: Record<string, string> = {
  mg: 'mg',
  milligram: 'mg',
  milligrams: 'mg',
  g: 'g',
  gram: 'g',
  grams: 'g',
  mcg: 'mcg',
  µg: 'mcg',
  microgram: 'mcg',
  micrograms: 'mcg',
  kg: 'kg',
  ml: 'ml',
  milliliter: 'ml',
  milliliters: 'ml',
  millilitre: 'ml',
  millilitres: 'ml',
  gy: 'gy',
  gray: 'gy',
  cm: 'cm',
  centimeter: 'cm',
  centimeters: 'cm',
  centimetre: 'cm',
  centimetres: 'cm',
  mm: 'mm',
  millimeter: 'mm',
  millimeters: 'mm',
  millimetre: 'mm',
  millimetres: 'mm',
  inch: 'inch',
  inches: 'inch',
  year: 'year',
  years: 'year',
  yr: 'year',
  yrs: 'year',
  month: 'month',
  months: 'month',
  week: 'week',
  weeks: 'week',
  day: 'day',
  days: 'day',
  hour: 'hour',
  hours: 'hour',
  minute: 'minute',
  minutes: 'minute',
  cycle: 'cycle',
  cycles: 'cycle',
  dose: 'dose',
  doses: 'dose',
  session: 'session',
  sessions: 'session',
  fraction: 'fraction',
  fractions: 'fraction',
  lymph: 'node',
  node: 'node',
  nodes: 'node',
  times: 'time',
  people: 'people',
  patients: 'people',
}
const UNIT_WORDS = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .join('|')

const NUMBER_WORD = `(?:${[...Object.keys(TENS), ...Object.keys(SMALL)].join('|')})(?:-(?:${Object.keys(SMALL).join('|')}))?(?:\\s+(?:hundred|thousand|million)(?:\\s+(?:and\\s+)?(?:${[...Object.keys(TENS), ...Object.keys(SMALL)].join('|')})(?:-(?:${Object.keys(SMALL).join('|')}))?)?)?`
const DIGITS = '\\d+(?:,\\d{3})*(?:\\.\\d+)?'
const QUANTITY = `(?:${DIGITS}|${NUMBER_WORD})`

/** "twenty-five", "one hundred and ten", "3,000", "2.5" as a number; NaN when it is neither. */
export function parseQuantity(text: string): number {
  const cleaned = text.trim().toLowerCase()
  if (/^[\d.,]+$/.test(cleaned)) return Number(cleaned.replace(/,/g, ''))
  let total = 0
  let current = 0
  for (const part of cleaned.split(/[\s-]+/)) {
    if (part === 'and') continue
    if (part in SMALL) current += SMALL[part]!
    else if (part in TENS) current += TENS[part]!
    else if (part in SCALES) {
      current = (current || 1) * SCALES[part]!
      if (SCALES[part]! >= 1000) {
        total += current
        current = 0
      }
    } else return Number.NaN
  }
  return total + current
}

type Found = NumberMention & { start: number; end: number; fromWord: boolean }

// Built once, not for every text: the number words make these patterns long. Each is global and used
// only through matchAll, which matches with its own copy (no lastIndex is shared between calls).
const ONE_IN_N = new RegExp(`\\b(${QUANTITY})\\s+(?:in|out of)\\s+(?:every\\s+)?(${QUANTITY})\\b`, 'g')
const PERCENTAGE = new RegExp(`(${QUANTITY})\\s*%`, 'g')
const denominators = Object.keys(DENOMINATORS).join('|')
const FRACTION = new RegExp(
  `\\b(?:(${NUMBER_WORD}|a|one)[\\s-]+)?(${denominators})\\b(?=\\s+(?:of|the|were|are|had|have|will|live|survive|do|respond))|\\b(${NUMBER_WORD})-(${denominators})\\b|\\b(?:about|nearly|almost|over|more than|less than|around|roughly|under|fewer than|at least)\\s+(half)\\b`,
  'g',
)
const QUANTITY_WITH_UNIT = new RegExp(`(?<![\\w.])(${QUANTITY})(?:[\\s-]*(${UNIT_WORDS})\\b(?:\\s*/\\s*m2|\\s*/\\s*m²)?)?`, 'g')

/** Every figure mentioned in `text`, in order of appearance. */
export function extractNumbers(text: string): NumberMention[] {
  return findNumbers(text).map(({ text: written, kind, value, unit, exact }) => ({ text: written, kind, value, unit, exact }))
}

/** extractNumbers of a cited passage: the same passages are compared with every claim. */
export const passageNumbers: (passage: string) => NumberMention[] = memoByText(extractNumbers, 500)

function findNumbers(original: string): Found[] {
  const text = normalizeForQuote(original)
    .replace(/\bper\s?cent\b/g, '%')
    .replace(/\bpercentage points?\b/g, '%')
  const found: Found[] = []
  const taken = new Uint8Array(text.length)
  const isFree = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (taken[i]) return false
    return true
  }
  const claim = (start: number, end: number) => {
    if (!isFree(start, end)) return false
    taken.fill(1, start, end)
    return true
  }
  const scan = (pattern: RegExp, make: (match: RegExpMatchArray) => Omit<Found, 'start' | 'end' | 'text'> | null) => {
    for (const match of text.matchAll(pattern)) {
      const start = match.index!
      const end = start + match[0].length
      if (!isFree(start, end)) continue
      const made = make(match)
      if (made && claim(start, end)) found.push({ ...made, text: match[0].trim(), start, end })
    }
  }
  const q = (written: string) => parseQuantity(written)
  const isWord = (written: string) => !/\d/.test(written)

  // "one in four", "3 out of 10 people"
  scan(ONE_IN_N, (m) => {
    const [a, b] = [q(m[1]!), q(m[2]!)]
    return b > 0 && a <= b ? { kind: 'proportion', value: a / b, unit: null, exact: false, fromWord: isWord(m[1]!) } : null
  })
  // "12.5%", "ten %" (after "per cent" became "%")
  scan(PERCENTAGE, (m) => ({
    kind: 'proportion',
    value: q(m[1]!) / 100,
    unit: null,
    exact: true,
    fromWord: isWord(m[1]!),
  }))
  // "two-thirds", "a third of", "three quarters of", "half of", "about half"
  scan(FRACTION, (m) => {
    const numerator = m[1] ?? m[3]
    const denominator = DENOMINATORS[(m[2] ?? m[4] ?? m[5])!]!
    const top = numerator === undefined || numerator === 'a' ? 1 : q(numerator)
    if (Number.isNaN(top) || top > denominator) return null
    return { kind: 'proportion', value: top / denominator, unit: null, exact: false, fromWord: true }
  })
  // "stage IV", "grade 3"
  scan(/\b(stage|grade)\s+(iv|iii|ii|i|v|\d)\b/g, (m) => ({
    kind: 'count',
    value: m[2]! in ROMAN ? ROMAN[m[2]!]! : Number(m[2]),
    unit: m[1]!,
    exact: true,
    fromWord: false,
  }))
  // "2.5 mg", "5-year", "five years", "3 to 6 months", "1,000"
  scan(QUANTITY_WITH_UNIT, (m) => {
    const value = q(m[1]!)
    if (Number.isNaN(value)) return null
    return { kind: 'count', value, unit: m[2] ? UNITS[m[2]]! : null, exact: true, fromWord: isWord(m[1]!) }
  })

  found.sort((a, b) => a.start - b.start)
  // A range shares its unit: "3 to 6 months" and "3-6 months" are 3 months and 6 months.
  for (let i = found.length - 2; i >= 0; i--) {
    const [first, second] = [found[i]!, found[i + 1]!]
    if (first.kind === 'count' && first.unit === null && second.kind === 'count' && second.unit !== null) {
      if (/^\s*(?:-|to|and|or)\s*$/.test(text.slice(first.end, second.start))) first.unit = second.unit
    }
  }
  return found
}

/**
 * Figures of a claim that a reader would check against the source: word "one" on its own ("one
 * option is...") is a pronoun more often than a figure, so it only counts with a unit or in "one in
 * four".
 */
export function claimFigures(text: string): NumberMention[] {
  return findNumbers(text)
    .filter((mention) => !(mention.fromWord && mention.kind === 'count' && mention.value === 1 && mention.unit === null))
    .map(({ text: written, kind, value, unit, exact }) => ({ text: written, kind, value, unit, exact }))
}

/** Whether a figure of a claim is stated by one of the figures of a passage. */
export function figureMatches(wanted: NumberMention, candidates: NumberMention[]): boolean {
  return candidates.some((candidate) => {
    if (candidate.kind !== wanted.kind) return false
    if (wanted.kind === 'proportion') {
      const tolerance = wanted.exact && candidate.exact ? 1e-9 : 0.0075
      return Math.abs(candidate.value - wanted.value) <= tolerance
    }
    if (Math.abs(candidate.value - wanted.value) > 1e-9) return false
    return wanted.unit === null || candidate.unit === null || wanted.unit === candidate.unit
  })
}

/** The figures of `claim` that none of `passages` states. */
export function figuresNotIn(claim: string, passages: string[]): NumberMention[] {
  const available = passages.flatMap((passage) => passageNumbers(passage))
  return claimFigures(claim).filter((figure) => !figureMatches(figure, available))
}
