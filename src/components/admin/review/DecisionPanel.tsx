'use client'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { ATTESTATION_STATEMENT } from '@collections/Approvals/constants'
import { answerStageLabel } from '@/lib/workflow/states'

import { errorText, postJSON } from '../shared/postJSON'

type Decision = 'approve' | 'request_changes' | 'reject'
const OUTCOME: Record<Decision, string> = { approve: 'Approved', request_changes: 'Changes requested', reject: 'Rejected' }

/**
 * Approve (with the attestation), request changes or reject (each with a comment). The decision is
 * bound to the content hash shown on this screen, so an edit made meanwhile is refused, not approved.
 */
export function DecisionPanel(props: {
  answerId: string
  refusal: string | null
  contentHash: string
  myDecision: string | null
  requiredApprovals: number
  stage: string
  claimsVerified: number
  claimCount: number
}) {
  const router = useRouter()
  const [attested, setAttested] = useState(false)
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  // A count only: marks never gate the decision, which binds the whole content.
  const progress = (
    <p data-testid="claims-verified">
      {props.claimsVerified} of {props.claimCount} claims verified
    </p>
  )
  const outcome = (
    <p aria-live="assertive" role="status" style={{ color: message && !message.ok ? 'var(--theme-error-500)' : undefined }}>
      {message?.text}
    </p>
  )
  if (props.refusal) {
    return (
      <section className="decision" aria-labelledby="decision-heading">
        <h2 id="decision-heading">Decision</h2>
        <p>{props.stage === 'published' ? 'This answer is published.' : `Stage: ${answerStageLabel(props.stage)}. ${props.refusal}`}</p>
        {progress}
        {outcome}
      </section>
    )
  }

  const decide = async (decision: Decision) => {
    if (decision === 'approve' && !attested) return setMessage({ ok: false, text: 'Tick the attestation to approve.' })
    if (decision !== 'approve' && !comment.trim())
      return setMessage({ ok: false, text: 'Write a comment for the editor first: say what must change, or why.' })
    setBusy(true)
    const { ok, data } = await postJSON<{ alreadyRecorded?: boolean }>(`/api/answers/${props.answerId}/decision`, {
      decision,
      contentHash: props.contentHash,
      ...(decision === 'approve' ? { attestation: true } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    })
    setBusy(false)
    if (!ok) return setMessage({ ok: false, text: errorText(data) })
    setMessage({
      ok: true,
      text: `${OUTCOME[decision]}${data.alreadyRecorded ? ' (already recorded)' : ''}. Recorded for this exact version.`,
    })
    router.refresh()
  }

  return (
    <section className="decision" aria-labelledby="decision-heading">
      <h2 id="decision-heading">Your decision</h2>
      {progress}
      {props.myDecision && <p>You already recorded “{props.myDecision.replace(/_/g, ' ')}” on this version.</p>}
      <p>
        {props.myDecision === 'approve'
          ? 'You approved this version; it goes live when a second reviewer approves it too.'
          : props.requiredApprovals === 2
            ? 'High risk: two approvals from different reviewers publish it.'
            : 'Your approval publishes this exact version.'}
      </p>
      <label style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <input checked={attested} onChange={(event) => setAttested(event.target.checked)} type="checkbox" />
        {/* The statement the approval records, word for word. */}
        <span>{ATTESTATION_STATEMENT}</span>
      </label>
      <label htmlFor="review-comment" style={{ display: 'block', marginTop: 12 }}>
        Comment for the editor (required to request changes or reject)
      </label>
      <textarea id="review-comment" maxLength={5000} onChange={(event) => setComment(event.target.value)} value={comment} />
      <div className="decision-buttons">
        <button className="btn btn--style-primary" disabled={busy} onClick={() => decide('approve')} type="button">
          Approve
        </button>
        <button className="btn btn--style-secondary" disabled={busy} onClick={() => decide('request_changes')} type="button">
          Request changes
        </button>
        <button className="btn btn--style-secondary" disabled={busy} onClick={() => decide('reject')} type="button">
          Reject
        </button>
      </div>
      {outcome}
    </section>
  )
}
