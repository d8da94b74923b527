'use client'
import { Button } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { errorText, postJSON } from './postJSON'

export type PanelQuestion = { id: number | string; text: string; cancerType: string; status: string; reason?: string | null }

/** Pick questions and send them to drafting at once; retry failed ones. Shows what happened to each. */
export function DraftingPanel({ questions }: { questions: PanelQuestion[] }) {
  const router = useRouter()
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [report, setReport] = useState<string[] | null>(null)
  const [busy, setBusy] = useState(false)

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  const sendSelected = async () => {
    setBusy(true)
    const { data, status } = await postJSON('/api/questions/draft', { ids: [...selected] })
    setBusy(false)
    if (status === 400 || status === 403) return setReport([errorText(data)])
    setReport([
      `Queued ${data.queued?.length ?? 0} of ${selected.size}.`,
      ...(data.refused ?? []).map((refusal: { id: string; reason: string }) => `Question ${refusal.id}: ${refusal.reason}`),
    ])
    setSelected(new Set())
    router.refresh()
  }

  if (questions.length === 0) return <p>Nothing waiting to be drafted.</p>
  return (
    <div>
      <table className="table" style={{ width: '100%' }}>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Select</span>
            </th>
            <th scope="col">Question</th>
            <th scope="col">Cancer type</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {questions.map((question) => (
            <tr key={question.id}>
              <td>
                <input
                  aria-label={`Select: ${question.text}`}
                  checked={selected.has(String(question.id))}
                  onChange={() => toggle(String(question.id))}
                  type="checkbox"
                />
              </td>
              <td>
                <a href={`/admin/collections/questions/${question.id}`}>{question.text}</a>
                {question.reason && <div style={{ color: 'var(--theme-error-500)' }}>{question.reason}</div>}
              </td>
              <td>{question.cancerType}</td>
              <td>{question.status.replace(/_/g, ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button buttonStyle="primary" disabled={busy || selected.size === 0} onClick={sendSelected}>
        {`Send ${selected.size || ''} selected to drafting`}
      </Button>
      {report && (
        <ul aria-live="polite">
          {report.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
