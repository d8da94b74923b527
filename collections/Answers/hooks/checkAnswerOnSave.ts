import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { Answer, GuidelineSource } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import { passageKey } from '@/lib/retrieval/passages'
import { checkAnswer, passageText } from '@/lib/safety/checkAnswer'
import { ANSWER_FLAG_CODES, SEVERITIES } from '@/lib/safety/flags'
import type { CreditedSource, PageContext } from '@/lib/workflow/contentHash'
import { CONTENT_CHANGED } from '@/lib/workflow/context'
import { GUIDELINE_SOURCES } from '@collections/slugs'

/** Set by computeContentHash: the page context it read, so the checks do not read the question again. */
export const ANSWER_PAGE_CONTEXT = 'answerPageContext'
/** Set by validateCitations: the cited sources (with passages) it read, by source id. */
export const CITED_SOURCES = 'answerCitedSources'

/**
 * Issue 13: the checks run on every save of an answer, whoever wrote the text (drafter, editor in the
 * admin or over REST, Local API, seed), and their result is what `safetyWarnings` holds. A client
 * cannot write the field (serverSet); this hook is its only writer. Runs after computeContentHash:
 * a save that did not change the content keeps the stored result (no passage read).
 */
export const checkAnswerOnSave: CollectionBeforeChangeHook<Answer> = async ({ data, originalDoc, req }) => {
  const merged = { ...originalDoc, ...data } as Answer
  // Read for this save only: a later save on the same request must not reuse them.
  const cited = req.context[CITED_SOURCES] as Map<string, CreditedSource> | undefined
  delete req.context[CITED_SOURCES]
  const stored = originalDoc?.safetyWarnings
  if (req.context[CONTENT_CHANGED] === false && originalDoc && isCurrent(stored)) {
    data.safetyWarnings = stored
    return data
  }
  const page = req.context[ANSWER_PAGE_CONTEXT] as PageContext | undefined
  data.safetyWarnings = checkAnswer({
    question: page?.questionText ?? '',
    answer: merged,
    passages: await citedPassages(req, merged, cited),
  })
  return data
}

/** Stored flags from before severities existed (or with a retired code) are recomputed. */
function isCurrent(stored: Answer['safetyWarnings']): stored is NonNullable<Answer['safetyWarnings']> {
  return (stored ?? []).every(
    (flag) =>
      (ANSWER_FLAG_CODES as readonly string[]).includes(flag.code ?? '') && (SEVERITIES as readonly string[]).includes(flag.severity ?? ''),
  )
}

/** The text of every passage the answer cites, by passage key: one read, only the passages. */
async function citedPassages(
  req: PayloadRequest,
  answer: Pick<Answer, 'citations'>,
  read: Map<string, CreditedSource> | undefined,
): Promise<Record<string, string>> {
  const sourceIds = [...new Set((answer.citations ?? []).map((citation) => relationId(citation.source)).filter((id) => id !== undefined))]
  if (sourceIds.length === 0) return {}
  const docs = sourceIds.every((id) => read?.has(String(id)))
    ? sourceIds.map((id) => read!.get(String(id))!)
    : await readSources(req, sourceIds)
  const passages: Record<string, string> = {}
  for (const source of docs)
    for (const passage of source.passages ?? [])
      passages[passageKey(source.id, passage.passageId)] = passageText({ heading: passage.heading, text: passage.text ?? '' })
  return passages
}

async function readSources(req: PayloadRequest, sourceIds: Id[]): Promise<GuidelineSource[]> {
  const { docs } = await req.payload.find({
    collection: GUIDELINE_SOURCES,
    where: { id: { in: sourceIds } },
    select: { passages: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs as GuidelineSource[]
}
