import React from 'react'

import type { EvidenceChangeView } from '@/lib/evidence/evidenceView'
import type { ClaimView } from '@/lib/review/reviewClaims'
import { formatDay } from '@/lib/workflow/states'

/**
 * The passages this answer cites that changed since it was approved (issue 14): each one's old and
 * new text side by side, and the claims resting on it (highlighted in the claim list). Rendered as
 * text, never HTML. Used by the review screen and the answer's edit view.
 */
export function EvidenceChanges({ changes, claims }: { changes: EvidenceChangeView[]; claims?: Pick<ClaimView, 'id' | 'position'>[] }) {
  if (changes.length === 0) return null
  const position = new Map((claims ?? []).map((claim) => [claim.id, claim.position + 1]))
  return (
    <section aria-labelledby="evidence-changes-heading" className="evidence-changes" data-testid="evidence-changes">
      <h2 id="evidence-changes-heading">Evidence changed ({changes.length})</h2>
      <p>A passage this answer cites changed after it was approved. Check the claims that rest on it against the new text.</p>
      {changes.map((change, index) => {
        const affected = change.claimIds.map((id) => position.get(id)).filter((n): n is number => n !== undefined)
        return (
          <div className="evidence-change" data-passage-id={change.passageId} key={`${change.passageId}-${index}`}>
            <p>
              <strong>
                Passage {change.passageId}
                {change.heading ? `: ${change.heading}` : ''}
              </strong>{' '}
              of {change.sourceTitle} · {change.kind === 'superseded' ? 'source superseded' : 'text edited'}
              {change.changedOn ? ` on ${formatDay(change.changedOn)}` : ''}
              {change.safetyCorrection ? (
                <>
                  {' · '}
                  <strong className="evidence-change__safety">safety correction</strong>
                </>
              ) : null}
              {claims ? ` · ${affected.length > 0 ? `affects claim ${affected.join(', ')}` : 'cited by the answer as a whole'}` : ''}
            </p>
            {change.note ? <p>Editor&apos;s note: {change.note}</p> : null}
            <div className="evidence-change__texts">
              <div>
                <strong>Before{change.oldVersion ? ` (${change.oldVersion})` : ''}</strong>
                <blockquote data-testid="evidence-old">{change.oldText}</blockquote>
              </div>
              <div>
                <strong>Now{change.newVersion ? ` (${change.newVersion})` : ''}</strong>
                <blockquote data-testid="evidence-new">
                  {change.newText ?? 'The replacement source has no passage with this id: choose the passage to cite.'}
                </blockquote>
              </div>
            </div>
          </div>
        )
      })}
    </section>
  )
}
