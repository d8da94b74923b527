'use client'
import { Button, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useEffect, useState } from 'react'

import { answerStageLabel, draftingControl, questionStatusLabel } from '@/lib/workflow/states'

import { errorText, postJSON } from '../shared/postJSON'

/** How often a question being drafted is checked: a draft job takes seconds to a minute. */
const POLL_MS = 3000

type QuestionState = { status?: string; draftFailureReason?: string | null; draftJobId?: string | null; lastDraftAttemptAt?: string | null }
type AnswerLink = { id: string | number; title: string; workflowStage?: string }

async function getJSON<T>(path: string): Promise<T | null> {
  const response = await fetch(path, { credentials: 'include' })
  return response.ok ? ((await response.json()) as T) : null
}

/**
 * Sidebar control on a question: send it to drafting, retry a failed draft, or redraft (replacing
 * the draft, after a confirmation). The enable rule and the labels come from the workflow module.
 * While the question is being drafted it checks the question every few seconds; when the draft is
 * saved it links to the answer and reloads the view, so status and answers follow without a reload.
 */
export function SendToDraftingButton() {
  const { id } = useDocumentInfo()
  const formStatus = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const formFailure = useFormFields(([fields]) => fields.draftFailureReason?.value as string | undefined)
  const formLastAttempt = useFormFields(([fields]) => fields.lastDraftAttemptAt?.value as string | undefined)
  const formJobId = useFormFields(([fields]) => fields.draftJobId?.value as string | undefined)
  const router = useRouter()
  const [live, setLive] = useState<QuestionState | null>(null)
  const [answer, setAnswer] = useState<AnswerLink | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)

  // What the server said last wins over the form, which was loaded with the page.
  const status = live?.status ?? formStatus
  const failure = live ? live.draftFailureReason : formFailure
  const lastAttempt = live ? live.lastDraftAttemptAt : formLastAttempt
  const jobId = live ? live.draftJobId : formJobId

  useEffect(() => {
    if (!id || status !== 'drafting') return
    let stopped = false
    const timer = setInterval(async () => {
      const question = await getJSON<QuestionState>(
        `/api/questions/${id}?depth=0&select[status]=true&select[draftFailureReason]=true&select[draftJobId]=true&select[lastDraftAttemptAt]=true`,
      ).catch(() => null)
      if (stopped || !question) return
      if (question.status === 'drafting') return setLive(question)
      // Drafting ended: find the draft before updating the status (which ends this effect).
      const found = await getJSON<{ docs: AnswerLink[] }>(
        `/api/answers?where[question][equals]=${id}&depth=0&draft=true&limit=1&select[title]=true&select[workflowStage]=true`,
      ).catch(() => null)
      if (stopped) return
      setAnswer(question.status === 'drafted' ? (found?.docs[0] ?? null) : null)
      setMessage(null)
      setLive(question)
      router.refresh()
    }, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [id, status, router])

  if (!id) return null
  const control = draftingControl(status, lastAttempt, undefined, jobId)

  const send = async () => {
    setConfirming(false)
    setBusy(true)
    const { ok, data } = await postJSON<{ jobId: string | number; status: string }>(`/api/questions/${id}/draft`)
    setBusy(false)
    if (ok) {
      setAnswer(null)
      setLive({
        status: data.status,
        draftJobId: String(data.jobId),
        draftFailureReason: null,
        lastDraftAttemptAt: new Date().toISOString(),
      })
      setMessage(`Queued (job ${data.jobId}).`)
    } else {
      setMessage(errorText(data))
    }
    router.refresh()
  }

  return (
    <div className="field-type" style={{ marginBottom: 24 }} data-testid="drafting-controls">
      <label className="field-label">Drafting</label>
      {status === 'drafting' && (
        <p aria-live="polite" role="status">
          Being drafted now{live?.draftJobId ? ` (job ${live.draftJobId})` : ''}
          {failure ? `: ${failure}` : '; the draft appears here when the job has run.'}
        </p>
      )}
      {status === 'draft_failed' && failure && <p role="alert">Last draft failed: {failure}</p>}
      {answer && (
        <p aria-live="polite" role="status">
          Draft saved ({questionStatusLabel(status)}): <a href={`/admin/collections/answers/${answer.id}`}>{answer.title}</a> (
          {answerStageLabel(answer.workflowStage)})
        </p>
      )}
      {confirming ? (
        <div role="group" aria-label="Confirm redraft">
          <p>A new draft replaces the current one (earlier versions stay in the answer&apos;s history).</p>
          <Button buttonStyle="primary" disabled={busy} onClick={send} size="small" margin={false}>
            {control.label}
          </Button>{' '}
          <Button buttonStyle="secondary" onClick={() => setConfirming(false)} size="small" margin={false}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button
          buttonStyle="secondary"
          disabled={busy || !control.allowed}
          onClick={control.replacesDraft ? () => setConfirming(true) : send}
          size="small"
        >
          {control.label}
        </Button>
      )}
      {control.reason && status !== 'drafting' && <p style={{ fontSize: 12 }}>{control.reason}.</p>}
      {message && <p aria-live="polite">{message}</p>}
    </div>
  )
}
