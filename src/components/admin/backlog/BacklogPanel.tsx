'use client'
import { Button } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useEffect, useState } from 'react'

import type { BacklogRow } from '@/lib/backlog/loadBacklog'
import { ACTION_LABELS, questionStatusLabel } from '@/lib/workflow/states'
import { errorText, postJSON, type BulkOutcome } from '../shared/postJSON'
import { draftingMovedOn } from './draftingWatch'

type Action = 'draft' | 'submit' | 'archive' | 'duplicate' | 'reopen'
const ACTIONS: { action: Action; label: string }[] = [
  { action: 'draft', label: ACTION_LABELS.sendToDrafting },
  { action: 'submit', label: 'Submit drafts for review' },
  { action: 'archive', label: 'Archive' },
  { action: 'duplicate', label: 'Mark as duplicate' },
  { action: 'reopen', label: 'Reopen (archived or duplicate)' },
]
/**
 * While a row is being drafted, the backlog checks its status this often and reloads the rows when it
 * has moved on, so drafts appear by themselves. Not while the tab is hidden.
 */
const CHECK_WHILE_DRAFTING_MS = 5000
const DAY = 24 * 60 * 60 * 1000
const age = (iso: string, now: number) => {
  const days = Math.floor((now - new Date(iso).getTime()) / DAY)
  return days === 0 ? 'today' : `${days} d`
}
// One formatter for every row: toLocaleString builds one per call, 35 to 50 ms for a page of 500 rows.
const lastChangeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
const when = (iso: string) => lastChangeFormat.format(new Date(iso))

/** The backlog table: select questions, run a bulk action, read what happened to each. */
export function BacklogPanel({ rows, now }: { rows: BacklogRow[]; now: number }) {
  const router = useRouter()
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [duplicateOf, setDuplicateOf] = useState('')
  const [report, setReport] = useState<{ summary: string; lines: string[] } | null>(null)
  const [busy, setBusy] = useState(false)
  const textOf = new Map(rows.map((row) => [row.id, row.text]))

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const drafting = rows
    .filter((row) => row.status === 'drafting')
    .map((row) => row.id)
    .join(',')
  useEffect(() => {
    if (!drafting) return
    let checking = false
    const timer = setInterval(async () => {
      if (checking || document.visibilityState === 'hidden') return
      checking = true
      try {
        if (await draftingMovedOn(drafting.split(','))) router.refresh()
      } catch (error) {
        // The server could not be reached: reloading would fail the same way; the next check retries.
        console.warn('Could not check the drafting questions:', error)
      } finally {
        checking = false
      }
    }, CHECK_WHILE_DRAFTING_MS)
    return () => clearInterval(timer)
  }, [drafting, router])

  const allSelected = rows.length > 0 && selected.size === rows.length

  const run = async (action: Action) => {
    setBusy(true)
    const { data, ok } = await postJSON<BulkOutcome>('/api/questions/bulk', {
      action,
      ids: [...selected],
      ...(action === 'duplicate' ? { duplicateOf } : {}),
    })
    setBusy(false)
    if (!ok) {
      setReport({ summary: errorText(data), lines: [] })
      // The rows shown may be out of date whatever failed (another editor, an earlier action).
      return router.refresh()
    }
    setReport({
      summary: data.summary,
      lines: (data.refused ?? []).map((refusal) => `“${textOf.get(refusal.id) ?? `Question ${refusal.id}`}”: ${refusal.reason}`),
    })
    setSelected(new Set())
    router.refresh()
  }

  if (rows.length === 0) return <p>No questions match these filters.</p>
  return (
    <div>
      <div
        role="toolbar"
        aria-label="Bulk actions"
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 8,
          alignItems: 'center',
          position: 'sticky',
          top: 0,
          background: 'var(--theme-bg)',
          padding: '8px 0',
          zIndex: 1,
        }}
      >
        <span>{selected.size} selected</span>
        {ACTIONS.map(({ action, label }) => (
          <Button
            buttonStyle={action === 'draft' ? 'primary' : 'secondary'}
            disabled={busy || selected.size === 0 || (action === 'duplicate' && !duplicateOf)}
            key={action}
            margin={false}
            onClick={() => run(action)}
            size="small"
          >
            {label}
          </Button>
        ))}
        <label>
          Duplicate of{' '}
          <select onChange={(event) => setDuplicateOf(event.target.value)} value={duplicateOf}>
            <option value="">choose the original…</option>
            {rows
              .filter((row) => !selected.has(row.id))
              .map((row) => (
                <option key={row.id} value={row.id}>
                  {row.text.slice(0, 90)}
                </option>
              ))}
          </select>
        </label>
      </div>
      {report && (
        <div aria-live="polite" role="status" style={{ margin: '8px 0' }}>
          <strong>{report.summary}</strong>
          {report.lines.length > 0 && (
            <ul>
              {report.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div style={{ overflowX: 'auto' }}>
        <table className="table backlog-table" style={{ width: '100%' }}>
          <thead>
            <tr>
              <th scope="col">
                <input
                  aria-label="Select all"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((row) => row.id)))}
                  type="checkbox"
                />
              </th>
              <th scope="col">Question</th>
              <th scope="col">Cancer type</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">Age</th>
              <th scope="col">Assigned reviewer</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <input
                    aria-label={`Select: ${row.text}`}
                    checked={selected.has(row.id)}
                    onChange={() => toggle(row.id)}
                    type="checkbox"
                  />
                </td>
                <td>
                  <a href={`/admin/collections/questions/${row.id}`}>{row.text}</a>
                  {row.failureReason && <div style={{ color: 'var(--theme-error-500)' }}>Drafting failed: {row.failureReason}</div>}
                </td>
                <td>{row.cancerType}</td>
                <td>{questionStatusLabel(row.status)}</td>
                <td>{row.priority}</td>
                <td>{age(row.submittedAt, now)}</td>
                <td>{row.reviewers.join(', ') || '–'}</td>
                <td>{when(row.lastChange)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
