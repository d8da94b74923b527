'use client'
import { Button } from '@payloadcms/ui'
import React, { useState } from 'react'

import { WITHDRAW_REASON_MAX } from '@/lib/workflow/states'
import type { Withdrawal } from '@/lib/workflow/withdrawFromReview'

import { errorText, postJSON } from '../shared/postJSON'

/**
 * Takes the answer out of review (asks for an optional reason), then reloads the view: which fields
 * are read-only comes with the page (field access), so a full reload is what makes them editable.
 */
export function WithdrawFromReviewButton({ answerId }: { answerId: string }) {
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  if (!asking)
    return (
      <Button buttonStyle="secondary" size="small" onClick={() => setAsking(true)}>
        Withdraw from review
      </Button>
    )
  const withdraw = async () => {
    setBusy(true)
    const { ok, data } = await postJSON<Withdrawal>(`/api/answers/${answerId}/withdraw-review`, { reason })
    setBusy(false)
    if (!ok) {
      setMessage(errorText(data))
      return
    }
    setMessage(
      data.notified.length > 0
        ? `Withdrawn. ${data.notified.map((reviewer) => reviewer.name).join(' and ')} will be emailed.`
        : 'Withdrawn from review.',
    )
    window.location.reload()
  }
  return (
    <div>
      <label htmlFor="withdraw-reason" className="field-label">
        Why (optional; the reviewer reads it)
      </label>
      <textarea
        id="withdraw-reason"
        value={reason}
        maxLength={WITHDRAW_REASON_MAX}
        onChange={(event) => setReason(event.target.value)}
        rows={2}
        style={{ width: '100%', marginBottom: 8 }}
      />
      <Button buttonStyle="primary" size="small" disabled={busy} onClick={withdraw}>
        Withdraw from review
      </Button>{' '}
      <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => setAsking(false)}>
        Cancel
      </Button>
      {message && <p aria-live="polite">{message}</p>}
    </div>
  )
}
