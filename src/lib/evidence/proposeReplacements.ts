import type { PayloadRequest } from 'payload'

import type { Answer, GuidelineSource } from '@/payload-types'
import { ANSWERS, GUIDELINE_SOURCES } from '@collections/slugs'
import { loadAnswer } from '../answers/loadAnswer'
import { citationNodes } from '../claims/answerClaims'
import { citeSourceId, isCiteNode } from '../claims/citeNode'
import { Conflict, NotFound } from '../errors'
import { contentTerms } from '../grounding/terms'
import { quoteOccursIn } from '../grounding/quotes'
import { relationId, type Id } from '../relationId'
import { passageKey, rankPassages, type Passage } from '../retrieval/passages'
import { passageText } from '../safety/checkAnswer'
import { withTransaction } from '../transaction'
import { isLockedForReview } from '../workflow/states'

export type ReplacementProposal = {
  answerId: Id
  /** One row per cited passage of the superseded source. */
  passages: { from: string; to: string | null; how: 'same id' | 'similar text' | 'none'; similarity: number }[]
  /** Whether a new draft version with the proposal was saved. */
  saved: boolean
  /**
   * Why nothing was saved: the answer is in review (locked for its reviewer: report it, re-cite after
   * the decision), its latest version cites nothing of the old source, or no passage has a match.
   */
  skipped?: 'in review' | 'not citing' | 'no match'
}

/**
 * Below this share of shared content words (Dice coefficient of the grounding checks' terms), the
 * most similar passage of the new version is not proposed: re-citing a claim to a passage about
 * something else would hide the gap from the reviewer. Editors re-cite those by hand.
 */
export const MIN_SIMILARITY = 0.3

/**
 * For an answer citing a superseded source (issue 14): re-cites each of its passages, in the
 * direct answer's citations and the body's citation nodes, to the passage of the source that
 * replaces it: the passage with the same id, else the most similar text (MiniSearch ranks the new
 * version's passages against the old text; the Dice share of content words decides and is reported).
 * A quote is kept only when it still occurs word for word in the new passage. The result is saved
 * as a NEW DRAFT VERSION (as proposeClaimCitations does), in the caller's transaction: a live
 * version stays as it was approved until a reviewer approves the proposal. An answer in review is
 * not rewritten under its reviewer: it is reported (`skipped: 'in review'`) with the proposal.
 * Refuses a replacement that is the same source (409) or not current (409).
 */
