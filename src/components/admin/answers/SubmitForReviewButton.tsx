'use client'
import { Button, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { canSubmit } from '@/lib/workflow/states'

import { errorText, postJSON } from '../shared/postJSON'
import type { Submission } from '@/lib/workflow/submitForReview'

/** Sidebar control on an answer: send the saved draft to review (routing picks the reviewers). */
export function SubmitForReviewButton() {
  const { id } = useDocumentInfo()
  const stage = useFormFields(([fields]) => (fields.workflowStage?.value as string | undefined) ?? 'draft')
  const router = useRouter()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null
  const submit = async () => {
    setBusy(true)
    const { ok, data } = await postJSON<Submission>(`/api/answers/${id}/submit`)
    setBusy(false)
    setMessage(
      ok
        ? data.stage === 'in_review'
          ? `In review with ${data.reviewers.map((r) => r.name).join(' and ')}.`
          : 'No eligible reviewer has capacity: it waits, and you have been emailed.'
        : errorText(data),
    )
    router.refresh()
  }
  return (
    <div className="field-type" style={{ marginBottom: 24 }}>
      <Button buttonStyle="primary" disabled={busy || !canSubmit(stage)} onClick={submit} size="small">
        Submit for review
      </Button>
      <p style={{ fontSize: 12 }}>Save your changes as a draft first.</p>
      {message && <p aria-live="polite">{message}</p>}
    </div>
  )
}
