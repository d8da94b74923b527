import crypto from 'node:crypto'
import type { PayloadRequest } from 'payload'
import { stringify } from 'safe-stable-stringify'

import type { Answer, CancerType, GuidelineSource, Question } from '@/payload-types'
import { CANCER_TYPES, GUIDELINE_SOURCES, QUESTIONS } from '@collections/slugs'
import { relationId } from '../relationId'
import { answerReferences } from '../claims/references'
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
  sources: CreditedSource[]
}

/**
 * A cited guideline as the page credits it. The passages' ids and headings name each numbered
 * reference ("Reference 2: ... - Surgery for metastatic disease"); their text is the evidence the
 * approval binds (a hash of it, see citedEvidence).
 */
export type CreditedSource = Pick<GuidelineSource, 'id' | 'publisher' | 'title' | 'version' | 'url'> & {
  passages?: { passageId: string; heading?: string | null; text?: string | null }[] | null
  /** Whether the guideline was replaced; absent where the caller did not read it (treated as current). */
  status?: GuidelineSource['status']
}

/** What a page context needs of each cited source (one read). */
export const CREDITED_SOURCE_SELECT = {
  publisher: true,
  title: true,
  version: true,
  url: true,
  status: true,
  passages: { passageId: true, heading: true, text: true },
} as const

/** One passage an answer cites, as an approval binds it: its source's version and a hash of its text. */
export type CitedEvidence = { source: string; passageId: string; version: string; textHash: string }

/** SHA-256 of a passage's text as stored ('' for a passage that no longer exists). */
export const passageTextHash = (text: string | null | undefined): string =>
  crypto
    .createHash('sha256')
    .update(text ?? '')
    .digest('hex')

/**
 * The evidence an answer rests on: every distinct passage it cites (direct answer and body), in
 * reference order, with its source's version and the hash of its text. A correction of a passage's
 * text or a new version of its source changes it, and with it the content hash.
 */
export function citedEvidence(answer: Partial<Pick<Answer, 'citations' | 'body'>>, sources: CreditedSource[]): CitedEvidence[] {
  const byId = new Map(sources.map((source) => [String(source.id), source]))
  const seen = new Set<string>()
  const evidence: CitedEvidence[] = []
  for (const reference of answerReferences(answer)) {
    const source = String(reference.source)
    const key = `${source}#${reference.passageId}`
    if (seen.has(key)) continue
    seen.add(key)
    const credited = byId.get(source)
    const passage = credited?.passages?.find((candidate) => candidate.passageId === reference.passageId)
    evidence.push({ source, passageId: reference.passageId, version: credited?.version ?? '', textHash: passageTextHash(passage?.text) })
  }
  return evidence
}

/**
 * The distinct guideline sources an answer cites, in the order its references are numbered (the
 * direct answer's citations, then the body's citation nodes): what its page credits.
 */
export function citedSourceIds(answer: Partial<Pick<Answer, 'citations' | 'body'>>): string[] {
  return [...new Set(answerReferences(answer).map((reference) => String(reference.source)))]
}

/** The heading of each referenced passage, in reference order ('' when it has none or is gone). */
export function referenceHeadings(answer: Partial<Pick<Answer, 'citations' | 'body'>>, sources: CreditedSource[]): string[] {
  const byId = new Map(sources.map((source) => [String(source.id), source]))
  return answerReferences(answer).map(
    (reference) =>
      byId.get(String(reference.source))?.passages?.find((passage) => passage.passageId === reference.passageId)?.heading ?? '',
  )
}

/** The page context from documents already read (the review screen and publication read them anyway). */
export function pageContext(
  question: Pick<Question, 'text'> | null | undefined,
  cancerType: Pick<CancerType, 'slug' | 'name'> | null | undefined,
  sources: CreditedSource[],
): PageContext {
  return {
    questionText: question?.text ?? '',
    cancerType: { slug: cancerType?.slug ?? '', name: cancerType?.name ?? '' },
    sources,
  }
}

/**
 * Documents of an answer's page that the caller has already read in the same transaction: each is
 * used only when it is the one the answer names (the same question, the same cancer type, every
 * cited source), so a stale or foreign document can never stand in for a read.
 */
export type PageDocuments = {
  question?: Pick<Question, 'id' | 'text'> | null
  cancerType?: Pick<CancerType, 'id' | 'slug' | 'name'> | null
  sources?: ReadonlyMap<string, CreditedSource>
}

/**
 * Reads the page context of an answer (at most three reads, only the fields the page shows),
 * skipping what `known` already holds.
 */
export async function loadPageContext(
  req: PayloadRequest,
  answer: Partial<Pick<Answer, 'question' | 'cancerType' | 'citations' | 'body'>>,
  known: PageDocuments = {},
): Promise<PageContext> {
  const { payload } = req
  const questionId = relationId(answer.question)
  const cancerTypeId = relationId(answer.cancerType)
  const sourceIds = citedSourceIds(answer)
  const sameId = (doc: { id: unknown } | null | undefined, id: unknown) => doc != null && id !== undefined && String(doc.id) === String(id)
  const knownSources = sourceIds.every((id) => known.sources?.has(id)) ? sourceIds.map((id) => known.sources!.get(id)!) : undefined
  const [question, cancerType, sources] = await Promise.all([
    questionId === undefined
      ? null
      : sameId(known.question, questionId)
        ? known.question
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
      : sameId(known.cancerType, cancerTypeId)
        ? known.cancerType
        : payload.findByID({
            collection: CANCER_TYPES,
            id: cancerTypeId,
            select: { slug: true, name: true },
            depth: 0,
            overrideAccess: true,
            disableErrors: true,
            req,
          }),
    knownSources ??
      (sourceIds.length === 0
        ? []
        : payload
            .find({
              collection: GUIDELINE_SOURCES,
              where: { id: { in: sourceIds } },
              select: CREDITED_SOURCE_SELECT,
              pagination: false,
              depth: 0,
              overrideAccess: true,
              req,
            })
            .then(({ docs }) => docs as CreditedSource[])),
  ])
  return pageContext(question as Question | null, cancerType as CancerType | null, sources)
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
    // Each numbered reference names the passage it points at.
    referenceHeadings: referenceHeadings(answer, page.sources),
    // The evidence: a corrected passage or a new version of its source voids earlier approvals.
    evidence: citedEvidence(answer, page.sources),
    // So does a cited guideline marked superseded (a safety correction can come that way). Named
    // only when there is one, so that the hash of an answer citing current guidelines is as before.
    ...supersededSources(answer, page.sources),
  }
  return crypto
    .createHash('sha256')
    .update(stringify(canonical) ?? '')
    .digest('hex')
}

function supersededSources(answer: Partial<ClinicalContent>, sources: CreditedSource[]): { supersededSources?: string[] } {
  const cited = new Set(citedSourceIds(answer))
  const superseded = sources
    .filter((source) => source.status === 'superseded' && cited.has(String(source.id)))
    .map((source) => String(source.id))
    .sort()
  return superseded.length > 0 ? { supersededSources: superseded } : {}
}

/** The hash of an answer as it stands now, its page context read fresh. */
export async function currentContentHash(req: PayloadRequest, answer: Partial<ClinicalContent>): Promise<string> {
  return contentHash(answer, await loadPageContext(req, answer))
}
