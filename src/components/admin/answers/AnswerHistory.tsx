'use client'
import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

type HistoryEvent = { at: string; kind: 'transition' | 'version' | 'decision' | 'email'; summary: string }

/** The answer's timeline in its sidebar: workflow transitions, versions, review decisions and emails, newest first. */
export function AnswerHistory() {
  const { id } = useDocumentInfo()
  // Loaded again when the stage moves (a submission, a decision), so the newest transition shows.
  const stage = useFormFields(([fields]) => fields.workflowStage?.value as string | undefined)
  const [events, setEvents] = useState<HistoryEvent[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!id) return
    fetch(`/api/answers/${id}/history`, { credentials: 'include' })
      .then(async (response) => {
        const data = await response.json()
        if (!response.ok) throw new Error(data?.errors?.[0]?.message ?? 'Could not load the history.')
        setEvents(data.events)
      })
      .catch((reason: Error) => setError(reason.message))
  }, [id, stage])
  if (!id) return null
  return (
    <div className="field-type" style={{ marginTop: 24 }}>
      <label className="field-label">History</label>
      {error && <p role="alert">{error}</p>}
      {!events && !error && <p>Loading…</p>}
      {events && (
        <ol style={{ paddingLeft: 18, fontSize: 13 }}>
          {events.map((event, index) => (
            <li key={index} style={{ marginBottom: 6 }}>
              <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time> ·{' '}
              {event.kind === 'transition' ? <strong>{event.summary}</strong> : `${event.kind}: ${event.summary}`}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
