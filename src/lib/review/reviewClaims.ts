import { z } from 'zod'

import type { ClaimCheck, GuidelineSource } from '@/payload-types'
import type { AnswerClaim, ClaimPart } from '../claims/answerClaims'
import { checkGrounding, type GroundingFlag, type GroundingPart, type Severity } from '../grounding/checkGrounding'
import type { SupportVerdict } from '../grounding/support'
import { passageKey } from '../retrieval/passages'
import { passageText } from '../safety/checkAnswer'
import { quotePieces } from './quoteSpan'

export type ClaimPassage = {
  title: string
  version: string
  status: string
  passageId: string
  heading: string
  /** The passage's words as pieces, the quote (when it occurs) marked: shown as text, never HTML. */
  pieces: { text: string; quoted: boolean }[]
  quote: string | null
  /** False when the cited source or passage no longer exists. */
  found: boolean
}
export type ClaimFlag = { code: string; severity: Severity; message: string }
export type ClaimView = {
  id: string
  part: string
  text: string
  /** Place in reading order (from 0), kept for "claim N" labels whatever the sort. */
  position: number
  passages: ClaimPassage[]
  /** The offline lexical and numeric comparison with the cited passages; null when nothing was compared. */
  support: { verdict: SupportVerdict; reason: string; missingFigures: string[] } | null
  flags: ClaimFlag[]
  /** The most severe flag's severity, null when unflagged. */
  severity: Severity | null
  /** Claude's verdict, only while its check was made on this exact content. */
  modelVerdict: { verdict: SupportVerdict; reason: string; model: string | null } | null
  verified: boolean
  verifiedAt: string | null
  /** A passage this claim cites changed since the answer was published (loadReview sets it). */
  evidenceChanged?: boolean
}

/**
 * The `claimVerification` field Claude's check writes (CLAIMS.md), read as unknown JSON: the field
 * comes from another branch, and anything malformed is ignored rather than shown.
 */
const verificationSchema = z.object({
  status: z.string(),
  contentHash: z.string(),
  model: z.string().nullish(),
  claims: z.array(z.object({ id: z.string(), verdict: z.enum(['supported', 'partial', 'unsupported']), reason: z.string() })),
})

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 }

export type ReviewClaimsInput = {
  question: string
  parts: ClaimPart[]
  /** Every source the claims cite, with their passages. */
  sources: Pick<GuidelineSource, 'id' | 'title' | 'version' | 'status' | 'passages'>[]
  verification: unknown
  contentHash: string
  /** The viewer's own marks. */
  marks: Pick<ClaimCheck, 'claimId' | 'verifiedAt'>[]
}

/**
 * Each claim as the reviewer checks it: the passages it cites, the offline support result and flags
 * (the same checks as on save, run claim by claim), Claude's verdict, and the viewer's mark. Sorted
 * as the reviewer works: high-severity flags first, then other flags, then unverified, then
 * verified; reading order within each group. A mark does not move a flagged claim down.
 */
export function reviewClaims({ question, parts, sources, verification, contentHash, marks }: ReviewClaimsInput): ClaimView[] {
  const sourceById = new Map(sources.map((source) => [String(source.id), source]))
  const passages: Record<string, string> = {}
  for (const source of sources)
    for (const passage of source.passages ?? []) passages[passageKey(source.id, passage.passageId)] = passageText(passage)

  const direct = parts.find((part) => part.part === 'direct answer')
  const sections = parts.filter((part) => part !== direct)
  const toGrounding = (heading: string, claims: AnswerClaim[]): GroundingPart => ({
    heading,
    claims: claims.map((claim) => ({
      text: claim.text,
      citations: claim.citations.map((citation) => ({
        passageKey: passageKey(citation.source, citation.passageId),
        quote: citation.quote,
      })),
    })),
  })
  const report = checkGrounding({
    question,
    directAnswer: toGrounding('Direct answer', direct?.claims ?? []),
    sections: sections.map((part) => toGrounding(part.part, part.claims)),
    passages,
  })
  // checkGrounding reports one result per claim, in the order given: direct answer, then sections.
  const ordered = [
    ...(direct ? [{ where: 'direct answer', part: direct }] : []),
    ...sections.map((part) => ({ where: `section "${part.part}"`, part })),
  ].flatMap(({ where, part }) => part.claims.map((claim) => ({ where, claim })))

  const parsed = verificationSchema.safeParse(verification)
  const current = parsed.success && parsed.data.contentHash === contentHash ? parsed.data : null
  const verdictById = new Map((current?.claims ?? []).map((item) => [item.id, item]))
  const markById = new Map(marks.map((mark) => [mark.claimId, mark]))

  const views = ordered.map(({ where, claim }, position): ClaimView => {
    const result = report.claims[position]
    const support = result && result.claim === claim.text ? result.support : null
    const cited = claim.citations.map((citation) => ({ key: passageKey(citation.source, citation.passageId), quote: citation.quote }))
    const flags = report.flags
      .filter((flag) => flag.where === where && (flag.claim === claim.text || (flag.claim === undefined && citesFlagged(flag, cited))))
      .map(({ code, severity, message }) => ({ code, severity, message }))
    const verdict = verdictById.get(claim.id)
    const mark = markById.get(claim.id)
    return {
      id: claim.id,
      part: claim.part,
      text: claim.text,
      position,
      passages: claim.citations.map((citation) => {
        const source = sourceById.get(String(citation.source))
        const passage = source?.passages?.find((candidate) => candidate.passageId === citation.passageId)
        return {
          title: source?.title ?? 'Unknown source',
          version: source?.version ?? '',
          status: source?.status ?? '',
          passageId: citation.passageId,
          heading: passage?.heading ?? '',
          pieces: passage
            ? quotePieces(passage.text, citation.quote)
            : [{ text: 'This passage no longer exists in the source.', quoted: false }],
          quote: citation.quote ?? null,
          found: Boolean(passage),
        }
      }),
      support: support
        ? { verdict: support.verdict, reason: support.reason, missingFigures: support.missingFigures.map((figure) => figure.text) }
        : null,
      flags,
      severity: flags.reduce<Severity | null>(
        (worst, flag) => (worst === null || RANK[flag.severity] < RANK[worst] ? flag.severity : worst),
        null,
      ),
      modelVerdict: verdict ? { verdict: verdict.verdict, reason: verdict.reason, model: current?.model ?? null } : null,
      verified: Boolean(mark),
      verifiedAt: mark?.verifiedAt ?? null,
    }
  })
  const group = (claim: ClaimView) => (claim.severity === 'high' ? 0 : claim.severity ? 1 : claim.verified ? 3 : 2)
  return views.sort((a, b) => group(a) - group(b) || a.position - b.position)
}

/**
 * A flag about a cited passage (not a claim) belongs to the claims citing it: an unknown passage to
 * every claim citing its key, a quote not in its passage only to claims citing it with that quote.
 */
function citesFlagged(flag: GroundingFlag, citations: { key: string; quote?: string | null }[]): boolean {
  if (flag.code === 'unknown_passage') return citations.some(({ key }) => flag.message.includes(`passage "${key}"`))
  if (flag.code === 'quote_not_in_passage')
    return citations.some(({ key, quote }) => Boolean(quote) && flag.message.startsWith(`Quote "${quote}" from passage "${key}"`))
  return false
}
