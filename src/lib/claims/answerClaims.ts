import type { Answer } from '@/payload-types'
import { plainText, splitClaims, splitSentences } from '../grounding/claims'
import { CITE_BLOCK, type CiteFields, citeSourceId, isCiteNode, referenceKey } from './citeNode'

/** One claim of an answer as stored: a sentence or list item with the citations that follow it. */
export type AnswerClaim = {
  /** Stable while the claim's words and citations stay the same (a reviewer's "verified" mark is kept by it). */
  id: string
  /** "direct answer" or the heading of the body section it is in. */
  part: string
  text: string
  citations: CiteFields[]
}

export type ClaimPart = { part: string; claims: AnswerClaim[] }

type Node = { type?: string; text?: string; children?: Node[]; tag?: string }

/**
 * The most claims (sentences and list items) an answer may have. A long patient answer of two
 * thousand words has about 120; each claim is checked, flagged and verified one by one.
 */
export const MAX_ANSWER_CLAIMS = 500

const TERMINAL = /[.!?:;]["'”’)\]]*\s*$/

/**
 * The answer's claims part by part, as a reader meets them (issue 13). The direct answer is plain
 * text: its claims share the citations listed for it (`citations` not copied from the body). In the body each sentence and
 * each list item is a claim, and its citations are the citation nodes that follow it (a node in the
 * middle of a sentence belongs to that sentence); a claim followed by none is uncited.
 */
export function answerClaims(answer: Pick<Answer, 'summary' | 'body' | 'citations'>): ClaimPart[] {
  const parts: ClaimPart[] = []
  const summaryCitations = directAnswerCitations(answer)
  const summary = splitClaims(answer.summary ?? '').map((text) => claim('direct answer', text, summaryCitations))
  if (summary.length > 0) parts.push({ part: 'direct answer', claims: summary })

  let current: ClaimPart | null = null
  const section = () => {
    if (!current) {
      current = { part: 'body', claims: [] }
      parts.push(current)
    }
    return current
  }
  const visitBlock = (node: Node) => {
    if (node.type === 'heading') {
      current = { part: plainTextOf(node).trim() || 'body', claims: [] }
      parts.push(current)
      return
    }
    if (node.type === 'list') {
      for (const item of node.children ?? []) visitBlock(item)
      return
    }
    if (node.type === 'listitem') {
      // A nested list is its own items, not part of this item's sentence.
      const own = (node.children ?? []).filter((child) => child.type !== 'list')
      section().claims.push(...blockClaims(section().part, own))
      for (const child of node.children ?? []) if (child.type === 'list') visitBlock(child)
      return
    }
    if (node.type === 'horizontalrule') return
    section().claims.push(...blockClaims(section().part, node.children ?? []))
  }
  for (const node of (answer.body as { root?: Node } | null | undefined)?.root?.children ?? []) visitBlock(node)
  return parts.filter((part) => part.claims.length > 0)
}

/** The direct answer's citations: the answer's list less the copies of the body's claim citations. */
export function directAnswerCitations(answer: Pick<Answer, 'citations'>): CiteFields[] {
  return (answer.citations ?? []).flatMap((citation) => {
    const source = citeSourceId(citation)
    return source === undefined || citation.claimCitation ? [] : [{ source, passageId: citation.passageId, quote: citation.quote ?? null }]
  })
}

/** Every citation node of a rich-text value, in document order. */
export function citationNodes(body: unknown): CiteFields[] {
  const found: CiteFields[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    if (isCiteNode(node)) {
      const source = citeSourceId(node.fields)
      if (source !== undefined) found.push({ source, passageId: node.fields.passageId, quote: node.fields.quote ?? null })
      return
    }
    for (const child of (node as { children?: unknown[] }).children ?? []) walk(child)
  }
  walk((body as { root?: unknown } | null | undefined)?.root)
  return found
}

/**
 * Claims of Markdown whose sentences carry "[n]" markers (src/lib/claims/markers.ts), without
 * building rich text: the same claim rule as a stored answer, for drafts checked before saving and
 * the labelled evaluation. Returns each claim with the 1-based numbers it cites.
 */
export function markedMarkdownClaims(markdown: string): { text: string; markers: number[] }[] {
  const blocks: string[] = []
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length > 0) blocks.push(paragraph.join(' '))
    paragraph = []
  }
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*$/.test(line) || /^\s*#{1,6}\s/.test(line)) flush()
    else if (LIST_ITEM.test(line)) {
      flush()
      paragraph.push(line.replace(LIST_ITEM, ''))
    } else paragraph.push(line.trim())
  }
  flush()
  return blocks.flatMap((block) => {
    const children: Node[] = plainText(block)
      .split(MARKER_PIECE)
      .map((piece) => {
        const marker = /^\[(\d{1,3})\]$/.exec(piece)
        return marker
          ? ({ type: 'inlineBlock', fields: { blockType: CITE_BLOCK, source: 0, passageId: marker[1] } } as Node)
          : { type: 'text', text: piece }
      })
    return blockClaims('', children).map((found) => ({ text: found.text, markers: found.citations.map((cite) => Number(cite.passageId)) }))
  })
}

