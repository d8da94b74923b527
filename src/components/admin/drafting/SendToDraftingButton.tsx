'use client'
import { Button, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { canDraft, isStaleDrafting } from '@/lib/workflow/states'

import { errorText, postJSON } from '../shared/postJSON'

/** Sidebar control on a question: send it to drafting, or retry a failed draft. */
export function SendToDraftingButton() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const failure = useFormFields(([fields]) => fields.draftFailureReason?.value as string | undefined)
  const lastAttempt = useFormFields(([fields]) => fields.lastDraftAttemptAt?.value as string | undefined)
  const router = useRouter()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null
  // A draft that has been "drafting" for an hour lost its job (a restart): it may be sent again.
  const stale = isStaleDrafting(status, lastAttempt)

  const send = async () => {
    setBusy(true)
    const { ok, data } = await postJSON<{ jobId: string | number }>(`/api/questions/${id}/draft`)
    setBusy(false)
    setMessage(ok ? `Queued (job ${data.jobId}). The draft appears here when the job has run.` : errorText(data))
    router.refresh()
  }

  return (
    <div className="field-type" style={{ marginBottom: 24 }}>
      <label className="field-label">Drafting</label>
      {status === 'drafting' && <p>Being drafted now{failure ? `: ${failure}` : '.'}</p>}
      {status === 'draft_failed' && failure && <p role="alert">Last draft failed: {failure}</p>}
      <Button buttonStyle="secondary" disabled={busy || (!canDraft(status) && !stale)} onClick={send} size="small">
        {status === 'draft_failed' || stale ? 'Retry drafting' : 'Send to drafting'}
      </Button>
      {message && <p aria-live="polite">{message}</p>}
    </div>
  )
}
