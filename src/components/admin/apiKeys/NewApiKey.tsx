'use client'
import { Button } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useId, useState } from 'react'

import { API_KEYS } from '@collections/slugs'
import { errorText, postJSON } from '../shared/postJSON'

type Issued = { name: string; role: string; key: string }

/**
 * Above the API keys list: creates a key and shows it ONCE, here, with how to use it. Only its hash is
 * stored, so nobody can see it again; a lost key is revoked and replaced. (Payload's own "Create new"
 * form works too, but it moves to the saved document, which cannot show the key.)
 */
export function NewApiKey() {
  const ids = { name: useId(), role: useId() }
  const router = useRouter()
  const [name, setName] = useState('')
  const [role, setRole] = useState<'importer' | 'site'>('importer')
  const [issued, setIssued] = useState<Issued | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const create = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { ok, data } = await postJSON(`/api/${API_KEYS}`, { name, role })
      if (!ok) return setError(errorText(data))
      const doc = (data as { doc: { name: string; role: string; key: string } }).doc
      setIssued({ name: doc.name, role: doc.role, key: doc.key })
      setName('')
      router.refresh()
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-label="New API key" style={{ display: 'grid', gap: 8, marginBottom: 24, maxWidth: 720 }}>
      <h3 style={{ margin: 0 }}>New API key</h3>
      <form onSubmit={create} style={{ display: 'flex', gap: 8, alignItems: 'end', flexWrap: 'wrap' }}>
        <label htmlFor={ids.name} style={{ display: 'grid', gap: 4 }}>
          Name (who uses it)
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </label>
        <label htmlFor={ids.role} style={{ display: 'grid', gap: 4 }}>
          Role
          <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as 'importer' | 'site')}>
            <option value="importer">Importer: sends questions</option>
            <option value="site">Site: reads the public API</option>
          </select>
        </label>
        <Button type="submit" disabled={busy || name.trim() === ''} buttonStyle="secondary" margin={false}>
          Create key
        </Button>
      </form>
      {error && <p role="alert">{error}</p>}
      {issued && (
        <div role="status" style={{ border: '1px solid var(--theme-warning-500)', padding: 12 }}>
          <p style={{ marginTop: 0 }}>
            Key for <strong>{issued.name}</strong> ({issued.role}). Copy it now: it is shown only this once and cannot be read again.
          </p>
          <code data-api-key style={{ userSelect: 'all', wordBreak: 'break-all' }}>
            {issued.key}
          </code>
          <p style={{ marginBottom: 0 }}>
            Send it as <code>Authorization: Bearer {issued.key.slice(0, 9)}…</code>
          </p>
        </div>
      )}
    </section>
  )
}
