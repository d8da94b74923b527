'use client'
import { Button, useConfig, useDocumentInfo, useForm, useFormFields, useFormModified, useFormProcessing } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useEffect, useState } from 'react'

import { submitControl } from '@/lib/workflow/states'

import { errorText, postJSON } from '../shared/postJSON'
import type { Submission } from '@/lib/workflow/submitForReview'

/**
 * Sidebar control on an answer: send it to review (routing picks the reviewers). Unsaved changes
 * are saved as a draft first, exactly as "Save Draft" would; if that save is refused, nothing is
 * submitted and the form keeps the edits, so what goes to review is always what is on screen.
 */
export function SubmitForReviewButton() {
  const { id, collectionSlug } = useDocumentInfo()
  const {
    config: {
      routes: { api },
    },
  } = useConfig()
  const { submit: saveForm } = useForm()
  const modified = useFormModified()
  const processing = useFormProcessing()
  const stage = useFormFields(([fields]) => (fields.workflowStage?.value as string | undefined) ?? 'draft')
  const questionId = useFormFields(([fields]) => fields.question?.value as string | number | undefined)
  const questionStatus = useQuestionStatus(api, questionId)
  const router = useRouter()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null
  const control = submitControl(stage, modified, questionStatus)

  const saveDraft = async (): Promise<boolean> => {
    const saved = await saveForm({
      action: `${api}/${collectionSlug}/${id}?depth=0&draft=true`,
      method: 'PATCH',
      overrides: { _status: 'draft' },
      skipValidation: true,
    })
    return Boolean(saved && saved.res.ok)
  }

  const submit = async () => {
    setBusy(true)
    setMessage(null)
    try {
      if (modified && !(await saveDraft())) {
        setMessage('Your changes could not be saved, so nothing was submitted. Fix what is marked and try again.')
        return
      }
      const { ok, data } = await postJSON<Submission>(`/api/answers/${id}/submit`)
      setMessage(
        ok
          ? data.stage === 'in_review'
            ? `In review with ${data.reviewers.map((r) => r.name).join(' and ')}.`
            : 'No eligible reviewer has capacity: it waits, and you have been emailed.'
          : errorText(data),
      )
      // Reloads the document's form from the server: the stage, reviewers and history follow.
      router.refresh()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="field-type" style={{ marginBottom: 24 }}>
      <Button buttonStyle="primary" disabled={busy || processing || !control.allowed} onClick={submit} size="small">
        {control.label}
      </Button>
      {control.reason ? (
        <p style={{ fontSize: 12 }}>{control.reason}.</p>
      ) : (
        modified && <p style={{ fontSize: 12 }}>Your unsaved changes are saved as a draft first.</p>
      )}
      {message && <p aria-live="polite">{message}</p>}
    </div>
  )
}

/** The status of the answer's question (archived or duplicate questions' answers are not submitted), read once per question. */
function useQuestionStatus(api: string, questionId: string | number | undefined): string | undefined {
  const [status, setStatus] = useState<string | undefined>(undefined)
  useEffect(() => {
    if (questionId === undefined || questionId === null || questionId === '') return
    let current = true
    fetch(`${api}/questions/${questionId}?depth=0&select[status]=true`, { credentials: 'include' })
      .then((response) => (response.ok ? (response.json() as Promise<{ status?: string }>) : null))
      .then((question) => {
        if (current) setStatus(question?.status)
      })
      .catch(() => {
        // Unknown: the server still refuses what cannot be submitted, with its reason.
        if (current) setStatus(undefined)
      })
    return () => {
      current = false
    }
  }, [api, questionId])
  return status
}
