import crypto from 'node:crypto'
import type { PayloadRequest } from 'payload'
import { stringify } from 'safe-stable-stringify'

import type { Answer, CancerType, GuidelineSource, Question } from '@/payload-types'
import { CANCER_TYPES, GUIDELINE_SOURCES, QUESTIONS } from '@collections/slugs'
import { relationId } from '../relationId'
import type { ReviewedField } from './states'

/**
 * The parts of an answer a reviewer vouches for: everything of its own that the patient page shows.
 * The list lives in states.ts (REVIEWED_FIELDS) because the review lock shares it with the admin.
 */
export type ClinicalContent = Pick<Answer, ReviewedField>

/**
 * What the patient page shows that lives outside the answer: the question as asked, the cancer
 * type's name, the cited guidelines as credited. An edit to any of them after a reviewer opened the
 * answer changes what patients would read, so it is hashed too (README "Review and approval").
 */
export type PageContext = {
  questionText: string
  cancerType: Pick<CancerType, 'slug' | 'name'>
  sources: Pick<GuidelineSource, 'id' | 'publisher' | 'title' | 'version' | 'url'>[]
}

/** The distinct guideline sources an answer cites, in citation order: what its page credits. */
export function citedSourceIds(answer: Pick<Answer, 'citations'>): string[] {
  return [...new Set((answer.citations ?? []).map((citation) => String(relationId(citation.source))))]
}

/** The page context from documents already read (the review screen and publication read them anyway). */
export function pageContext(
  question: Pick<Question, 'text'> | null | undefined,
  cancerType: Pick<CancerType, 'slug' | 'name'> | null | undefined,
  sources: Pick<GuidelineSource, 'id' | 'publisher' | 'title' | 'version' | 'url'>[],
): PageContext {
  return {
    questionText: question?.text ?? '',
    cancerType: { slug: cancerType?.slug ?? '', name: cancerType?.name ?? '' },
    sources,
  }
}

/** Reads the page context of an answer (three reads, only the fields the page shows). */
export async function loadPageContext(
  req: PayloadRequest,
  answer: Partial<Pick<Answer, 'question' | 'cancerType' | 'citations'>>,
): Promise<PageContext> {
  const { payload } = req
  const questionId = relationId(answer.question)
  const cancerTypeId = relationId(answer.cancerType)
  const sourceIds = citedSourceIds(answer)
  const [question, cancerType, sources] = await Promise.all([
    questionId === undefined
      ? null
      : payload.findByID({
          collection: QUESTIONS,
          id: questionId,
          select: { text: true },
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          req,
        }),
    cancerTypeId === undefined
      ? null
      : payload.findByID({
          collection: CANCER_TYPES,
          id: cancerTypeId,
          select: { slug: true, name: true },
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          req,
        }),
    sourceIds.length === 0
      ? { docs: [] }
      : payload.find({
          collection: GUIDELINE_SOURCES,
          where: { id: { in: sourceIds } },
          select: { publisher: true, title: true, version: true, url: true },
          pagination: false,
          depth: 0,
          overrideAccess: true,
          req,
        }),
  ])
  return pageContext(question as Question | null, cancerType as CancerType | null, sources.docs as GuidelineSource[])
}

/**
 * SHA-256 over a canonical form of everything the answer's patient page shows, apart from the review
 * record itself (who approved, when): key order, array-row ids and populated relationships do not
 * change it; any change to wording, order of items, a citation, the question shown, the cancer type
 * or a cited guideline's credit does. tests/unit/contentHash.test.ts derives the list from the
 * public record, so a field added to the page cannot be left out of the hash.
 */
export function contentHash(answer: Partial<ClinicalContent>, page: PageContext): string {
  const canonical = {
    question: String(relationId(answer.question) ?? ''),
    questionText: page.questionText.trim(),
    cancerType: String(relationId(answer.cancerType) ?? ''),
    cancerTypeShown: { slug: page.cancerType.slug ?? '', name: page.cancerType.name ?? '' },
    title: answer.title?.trim() ?? '',
    slug: answer.slug ?? '',
    summary: answer.summary?.trim() ?? '',
    body: answer.body ?? null,
    questionsToAsk: (answer.questionsToAsk ?? []).map(({ question, why }) => ({ question, why })),
    keyTakeaway: answer.keyTakeaway?.trim() ?? '',
    citations: (answer.citations ?? []).map(({ source, passageId, quote }) => ({
      source: String(relationId(source) ?? ''),
      passageId,
      quote: quote ?? '',
    })),
    // The disclosure says who drafted it (a model, the extractive drafter or a person).
    draftedBy: answer.provenance?.draftedBy ?? '',
    sources: [...page.sources]
      .map(({ id, publisher, title, version, url }) => ({ id: String(id), publisher, title, version, url }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  }
  return crypto
    .createHash('sha256')
    .update(stringify(canonical) ?? '')
    .digest('hex')
}

/** The hash of an answer as it stands now, its page context read fresh. */
export async function currentContentHash(req: PayloadRequest, answer: Partial<ClinicalContent>): Promise<string> {
  return contentHash(answer, await loadPageContext(req, answer))
}
