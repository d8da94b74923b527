import type { UIFieldServerComponent } from 'payload'
import React from 'react'

import type { Answer } from '@/payload-types'
import { answerClaims } from '@/lib/claims/answerClaims'
import { evidenceChangeViews } from '@/lib/evidence/evidenceView'

import { EvidenceChanges } from '../review/EvidenceChanges'
import '../review/review.css'

/**
 * Top of an answer's edit view when a passage it cites changed since it was last published (issue
 * 14): which passages, their old and new text, and which claims rest on them (claim numbers in
 * reading order, as on the review screen). Cleared when the answer is published again.
 */
export const EvidenceChangedBanner: UIFieldServerComponent = ({ data }) => {
  const answer = data as Answer | undefined
  if (!answer?.evidenceChanges?.length) return null
  const parts = answerClaims(answer)
  const claims = parts.flatMap((part) => part.claims).map((claim, position) => ({ id: claim.id, position }))
  return (
    <div role="status" data-testid="evidence-changed-banner">
      <EvidenceChanges changes={evidenceChangeViews(answer, parts)} claims={claims} />
    </div>
  )
}
