'use client'
import { Button } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { errorText, postJSON } from '../shared/postJSON'

/** Sends every failed draft back to drafting, and says how many went. */
export function RetryDraftsButton({ ids }: { ids: string[] }) {
  const router = useRouter()
  const [result, setResult] = useState('')
  const [busy, setBusy] = useState(false)
  const retry = async () => {
    setBusy(true)
    const { ok, data } = await postJSON('/api/questions/bulk', { action: 'draft', ids })
    setBusy(false)
    setResult(ok ? [data.summary, ...(data.refused ?? []).map((refusal: { reason: string }) => refusal.reason)].join(' ') : errorText(data))
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
