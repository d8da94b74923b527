import type { Answer, CancerType, User } from '@/payload-types'
import { answerClaims, directAnswerCitations } from '@/lib/claims/answerClaims'
import { type CiteFields, isCiteNode } from '@/lib/claims/citeNode'
import { answerReferences, referenceNumbering } from '@/lib/claims/references'
import type { CreditedSource } from '@/lib/workflow/contentHash'
import { lexicalToHtml } from '../richText'
import { PUBLISHERS } from '@collections/GuidelineSources'
import type { PublicAnswer, PublicReference } from './schemas'

export const DISCLAIMER =
  'For informational purposes only. This is not medical advice and does not replace a conversation with your own oncology team.'

// The public contract of one answer (README "Public read API"), defined once as zod schemas
// (./schemas.ts) from which the OpenAPI document is generated: nothing outside it, ever.
export type { PublicAnswer, PublicClaim, PublicNotice, PublicReference } from './schemas'

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
  // Set on the live version by the lifecycle policy (src/lib/lifecycle/livePolicy.ts), not reviewed content.
  'notice',
] as const satisfies readonly (keyof PublicAnswer)[]

/** Built once, when the answer is published; the read API serves it as is. */
export function buildPublicAnswer(args: {
  answer: Answer
  questionText: string
  cancerType: CancerType
  /** The cited sources (every source of `citedSourceIds`), with their passages' ids and headings. */
  sources: CreditedSource[]
  reviewers: User[]
  override?: { byName: string; reason: string }
  publishedAt: string
  lastReviewedAt: string
  nextReviewDue: string
}): PublicAnswer {
  const { answer, cancerType, sources, reviewers, override } = args
  const publisher = (value: string) => PUBLISHERS.find((p) => p.value === value)?.label ?? value
  const sourceById = new Map(sources.map((source) => [String(source.id), source]))
  const numbered = answerReferences(answer)
  const numberOf = referenceNumbering(numbered)
  const numbersOf = (citations: Pick<CiteFields, 'source' | 'passageId'>[]) => [
    ...new Set(citations.flatMap((citation) => numberOf(citation) ?? [])),
  ]
  const references = numbered.map(({ n, source: sourceId, passageId }): PublicReference => {
    const source = sourceById.get(String(sourceId))
    const passage = source?.passages?.find((candidate) => candidate.passageId === passageId)
    return {
      n,
      publisher: source ? publisher(source.publisher) : '',
      title: source?.title ?? '',
      version: source?.version ?? '',
      url: source?.url ?? '',
      passageId,
      passageHeading: passage?.heading ?? '',
    }
  })
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
    summaryReferences: numbersOf(directAnswerCitations(answer)),
    body: publicBody(answer.body, numberOf),
    bodyHtml: lexicalToHtml(answer.body, numberOf),
    claims: answerClaims(answer).flatMap(({ claims }) =>
      claims.map(({ part, text, citations }) => ({ part, text, references: numbersOf(citations) })),
    ),
    references,
    questionsToAsk: (answer.questionsToAsk ?? []).map(({ question, why }) => ({ question, why })),
    keyTakeaway: answer.keyTakeaway ?? '',
    sources: sources.map((s) => ({ publisher: publisher(s.publisher), title: s.title, version: s.version, url: s.url })),
    reviewedBy: reviewers.map((r) => ({ name: r.name, credentials: r.credentials ?? '' })),
    publishedAt: args.publishedAt,
    lastReviewedAt: args.lastReviewedAt,
    nextReviewDue: args.nextReviewDue,
    notice: null,
    disclosure: `${drafted} from these guidelines: ${sourceList}. It was then ${reviewed}.`,
    disclaimer: DISCLAIMER,
  }
}

/**
 * The body as other sites get it: a citation node keeps its place and gets its reference number;
 * the CMS ids it holds (the source's database id, the node's own id) and the quote, which the page
 * does not show, stay in the CMS.
 */
function publicBody(body: Answer['body'], numberOf: ReturnType<typeof referenceNumbering>): PublicAnswer['body'] {
  if (!body) return null
  const walk = (node: unknown): unknown => {
    if (isCiteNode(node)) {
      return {
        type: node.type,
        version: node.version,
        fields: { blockType: node.fields.blockType, reference: numberOf(node.fields) ?? null },
      }
    }
    if (!node || typeof node !== 'object') return node
    const { children } = node as { children?: unknown }
    return Array.isArray(children) ? { ...node, children: children.map(walk) } : node
  }
  return { ...body, root: walk(body.root) as NonNullable<Answer['body']>['root'] }
}