// MARKER (citeNode.ts) as a split separator: the markers are kept as their own pieces.
const MARKER_PIECE = /(\[\d{1,3}\])/

const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/

/** Claims of one paragraph or list item: text runs separated by citation nodes. */
function blockClaims(part: string, children: Node[]): AnswerClaim[] {
  const runs: { text: string; cites: CiteFields[] }[] = [{ text: '', cites: [] }]
  const walk = (node: Node) => {
    if (isCiteNode(node)) {
      const source = citeSourceId(node.fields)
      if (source !== undefined) runs.at(-1)!.cites.push({ source, passageId: node.fields.passageId, quote: node.fields.quote ?? null })
      return
    }
    if (typeof node.text === 'string') {
      if (runs.at(-1)!.cites.length > 0) runs.push({ text: '', cites: [] })
      runs.at(-1)!.text += node.text
    } else if (node.type === 'linebreak') runs.at(-1)!.text += ' '
    for (const child of node.children ?? []) walk(child)
  }
  children.forEach(walk)

  const claims: { text: string; cites: CiteFields[] }[] = []
  let open: { text: string; cites: CiteFields[] } | null = null
  runs.forEach((run, index) => {
    const last = index === runs.length - 1
    if (!/[\p{L}\d]/u.test(run.text) && !open) {
      // Citations with nothing but spaces or punctuation before them belong to the claim they follow.
      if (claims.length > 0) claims.at(-1)!.cites.push(...run.cites)
      else if (run.cites.length > 0) open = { text: '', cites: [...run.cites] }
      return
    }
    const text = `${open?.text ?? ''}${run.text}`
    const sentences = splitSentences(text)
    if (sentences.length === 0) return
    const found = sentences.map((sentence) => ({ text: sentence, cites: [] as CiteFields[] }))
    found[0]!.cites.push(...(open?.cites ?? []))
    open = null
    const final = found.at(-1)!
    final.cites.push(...run.cites)
    // A citation in the middle of a sentence: the rest of the sentence follows in the next run.
    if (!last && run.cites.length > 0 && !TERMINAL.test(run.text)) {
      found.pop()
      // The space before the node ("A stent [1]can") still separates the words around it.
      open = { text: /\s$/.test(run.text) ? `${final.text} ` : final.text, cites: final.cites }
    }
    claims.push(...found)
  })
  if (open) claims.push(open)
  return claims.filter((item) => /[\p{L}\d]/u.test(item.text)).map((item) => claim(part, item.text, uniqueCitations(item.cites)))
}

function claim(part: string, text: string, citations: CiteFields[]): AnswerClaim {
  const identity = [text.replace(/\s+/g, ' ').trim().toLowerCase(), ...citations.map(referenceKey).sort()].join('\u0000')
  return { id: fnv1a64(identity), part, text, citations }
}

/** FNV-1a, 64 bits: a claim's identity (not a secret), the same in the browser and on the server. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n)
  return hash.toString(16).padStart(16, '0')
}

function uniqueCitations(citations: CiteFields[]): CiteFields[] {
  const seen = new Set<string>()
  return citations.filter((citation) => {
    const key = `${referenceKey(citation)}|${citation.quote ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function plainTextOf(node: Node): string {
  return typeof node.text === 'string' ? node.text : (node.children ?? []).map(plainTextOf).join('')
}
