import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { contentHash, type CreditedSource, loadPageContext, type PageDocuments } from '@/lib/workflow/contentHash'
import { CONTENT_CHANGED, PAGE_DOCUMENTS } from '@/lib/workflow/context'
import { ANSWER_PAGE_CONTEXT, CITED_SOURCES } from './checkAnswerOnSave'

/**
 * Keeps `contentHash` equal to the hash of what this version's page would show (the answer and the
 * question, cancer type and sources it names); approvals bind to it. Also tells the later hooks
 * whether this save changed that content.
 */
export const computeContentHash: CollectionBeforeChangeHook<Answer> = async ({ data, originalDoc, req }) => {
  const merged = { ...originalDoc, ...data }
  // What this save has read already: the cited sources (validateCitations, earlier in this save) and
  // the question and cancer type a publication passes along.
  const known: PageDocuments = {
    ...(req.context[PAGE_DOCUMENTS] as PageDocuments | undefined),
    sources: req.context[CITED_SOURCES] as Map<string, CreditedSource> | undefined,
  }
  const page = await loadPageContext(req, merged, known)
  data.contentHash = contentHash(merged, page)
  // On req.context, not the `context` argument: the reads above gave the request a new context
  // object, and the next hooks are handed that one.
  req.context[ANSWER_PAGE_CONTEXT] = page
  req.context[CONTENT_CHANGED] = !originalDoc || contentHash(originalDoc, page) !== data.contentHash
  return data
}
