'use client'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import type { ClaimView } from '@/lib/review/reviewClaims'

import { errorText, postJSON } from '../shared/postJSON'

const VERDICT: Record<string, string> = { supported: 'supported', partial: 'partly supported', unsupported: 'not supported' }

/**
 * Each claim beside the passages it cites, flagged and unverified first (the order loadReview gives).
 * Everything written by an editor, a model or a guideline is rendered as text, never as HTML. An
 * assigned reviewer marks a claim verified, or takes the mark back; the mark is theirs alone and
 * never decides anything (the approval binds the whole content).
 */
export function ClaimList({ answerId, claims, canMark }: { answerId: string; claims: ClaimView[]; canMark: boolean }) {
  const router = useRouter()
  const [busy, setBusy] = useState<string | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  const mark = async (claim: ClaimView, verified: boolean) => {
    setBusy(claim.id)
    const { ok, data } = await postJSON(`/api/answers/${answerId}/claims/${claim.id}/verify`, { verified })
    setBusy(null)
    if (!ok) return setMessage({ ok: false, text: errorText(data) })
    setMessage({
      ok: true,
      text: verified ? `Claim ${claim.position + 1} marked verified.` : `Claim ${claim.position + 1} is unverified again.`,
    })
    router.refresh()
  }

  return (
    <>
      <p aria-live="polite" role="status" style={{ color: message && !message.ok ? 'var(--theme-error-500)' : undefined }}>
        {message?.text}
      </p>
      <ol className="claims" data-testid="claims">
        {claims.map((claim) => (
          <li
            className={`claim${claim.severity ? ` claim--flagged severity-${claim.severity}` : ''}${claim.verified ? ' claim--verified' : ''}${claim.evidenceChanged ? ' claim--evidence-changed' : ''}`}
            data-claim-id={claim.id}
            key={claim.id}
          >
            <div className="claim-text">
              <small>
                Claim {claim.position + 1} · {claim.part}
                {claim.verified ? ' · verified by you' : ''}
                {claim.evidenceChanged ? (
                  <>
                    {' · '}
                    <strong data-testid="evidence-changed-claim">evidence changed</strong>
                  </>
                ) : null}
              </small>
              <p>{claim.text}</p>
              {claim.flags.map((flag, index) => (
                <p className={`warning severity-${flag.severity}`} key={index}>
                  <strong>
                    {flag.severity.toUpperCase()}: {flag.code.replace(/_/g, ' ')}
                  </strong>
                  : {flag.message}
                </p>
              ))}
              <p className="claim-support">
                {claim.support
                  ? `Offline check: ${VERDICT[claim.support.verdict]}. ${claim.support.reason}`
                  : claim.passages.length === 0
                    ? 'Cites no passage.'
                    : 'Offline check: not compared.'}
                {claim.modelVerdict ? (
                  <>
                    <br />
                    Claude{claim.modelVerdict.model ? ` (${claim.modelVerdict.model})` : ''}: {VERDICT[claim.modelVerdict.verdict]}.{' '}
                    {claim.modelVerdict.reason}
                  </>
                ) : null}
              </p>
              {canMark ? (
                <button
                  aria-pressed={claim.verified}
                  className={`btn btn--size-small ${claim.verified ? 'btn--style-secondary' : 'btn--style-primary'}`}
                  disabled={busy !== null}
                  onClick={() => mark(claim, !claim.verified)}
                  type="button"
                >
                  {claim.verified ? `Undo: claim ${claim.position + 1} verified` : `Mark claim ${claim.position + 1} verified`}
                </button>
              ) : null}
            </div>
            <div className="claim-passages">
              {claim.passages.length === 0 ? <p>No passage cited.</p> : null}
              {claim.passages.map((passage, index) => (
                <figure key={`${passage.passageId}-${index}`}>
                  <figcaption>
                    <strong>
                      {passage.title}, {passage.version}
                    </strong>{' '}
                    {passage.status === 'superseded' ? <em>(superseded)</em> : null}
                    <br />
                    Passage {passage.passageId}
                    {passage.heading ? `: ${passage.heading}` : ''}
                  </figcaption>
                  <blockquote>
                    {passage.pieces.map((piece, at) =>
                      piece.quoted ? <mark key={at}>{piece.text}</mark> : <span key={at}>{piece.text}</span>,
                    )}
                  </blockquote>
                  {passage.quote && !passage.pieces.some((piece) => piece.quoted) ? (
                    <p className="warning severity-high">Quoted as “{passage.quote}”, which is not in this passage.</p>
                  ) : null}
                </figure>
              ))}
            </div>
          </li>
        ))}
      </ol>
    </>
  )
}
