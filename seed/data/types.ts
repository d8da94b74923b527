import type { Question } from '@/payload-types'

/**
 * Shapes of the seed data. Seed files are plain data written by the team from public facts;
 * the seed runner turns them into Payload documents (Markdown -> Lexical, slugs -> ids).
 */
export type SeedCancerType = {
  name: string
  slug: string
  /** How often answers about this cancer type must be re-reviewed (months). */
  reviewIntervalMonths: number
}

export type SeedPublisher = 'nccn' | 'asco' | 'esmo' | 'nci-pdq' | 'acs' | 'journal' | 'other'

export type SeedPassage = {
  /** Stable id, unique within its source, e.g. "panc-met-surgery-1". Citations point at it. */
  passageId: string
  heading: string
  /** Our own paraphrase of a public recommendation (never pasted guideline text). 1-4 sentences. */
  text: string
}

export type SeedGuidelineSource = {
  /** Key used inside the seed only, to link "supersededBy" and answer citations. */
  key: string
  publisher: SeedPublisher
  title: string
  version: string
  /** ISO date YYYY-MM-DD */
  publicationDate: string
  url: string
  cancerTypes: string[] // cancer type slugs
  status: 'current' | 'superseded'
  supersededByKey?: string
  passages: SeedPassage[]
}

export type SeedQuestionStatus = Question['status']

export type SeedQuestion = {
  text: string // 10 to 500 characters, a patient's question
  cancerType: string // slug
  priority: 'low' | 'normal' | 'high' | 'urgent'
  origin: 'patient_submission' | 'search_trend' | 'editorial'
  status: SeedQuestionStatus
  notes?: string
  /** For status "duplicate": the exact text of the question it duplicates. */
  duplicateOfText?: string
  /** Days before "now" the question was submitted (keeps ages realistic on any seed date). */
  submittedDaysAgo: number
}

export type SeedCitation = { sourceKey: string; passageId: string; quote: string }

export type SeedAnswer = {
  questionText: string // must equal a SeedQuestion.text
  title: string
  slug: string
  cancerType: string // slug
  summary: string
  /** File under seed/content/ holding the body as Markdown (headings, bullets). */
  bodyMarkdownFile: string
  questionsToAsk: { question: string; why: string }[]
  keyTakeaway: string
  /** The direct answer's citations. */
  citations: SeedCitation[]
  /** What the body's "[n]" markers cite, in order from 1 (src/lib/claims/markers.ts). */
  claimCitations: SeedCitation[]
  highRisk: boolean
}
