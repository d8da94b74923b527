import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { quoteOccursIn } from '@/lib/grounding/quotes'
import { relationId } from '@/lib/relationId'
import { CREDITED_SOURCE_SELECT, type CreditedSource, type PageDocuments } from '@/lib/workflow/contentHash'
import { PAGE_DOCUMENTS } from '@/lib/workflow/context'
import { ANSWERS, GUIDELINE_SOURCES } from '@collections/slugs'
import { CITED_SOURCES } from './checkAnswerOnSave'

type Citation = NonNullable<Answer['citations']>[number]

const citationKey = (citation: Citation) => `${String(relationId(citation.source))}|${citation.passageId}|${citation.quote ?? ''}`

/**
 * Trust rule 2: every citation points at a passage that exists in a guideline source, and its quote
 * occurs in that passage (issue 13: quotes are exact), on every save whoever makes it. A citation
 * the answer already had, unchanged, is not re-checked against its quote: a passage's text may be
 * corrected after it was cited (protectCitedPassages allows that), and the answer's workflow saves
 * (submission, publication) must not fail on it; the grounding checks report such a quote instead.
 */
export const validateCitations: CollectionBeforeChangeHook<Answer> = async ({ data, originalDoc, req }) => {
  // Sources read by an earlier save on the same request are not this save's.
  delete req.context[CITED_SOURCES]
  const citations = data.citations ?? []
  if (citations.length === 0) return data
  const unchanged = new Set((originalDoc?.citations ?? []).map(citationKey))

  const sourceIds = [...new Set(citations.map((citation) => relationId(citation.source)).filter((id) => id !== undefined))]
  // A publication passes the sources it read for the page in this transaction (with their passages).
  const known = (req.context[PAGE_DOCUMENTS] as PageDocuments | undefined)?.sources
  const docs: CreditedSource[] = sourceIds.every((id) => known?.has(String(id)))
    ? sourceIds.map((id) => known!.get(String(id))!)
    : (
        await req.payload.find({
          collection: GUIDELINE_SOURCES,
          where: { id: { in: sourceIds } },
          // The page's fields: computeContentHash and checkAnswerOnSave take the sources from this read.
          select: CREDITED_SOURCE_SELECT,
          pagination: false,
          depth: 0,
          overrideAccess: true,
          req,
        })
      ).docs
  const sources = new Map(docs.map((doc) => [String(doc.id), doc]))
  // The hooks that run later in this save (computeContentHash, checkAnswerOnSave) need the same sources: one read.
  req.context[CITED_SOURCES] = sources

  const errors: { path: string; message: string }[] = []
  citations.forEach((citation, index) => {
    // A copy of a citation node is reported where the editor fixes it: in the body.
    const place = citation.claimCitation ? 'A citation in the body' : `Citation ${index + 1}`
    const at = (field: string) => (citation.claimCitation ? 'body' : `citations.${index}.${field}`)
    const sourceId = relationId(citation.source)
    const source = sourceId === undefined ? undefined : sources.get(String(sourceId))
    if (!source) {
      errors.push({
        path: at('source'),
        message: `${place}: guideline source ${sourceId ?? '(none)'} does not exist.`,
      })
      return
    }
    const passage = source.passages?.find((candidate) => candidate.passageId === citation.passageId)
    if (!passage) {
      errors.push({
        path: at('passageId'),
        message: `${place}: passage "${citation.passageId}" is not in "${source.title}" (${source.version}).`,
      })
      return
    }
    if (!citation.quote || unchanged.has(citationKey(citation))) return
    const quote = quoteOccursIn(citation.quote, passage.text ?? '')
    if (quote.ok === false && quote.tooShort) errors.push({ path: at('quote'), message: `${place}: ${quote.reason}.` })
    else if (!quote.ok) {
      errors.push({
        path: at('quote'),
        message: `${place}: the quote "${citation.quote}" is not in passage "${citation.passageId}" of "${source.title}" (${source.version}): ${quote.reason}. Copy the quote word for word from the passage.`,
      })
    }
  })
  if (errors.length > 0) throw new ValidationError({ collection: ANSWERS, errors, req })
  return data
}
