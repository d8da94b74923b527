import type { Id } from '@/lib/relationId'

/**
 * The citation node as stored in Lexical JSON, client-safe (no Payload import): the public page, the
 * review screen, the checks and the rich-text allow-list all read it through these helpers.
 */
export const CITE_BLOCK = 'cite'

/**
 * A citation marker: in Markdown written by the drafter (Claude or extractive) or the seed, "[n]"
 * after a sentence or list item cites the n-th entry (from 1) of the citations given with the text.
 */
export const MARKER = /\[(\d{1,3})\]/g

export type CiteFields = { source: Id; passageId: string; quote?: string | null }

export type CiteNode = {
  type: 'inlineBlock'
  version: number
  fields: CiteFields & { id: string; blockType: typeof CITE_BLOCK; blockName?: string | null }
}

export function isCiteNode(node: unknown): node is CiteNode {
  if (!node || typeof node !== 'object') return false
  const { type, fields } = node as { type?: unknown; fields?: { blockType?: unknown } }
  return type === 'inlineBlock' && fields?.blockType === CITE_BLOCK
}

/** The id a relationship holds, whether the node was read at depth 0 or populated. */
export function citeSourceId(fields: { source?: unknown }): Id | undefined {
  const source = fields.source
  if (typeof source === 'number' || typeof source === 'string') return source
  if (source && typeof source === 'object' && 'id' in source) return (source as { id: Id }).id
  return undefined
}

/** "source id|passage id": one reference, whatever quotes its citations carry. */
export function referenceKey(citation: { source?: unknown; passageId: string }): string {
  return `${String(citeSourceId(citation) ?? '')}|${citation.passageId}`
}
