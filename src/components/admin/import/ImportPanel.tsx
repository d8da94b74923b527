'use client'
import Link from 'next/link'
import { Button } from '@payloadcms/ui'
import React, { useId, useState } from 'react'

import { QUESTION_IMPORTS } from '@collections/slugs'
import { errorText, postJSON } from '../shared/postJSON'
import type { Id } from '@/lib/relationId'

type PreviewRow = { line: number; question: string; cancerType: string; priority: string; origin: string; errors: string[] }
type Preview = { rows: PreviewRow[]; valid: number; invalid: number }
type Result = { importId: Id; imported: number; rejected: number }

const PASTED = 'pasted.csv'
const label = (value: string) => value.replace(/_/g, ' ')

/**
 * Choose or paste a CSV, preview it row by row, then import the valid rows. The import sends exactly
 * the text that was previewed: any edit clears the preview, so what is saved is what was seen.
 */
export function ImportPanel({ maxBytes }: { maxBytes: number }) {
  const ids = { file: useId(), text: useId(), help: useId() }
  const [csv, setCsv] = useState('')
  const [fileName, setFileName] = useState(PASTED)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [result, setResult] = useState<Result | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const changeText = (text: string, name: string) => {
    setCsv(text)
    setFileName(name)
    setPreview(null)
    setResult(null)
    setError(null)
  }

  const chooseFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (!file) return
    // Checked here too, so a person does not wait for a large upload only to be refused.
    if (file.size > maxBytes) {
      changeText('', PASTED)
      setError(
        `${file.name} is ${Math.ceil(file.size / 1024).toLocaleString('en-US')} KB: at most 1 MB can be imported at once. Split it into smaller files.`,
      )
      return
    }
    changeText(await file.text(), file.name)
  }

  const send = async (path: string) => {
    setBusy(true)
    setError(null)
    try {
      return await postJSON(path, { fileName, csv })
    } finally {
      setBusy(false)
    }
  }

  const runPreview = async () => {
    setResult(null)
    const { ok, data } = await send('/api/questions/import/preview')
    if (!ok) {
      setPreview(null)
      return setError(errorText(data))
    }
    setPreview(data as Preview)
  }

  const runImport = async () => {
    const { ok, data } = await send('/api/questions/import')
    if (!ok) return setError(errorText(data))
    setResult(data as Result)
    setPreview(null)
  }

  return (
    <div style={{ display: 'grid', gap: 12, marginBottom: 24 }}>
      <div>
        <label htmlFor={ids.file} style={{ display: 'block', fontWeight: 600 }}>
          CSV file
        </label>
        <input accept=".csv,text/csv" disabled={busy} id={ids.file} onChange={chooseFile} type="file" />
      </div>
      <div>
        <label htmlFor={ids.text} style={{ display: 'block', fontWeight: 600 }}>
          CSV text
        </label>
        <p id={ids.help} style={{ margin: '2px 0 6px' }}>
          Paste the CSV here, or choose a file above to load it here. You can fix a row and preview again.
        </p>
        <textarea
          aria-describedby={ids.help}
          id={ids.text}
          onChange={(event) => changeText(event.target.value, fileName)}
          placeholder={
            'question,cancer type,priority,origin\nIs surgery an option for metastatic pancreatic cancer?,pancreatic,high,patient submission'
          }
          rows={8}
          spellCheck={false}
          style={{ width: '100%', fontFamily: 'monospace' }}
          value={csv}
        />
      </div>
      <div>
        <Button buttonStyle="secondary" disabled={busy || csv.trim() === ''} onClick={runPreview}>
          Preview
        </Button>
      </div>

      {error && (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </p>
      )}

      {preview && (
        <section aria-label="Preview">
          <p role="status">
            {fileName}: {preview.valid} valid {preview.valid === 1 ? 'row' : 'rows'}, {preview.invalid} with problems (not imported).
          </p>
          <table className="table" style={{ width: '100%' }}>
            <caption style={{ textAlign: 'left' }}>Preview of {preview.rows.length} rows</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Question</th>
                <th scope="col">Cancer type</th>
                <th scope="col">Priority</th>
                <th scope="col">Origin</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => {
                const rejected = row.errors.length > 0
                return (
                  <tr
                    data-status={rejected ? 'rejected' : 'valid'}
                    key={row.line}
                    style={
                      rejected ? { background: 'var(--theme-error-50)', boxShadow: 'inset 4px 0 0 var(--theme-error-500)' } : undefined
                    }
                  >
                    <td>{row.line}</td>
                    <td>{row.question}</td>
                    <td>{row.cancerType}</td>
                    <td>{label(row.priority)}</td>
                    <td>{label(row.origin)}</td>
                    <td>
                      {rejected ? (
                        <ul style={{ margin: 0, paddingLeft: 16, color: 'var(--theme-error-700)' }}>
                          {row.errors.map((message) => (
                            <li key={message}>{message}</li>
                          ))}
                        </ul>
                      ) : (
                        'None'
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          <Button buttonStyle="primary" disabled={busy || preview.valid === 0} onClick={runImport}>
            {`Import ${preview.valid} valid ${preview.valid === 1 ? 'row' : 'rows'}`}
          </Button>
          {preview.valid === 0 && <p>No row can be imported. Fix the problems above and preview again.</p>}
        </section>
      )}

      {result && (
        <section aria-label="Import result">
          <p role="status">
            Imported {result.imported} {result.imported === 1 ? 'question' : 'questions'}; {result.rejected}{' '}
            {result.rejected === 1 ? 'row was' : 'rows were'} rejected.
          </p>
          <p>
            <Link href={`/admin/collections/${QUESTION_IMPORTS}/${result.importId}`}>View the import report</Link>
            {' · '}
            <Link href="/admin/collections/questions?sort=-createdAt">See the new questions</Link>
          </p>
        </section>
      )}
    </div>
  )
}