export async function proposeReplacementCitations(
  req: PayloadRequest,
  answerId: Id,
  { fromSourceId, toSourceId }: { fromSourceId: Id; toSourceId: Id },
): Promise<ReplacementProposal> {
  if (String(fromSourceId) === String(toSourceId)) throw new Conflict('A source cannot be replaced by itself: name its newer version.')
  const [from, to] = await Promise.all([readSource(req, fromSourceId), readSource(req, toSourceId)])
  if (to.status !== 'current') {
    throw new Conflict(
      `"${to.title}" (${to.version}) is itself superseded, so it cannot replace "${from.title}" (${from.version}): name the current version.`,
    )
  }
  const answer = await loadAnswer(req, answerId)

  const fromOld = (cite: { source?: unknown }) => String(citeSourceId(cite) ?? '') === String(from.id)
  const directRows = (answer.citations ?? []).filter((row) => !row.claimCitation)
  const citedIds = [
    ...new Set([
      ...directRows.filter(fromOld).map((row) => row.passageId),
      ...citationNodes(answer.body)
        .filter(fromOld)
        .map((c) => c.passageId),
    ]),
  ]
  const passages = citedIds.map((passageId) => matchPassage(from, to, passageId))
  const report: ReplacementProposal = { answerId: answer.id, passages, saved: false }
  if (citedIds.length === 0) return { ...report, skipped: 'not citing' }
  if (isLockedForReview(answer.workflowStage)) return { ...report, skipped: 'in review' }
  if (passages.every((row) => row.to === null)) return { ...report, skipped: 'no match' }

  const newText = new Map((to.passages ?? []).map((passage) => [passage.passageId, passage.text]))
  const target = new Map(passages.filter((row) => row.to !== null).map((row) => [row.from, row.to!]))
  const recite = <T extends Cite>(cite: T): T => {
    const passageId = fromOld(cite) ? target.get(cite.passageId) : undefined
    if (passageId === undefined) return cite
    const quote = cite.quote && quoteOccursIn(cite.quote, newText.get(passageId) ?? '').ok ? cite.quote : null
    return { ...cite, source: to.id, passageId, quote } as T
  }
  const seen = new Set<string>()
  const citations = directRows.map(recite).filter((row) => {
    const key = `${String(relationId(row.source))}|${row.passageId}|${row.quote ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  await req.payload.update({
    collection: ANSWERS,
    id: answer.id,
    data: { body: reciteBody(answer.body, recite), citations },
    draft: true,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { ...report, saved: true }
}

async function readSource(req: PayloadRequest, id: Id): Promise<GuidelineSource> {
  const source = (await req.payload.findByID({
    collection: GUIDELINE_SOURCES,
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })) as GuidelineSource | null
  if (!source) throw new NotFound(`Guideline source ${id} does not exist.`)
  return source
}

/** The passage of `to` that replaces passage `passageId` of `from`, and how it was found. */
export function matchPassage(from: GuidelineSource, to: GuidelineSource, passageId: string): ReplacementProposal['passages'][number] {
  const old = (from.passages ?? []).find((passage) => passage.passageId === passageId)
  const oldText = old ? passageText(old) : ''
  const sameId = (to.passages ?? []).find((passage) => passage.passageId === passageId)
  if (sameId) return { from: passageId, to: passageId, how: 'same id', similarity: similarity(oldText, passageText(sameId)) }
  const candidates: Passage[] = (to.passages ?? []).map((passage) => ({
    key: passageKey(to.id, passage.passageId),
    sourceId: to.id,
    passageId: passage.passageId,
    heading: passage.heading ?? '',
    text: passage.text,
    publisher: to.publisher,
    sourceTitle: '',
    version: to.version,
  }))
  const best = rankPassages(oldText, candidates, 5)
    .map((hit) => ({ passageId: hit.passageId, similarity: similarity(oldText, passageText(hit)) }))
    .sort((a, b) => b.similarity - a.similarity)[0]
  if (!best || best.similarity < MIN_SIMILARITY) return { from: passageId, to: null, how: 'none', similarity: best?.similarity ?? 0 }
  return { from: passageId, to: best.passageId, how: 'similar text', similarity: best.similarity }
}

/** Dice coefficient of two texts' content terms (stems, stop words out), rounded to 2 places. */
function similarity(a: string, b: string): number {
  const left = contentTerms(a)
  const right = contentTerms(b)
  if (left.size + right.size === 0) return 0
  const shared = [...left].filter((term) => right.has(term)).length
  return Math.round(((2 * shared) / (left.size + right.size)) * 100) / 100
}

type Node = { children?: Node[] }
type Cite = { source?: unknown; passageId: string; quote?: string | null }

/** The body with every citation node passed through `recite` (other nodes as they were). */
function reciteBody<T extends Answer['body']>(body: T, recite: <C extends Cite>(cite: C) => C): T {
  if (!body) return body
  const walk = (node: Node): Node => {
    if (isCiteNode(node)) return { ...node, fields: recite(node.fields) } as Node
    return node.children ? { ...node, children: node.children.map(walk) } : node
  }
  return { ...body, root: walk(body.root as Node) } as T
}

/**
 * An editor's request (POST /api/answers/:id/propose-replacements): for every superseded source the
 * answer's latest version cites, propose its replacement's passages, in one transaction. Refused
 * (409) while the answer is in review, and when it cites no superseded source.
 */
export async function proposeReplacementsForAnswer(req: PayloadRequest, answerId: Id): Promise<{ proposals: ReplacementProposal[] }> {
  return withTransaction(req, async (tx) => {
    const answer = await loadAnswer(tx, answerId)
    const citedSourceIds = [...new Set((answer.citations ?? []).map((row) => relationId(row.source)).filter((id) => id !== undefined))]
    const { docs } = await tx.payload.find({
      collection: GUIDELINE_SOURCES,
      where: { and: [{ id: { in: citedSourceIds } }, { status: { equals: 'superseded' } }] },
      select: { supersededBy: true },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req: tx,
    })
    const superseded = (docs as Pick<GuidelineSource, 'id' | 'supersededBy'>[]).filter(
      (source) => relationId(source.supersededBy) !== undefined,
    )
    if (superseded.length === 0) throw new Conflict(`"${answer.title}" cites no superseded source: there is nothing to replace.`)
    if (isLockedForReview(answer.workflowStage)) {
      throw new Conflict(
        `"${answer.title}" is in review, so its citations are not changed under its reviewer. Propose replacements after the decision, or withdraw it from review first.`,
      )
    }
    const proposals: ReplacementProposal[] = []
    for (const source of superseded) {
      proposals.push(
        await proposeReplacementCitations(tx, answer.id, { fromSourceId: source.id, toSourceId: relationId(source.supersededBy)! }),
      )
    }
    return { proposals }
  })
}
