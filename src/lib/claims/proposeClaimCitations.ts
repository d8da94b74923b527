import type { PayloadRequest } from 'payload'

import type { Answer, GuidelineSource } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import { ANSWERS, GUIDELINE_SOURCES } from '@collections/slugs'
import { splitSentences } from '../grounding/claims'
import { checkSupport } from '../grounding/support'
import { isLockedForReview } from '../workflow/states'
import { passageText } from '../safety/checkAnswer'
import { citationNodes } from './answerClaims'
import { type CiteFields, isCiteNode } from './citeNode'
import { citeNode } from './markers'

type Node = { type?: string; text?: string; children?: Node[] }

export type ClaimCitationMigration = {
  proposed: number
  skippedInReview: number
  alreadyCited: number
  noCitations: number
  /** No claim is supported by any of the answer's passages: left for an editor to cite by hand. */
  nothingSupported: number
}

/**
 * Answers written before claim citations (issue 13) cite at answer level only. For each claim of
 * their body this proposes the answer's own cited passages that support it (the offline support
 * check; "supported" ones, else the best "partial" one) as citation nodes after the claim, and
 * saves that as a new draft version: a live version stays as it was approved, and the proposal
 * reaches patients only through review. Answers in review are locked and left alone (their reviewer
 * sees the answer-level citations); an answer with any citation node already is not touched.
 */
export async function proposeClaimCitations(req: PayloadRequest): Promise<ClaimCitationMigration> {
  const report: ClaimCitationMigration = { proposed: 0, skippedInReview: 0, alreadyCited: 0, noCitations: 0, nothingSupported: 0 }
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    draft: true,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    select: { body: true, citations: true, workflowStage: true },
    req,
  })
  const sourceIds = [...new Set(docs.flatMap((answer) => (answer.citations ?? []).map((row) => String(relationId(row.source)))))]
  const { docs: sources } = await req.payload.find({
    collection: GUIDELINE_SOURCES,
    where: { id: { in: sourceIds } },
    select: { passages: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const passages = new Map<string, string>()
  for (const source of sources as GuidelineSource[])
    for (const passage of source.passages ?? []) passages.set(`${source.id}|${passage.passageId}`, passageText(passage))

  for (const answer of docs as Answer[]) {
    if (citationNodes(answer.body).length > 0) report.alreadyCited += 1
    else if (!answer.citations?.length || !answer.body) report.noCitations += 1
    else if (isLockedForReview(answer.workflowStage)) report.skippedInReview += 1
    else {
      const candidates = answer.citations.flatMap((row) => {
        const text = passages.get(`${String(relationId(row.source))}|${row.passageId}`)
        const source = relationId(row.source)
        return text === undefined || source === undefined ? [] : [{ cite: { source, passageId: row.passageId, quote: row.quote }, text }]
      })
      const body = withProposedCitations(answer.body, candidates)
      if (citationNodes(body).length === 0) {
        report.nothingSupported += 1
        continue
      }
      await req.payload.update({ collection: ANSWERS, id: answer.id as Id, data: { body }, draft: true, overrideAccess: true, req })
      report.proposed += 1
    }
  }
  return report
}

/** The body with a citation node after each sentence that one of the candidates supports. */
export function withProposedCitations<T extends Answer['body']>(body: T, candidates: { cite: CiteFields; text: string }[]): T {
  const choose = (sentence: string): CiteFields[] => {
    const results = candidates.map((candidate) => ({ candidate, support: checkSupport(sentence, [candidate.text]) }))
    const supported = results.filter((result) => result.support.verdict === 'supported')
    if (supported.length > 0) return supported.map((result) => result.candidate.cite)
    const partial = results.filter((result) => result.support.verdict === 'partial').sort((a, b) => b.support.coverage - a.support.coverage)
    return partial.slice(0, 1).map((result) => result.candidate.cite)
  }
  const block = (node: Node): Node => {
    if (node.type === 'list' || node.type === 'root') return { ...node, children: (node.children ?? []).map(block) }
    if (node.type === 'heading' || !node.children || node.children.some(isCiteNode)) return node
    if (node.type === 'listitem') {
      const nested = node.children.filter((child) => child.type === 'list').map(block)
      const own = cited(node.children.filter((child) => child.type !== 'list'))
      return { ...node, children: [...own, ...nested] }
    }
    return { ...node, children: cited(node.children) }
  }
  // A node goes where a sentence ends; a sentence end inside a text node splits that text node.
  const cited = (children: Node[]): Node[] => {
    const whole = children.map((child) => child.text ?? '').join('')
    const ends = new Map<number, CiteFields[]>()
    let cursor = 0
    for (const sentence of splitSentences(whole)) {
      const at = whole.indexOf(sentence.slice(-Math.min(sentence.length, 12)), cursor)
      if (at < 0) continue
      cursor = at + Math.min(sentence.length, 12)
      const cites = choose(sentence)
      if (cites.length > 0) ends.set(cursor, cites)
    }
    const out: Node[] = []
    let offset = 0
    for (const child of children) {
      if (typeof child.text !== 'string') {
        out.push(child)
        continue
      }
      let start = 0
      for (const [end, cites] of ends) {
        if (end <= offset || end > offset + child.text.length) continue
        out.push({ ...child, text: child.text.slice(start, end - offset) })
        out.push(...cites.map((cite) => citeNode(cite) as Node))
        start = end - offset
      }
      if (start < child.text.length) out.push({ ...child, text: child.text.slice(start) })
      offset += child.text.length
    }
    return out.filter((node) => typeof node.text !== 'string' || node.text.length > 0)
  }
  if (!body) return body
  return { ...body, root: block(body.root as Node) } as T
}
