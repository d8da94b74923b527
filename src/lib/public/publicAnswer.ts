import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { lexicalToHtml } from '../richText'
import { PUBLISHERS } from '@collections/GuidelineSources'

export const DISCLAIMER =
  'For informational purposes only. This is not medical advice and does not replace a conversation with your own oncology team.'

/** The public contract of one answer (README "Public read API"): nothing outside it, ever. */
export type PublicAnswer = {
  slug: string
  title: string
  question: string
  cancerType: { slug: string; name: string }
  summary: string
  body: Answer['body']
  bodyHtml: string
  questionsToAsk: { question: string; why: string }[]
  keyTakeaway: string
  sources: { publisher: string; title: string; version: string; url: string }[]
  reviewedBy: { name: string; credentials: string }[]
  publishedAt: string
  lastReviewedAt: string
  nextReviewDue: string
  disclosure: string
  disclaimer: string
}

/**
 * The public fields the approval itself produces (who approved and when). Every other field of the
 * public record is content a reviewer vouches for, so it is in the content hash: the unit test of
 * contentHash derives that list from a built record.
 */
export const REVIEW_RECORD_FIELDS = [
  'reviewedBy',
  'publishedAt',
  'lastReviewedAt',
  'nextReviewDue',
] as const satisfies readonly (keyof PublicAnswer)[]

/** Built once, when the answer is published; the read API serves it as is. */
export function buildPublicAnswer(args: {
  answer: Answer
  questionText: string
  cancerType: CancerType
  sources: GuidelineSource[]
  reviewers: User[]
  override?: { byName: string; reason: string }
  publishedAt: string
  lastReviewedAt: string
  nextReviewDue: string
}): PublicAnswer {
  const { answer, cancerType, sources, reviewers, override } = args
  const publisher = (value: string) => PUBLISHERS.find((p) => p.value === value)?.label ?? value
  const sourceList = sources.map((s) => `${s.title} (${s.version})`).join('; ')
  const drafted =
    answer.provenance?.draftedBy === 'model'
      ? 'This answer was drafted with AI (Claude)'
      : answer.provenance?.draftedBy === 'extractive'
        ? 'This answer was assembled automatically from guideline text'
        : 'This answer was written by our editorial team'
  const reviewed = override
    ? `published by ${override.byName} without clinician review, because: ${override.reason}`
    : `reviewed and approved by ${reviewers.map((r) => [r.name, r.credentials].filter(Boolean).join(', ')).join(' and ')}`
  return {
    slug: answer.slug!,
    title: answer.title,
    question: args.questionText,
    cancerType: { slug: cancerType.slug!, name: cancerType.name },
    summary: answer.summary ?? '',
    body: answer.body ?? null,
    bodyHtml: lexicalToHtml(answer.body),
    questionsToAsk: (answer.questionsToAsk ?? []).map(({ question, why }) => ({ question, why })),
    keyTakeaway: answer.keyTakeaway ?? '',
    sources: sources.map((s) => ({ publisher: publisher(s.publisher), title: s.title, version: s.version, url: s.url })),
    reviewedBy: reviewers.map((r) => ({ name: r.name, credentials: r.credentials ?? '' })),
    publishedAt: args.publishedAt,
    lastReviewedAt: args.lastReviewedAt,
    nextReviewDue: args.nextReviewDue,
    disclosure: `${drafted} from these guidelines: ${sourceList}. It was then ${reviewed}.`,
    disclaimer: DISCLAIMER,
  }
}
