import { randomBytes } from 'node:crypto'
import type { SanitizedConfig } from 'payload'

import { markdownToLexical } from '../richText'
import { CITE_BLOCK, type CiteFields, type CiteNode, MARKER } from './citeNode'

/**
 * Citation markers (MARKER) in Markdown written by the drafter or the seed become citation nodes
 * of the stored rich text here. Only Markdown from code is read this way, so "[2]" typed by an
 * editor in the admin stays text.
 */

export class UnknownCitationMarker extends Error {
  constructor(
    readonly marker: string,
    available: number,
  ) {
    super(`Citation marker ${marker} names no citation (${available} ${available === 1 ? 'was' : 'were'} given).`)
    this.name = 'UnknownCitationMarker'
  }
}

/** Markdown with "[n]" markers as rich text with citation nodes. */
export async function markdownWithCitations(config: SanitizedConfig, markdown: string, citations: readonly CiteFields[]) {
  return replaceMarkers(await markdownToLexical(config, markdown), citations)
}

/** A citation node, as the admin editor would make it. */
export function citeNode(fields: CiteFields): CiteNode {
  return {
    type: 'inlineBlock',
    version: 1,
    fields: {
      id: randomBytes(12).toString('hex'),
      blockName: '',
      blockType: CITE_BLOCK,
      source: fields.source,
      passageId: fields.passageId,
      ...(fields.quote ? { quote: fields.quote } : {}),
    },
  }
}

type TextLike = { type?: string; text?: string; children?: TextLike[] }

function replaceMarkers<T>(value: T, citations: readonly CiteFields[]): T {
  const walk = (node: TextLike): TextLike[] => {
    if (node.type === 'text' && typeof node.text === 'string' && new RegExp(MARKER.source).test(node.text)) {
      const pieces: TextLike[] = []
      let at = 0
      for (const match of node.text.matchAll(MARKER)) {
        const citation = citations[Number(match[1]) - 1]
        if (!citation) throw new UnknownCitationMarker(match[0], citations.length)
        // The space a writer leaves before a marker ("offered. [1]") is not part of the sentence.
        const before = node.text.slice(at, match.index).replace(/[ \t]+$/, '')
        if (before) pieces.push({ ...node, text: before })
        pieces.push(citeNode(citation) as TextLike)
        at = match.index + match[0].length
      }
      const rest = node.text.slice(at)
      if (rest) pieces.push({ ...node, text: rest })
      return pieces
    }
    if (Array.isArray(node.children)) return [{ ...node, children: node.children.flatMap(walk) }]
    return [node]
  }
  const root = (value as { root: TextLike }).root
  return { ...value, root: walk(root)[0] } as T
}
