import type { AdminViewServerProps } from 'payload'
import React from 'react'

import type { QuestionImport, User } from '@/payload-types'
import { hasRole } from '@/access/roles'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@/lib/questionImport/parseCsv'
import { QUESTION_IMPORTS } from '@collections/slugs'
import { AdminTemplate } from '../shared/AdminTemplate'
import { ImportPanel } from './ImportPanel'

/** /admin/import: CSV import of questions, previewed row by row before anything is saved. */
export async function ImportView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  if (!hasRole(req.user, 'editor', 'admin')) {
    return (
      <AdminTemplate props={props}>
        <p>Only editors and admins can import questions.</p>
      </AdminTemplate>
    )
  }
  const { docs } = await req.payload.find({
    collection: QUESTION_IMPORTS,
    sort: '-createdAt',
    limit: 5,
    depth: 1,
    select: { fileName: true, importedBy: true, importedCount: true, rejectedCount: true, createdAt: true },
    overrideAccess: false,
    req,
  })
  const recent = docs as QuestionImport[]

  return (
    <AdminTemplate props={props}>
      <h1>Import questions</h1>
      <p>
        A CSV file with a header line and the columns <code>question</code> and <code>cancer type</code> (name or slug), and optionally{' '}
        <code>priority</code> (low, normal, high, urgent) and <code>origin</code> (patient submission, search trend, editorial). At most{' '}
        {MAX_IMPORT_ROWS.toLocaleString('en-US')} rows and {MAX_IMPORT_BYTES / 1024 / 1024} MB. Preview first: nothing is saved until you
        import, and then only the rows without problems.
      </p>
      <ImportPanel maxBytes={MAX_IMPORT_BYTES} />
      <h2>Recent imports</h2>
      {recent.length === 0 ? (
        <p>No imports yet.</p>
      ) : (
        <ul>
          {recent.map((report) => (
            <li key={report.id}>
              <a href={`/admin/collections/${QUESTION_IMPORTS}/${report.id}`}>{report.fileName}</a>: {report.importedCount} imported,{' '}
              {report.rejectedCount} rejected, by {(report.importedBy as User | null)?.name ?? 'a former user'} on{' '}
              {new Date(report.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
            </li>
          ))}
        </ul>
      )}
    </AdminTemplate>
  )
}
