import type { CollectionBeforeChangeHook } from 'payload'

import type { Answer } from '@/payload-types'
import { citationNodes } from '@/lib/claims/answerClaims'
import { citeSourceId, referenceKey } from '@/lib/claims/citeNode'

type CitationRow = NonNullable<Answer['citations']>[number]

/**
 * The answer's `citations` list holds the direct answer's citations (typed by editors or the
 * drafter) and, marked `claimCitation`, a copy of every citation node of the body, rebuilt on each
 * save. One list of everything an answer cites keeps the rules that ask "which answers cite this
 * passage?" (a query on `citations.source`, on both databases), the credited sources, the exact-quote
 * check and the review record working for claim citations too, without reading rich text.
 */
export const mirrorClaimCitations: CollectionBeforeChangeHook<Answer> = ({ data, originalDoc }) => {
  if (data.citations === undefined && data.body === undefined) return data
  const rows = (data.citations ?? originalDoc?.citations ?? []) as CitationRow[]
  const direct = rows.filter((row) => !row.claimCitation)
  const seen = new Set(direct.map(rowKey))
  const mirrored: CitationRow[] = []
  for (const node of citationNodes(data.body === undefined ? originalDoc?.body : data.body)) {
    const key = rowKey(node)
    if (seen.has(key)) continue
    seen.add(key)
    mirrored.push({ source: node.source, passageId: node.passageId, quote: node.quote ?? null, claimCitation: true })
  }
  data.citations = [...direct, ...mirrored]
  return data
}

const rowKey = (row: { source?: unknown; passageId: string; quote?: string | null }) =>
  `${referenceKey({ source: citeSourceId(row), passageId: row.passageId })}|${row.quote ?? ''}`
