'use client'
import { Button } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { errorText, postJSON, type BulkOutcome } from '../shared/postJSON'

/** Sends the listed failed drafts back to drafting, and says how many went and why others did not. */
export function RetryDraftsButton({ questions }: { questions: { id: string; text: string }[] }) {
  const ids = questions.map((question) => question.id)
  const textOf = new Map(questions.map((question) => [question.id, question.text]))
  const router = useRouter()
  const [result, setResult] = useState('')
  const [busy, setBusy] = useState(false)
  const retry = async () => {
    setBusy(true)
    const { ok, data } = await postJSON<BulkOutcome>('/api/questions/bulk', { action: 'draft', ids })
    setBusy(false)
    setResult(
      ok
        ? [data.summary, ...(data.refused ?? []).map((refusal) => `“${textOf.get(refusal.id) ?? refusal.id}”: ${refusal.reason}`)].join(' ')
        : errorText(data),
    )
    router.refresh()
  }
  return (
    <div>
      <Button buttonStyle="secondary" disabled={busy} onClick={retry}>
        {`Retry ${ids.length} failed draft${ids.length === 1 ? '' : 's'}`}
      </Button>
      <p aria-live="polite" role="status">
        {result}
      </p>
    </div>
  )
}
