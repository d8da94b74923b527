import type { Answer } from '@/payload-types'
import type { Id } from '@/lib/relationId'
import { citationNodes, directAnswerCitations } from './answerClaims'
import { type CiteFields, citeSourceId, referenceKey } from './citeNode'

/** One numbered entry of an answer's reference list: a passage of a guideline source. */
export type Reference = { n: number; source: Id; passageId: string }

/**
 * The answer's references, numbered by first appearance as a reader meets them: the direct answer's
 * citations, then the citation nodes of the body. Several claims citing one passage share its number.
 */
export function answerReferences(answer: Pick<Answer, 'citations' | 'body'>): Reference[] {
  const references = new Map<string, Reference>()
  const add = (citation: { source?: unknown; passageId: string }) => {
    const source = citeSourceId(citation)
    const key = referenceKey(citation)
    if (source !== undefined && !references.has(key)) references.set(key, { n: references.size + 1, source, passageId: citation.passageId })
  }
  directAnswerCitations(answer).forEach(add)
  citationNodes(answer.body).forEach(add)
  return [...references.values()]
}

/** The number of a citation's reference, for renderers. */
export function referenceNumbering(references: Reference[]): (citation: Pick<CiteFields, 'source' | 'passageId'>) => number | undefined {
  const byKey = new Map(references.map((reference) => [referenceKey(reference), reference.n]))
  return (citation) => byKey.get(referenceKey(citation))
}
