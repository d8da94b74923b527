import type { AdminViewServerProps } from 'payload'
import Link from 'next/link'
import React from 'react'

import { hasRole } from '@/access/roles'
import { BACKLOG_LIMIT, BACKLOG_SORTS, loadBacklog, parseBacklogFilters, PRIORITIES } from '@/lib/backlog/loadBacklog'
import { QUESTION_STATUSES, questionStatusLabel } from '@/lib/workflow/states'
import { AdminTemplate } from '../shared/AdminTemplate'
import { BacklogPanel } from './BacklogPanel'
import './backlog.css'

const field = { display: 'flex', flexDirection: 'column', gap: 4 } as const
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ')

/** /admin/backlog: the editors' list of questions, filtered and sorted from the URL, with bulk actions. */
export async function BacklogView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  if (!hasRole(req.user, 'editor', 'admin')) {
    return (
      <AdminTemplate props={props}>
        <p>Only editors and admins work the question backlog.</p>
      </AdminTemplate>
    )
  }
  const filters = parseBacklogFilters((props.searchParams ?? {}) as Record<string, string>)
  const { rows, loadedAt, totalDocs, cancerTypes } = await loadBacklog(req, filters)
  const first = (filters.page - 1) * BACKLOG_LIMIT + 1
  // The same filters on another page.
  const pageHref = (page: number) => {
    const params = new URLSearchParams()
    for (const key of ['status', 'cancerType', 'priority', 'sort'] as const) if (filters[key]) params.set(key, String(filters[key]))
    if (page > 1) params.set('page', String(page))
    return `/admin/backlog${params.size ? `?${params}` : ''}`
  }
  const drafter = (req.payload.config.custom as { drafter?: string }).drafter

  return (
    <AdminTemplate props={props}>
      <h1>Question backlog</h1>
      <p>
        Drafter: <strong>{drafter}</strong>. Drafts are made by background jobs and always go to an oncologist before anything is published.
      </p>
      <form
        className="backlog-filters"
        method="get"
        action="/admin/backlog"
        style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'end', margin: '16px 0' }}
      >
        <label style={field}>
          Status
          <select name="status" defaultValue={filters.status ?? ''}>
            <option value="">Open (not archived, duplicate or published)</option>
            {QUESTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {questionStatusLabel(status)}
              </option>
            ))}
          </select>
        </label>
        <label style={field}>
          Cancer type
          <select name="cancerType" defaultValue={filters.cancerType ?? ''}>
            <option value="">All</option>
            {cancerTypes.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </select>
        </label>
        <label style={field}>
          Priority
          <select name="priority" defaultValue={filters.priority ?? ''}>
            <option value="">All</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {label(priority)}
              </option>
            ))}
          </select>
        </label>
        <label style={field}>
          Sort
          <select name="sort" defaultValue={filters.sort}>
            {Object.entries(BACKLOG_SORTS).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <button className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }} type="submit">
          Apply filters
        </button>
      </form>
      <p aria-live="polite">
        {totalDocs > rows.length
          ? `Showing ${rows.length ? `${first}–${first + rows.length - 1}` : 'none'} of ${totalDocs} questions.`
          : `${totalDocs} question${totalDocs === 1 ? '' : 's'}.`}
      </p>
      <BacklogPanel rows={rows} now={loadedAt} />
      {(filters.page > 1 || first + rows.length - 1 < totalDocs) && (
        <nav aria-label="Backlog pages" style={{ display: 'flex', gap: 16, margin: '16px 0' }}>
          {filters.page > 1 && <Link href={pageHref(filters.page - 1)}>Previous {BACKLOG_LIMIT}</Link>}
          {first + rows.length - 1 < totalDocs && <Link href={pageHref(filters.page + 1)}>Next {BACKLOG_LIMIT}</Link>}
        </nav>
      )}
    </AdminTemplate>
  )
}
