import type { Answer } from '@/payload-types'
import type { ClaimPart } from '../claims/answerClaims'
import { citeSourceId } from '../claims/citeNode'
import { relationId } from '../relationId'

/** One changed passage as the edit and review screens show it, with the claims that rest on it. */
export type EvidenceChangeView = {
  sourceTitle: string
  passageId: string
  heading: string
  kind: 'edited' | 'superseded'
  oldText: string
  /** null when a superseded source's replacement has no passage with this id. */
  newText: string | null
  oldVersion: string
  newVersion: string | null
  changedOn: string | null
  safetyCorrection: boolean
  note: string | null
  /** Ids of the answer's claims citing this passage (the affected claims). */
  claimIds: string[]
}

const passageKey = (source: unknown, passageId: string) => `${String(source)}#${passageId}`

/**
 * The answer's "evidence changed" flags (written by the flagging job) joined to its claims: which
 * claims cite each changed passage. Claims citing only unchanged passages are not affected.
 */
export function evidenceChangeViews(answer: Pick<Answer, 'evidenceChanges'>, parts: ClaimPart[]): EvidenceChangeView[] {
  const claims = parts.flatMap((part) => part.claims)
  return (answer.evidenceChanges ?? []).map((flag) => {
    const key = passageKey(relationId(flag.source), flag.passageId)
    return {
      sourceTitle: flag.sourceTitle ?? 'a guideline source',
      passageId: flag.passageId,
      heading: flag.heading ?? '',
      kind: flag.kind === 'superseded' ? 'superseded' : 'edited',
      oldText: flag.oldText ?? '',
      newText: flag.newText ?? null,
      oldVersion: flag.oldVersion ?? '',
      newVersion: flag.newVersion ?? null,
      changedOn: flag.changedOn ?? null,
      safetyCorrection: Boolean(flag.safetyCorrection),
      note: flag.note ?? null,
      claimIds: [
        ...new Set(
          claims
            .filter((claim) => claim.citations.some((citation) => passageKey(citeSourceId(citation), citation.passageId) === key))
            .map((claim) => claim.id),
        ),
      ],
    }
  })
}
