import React from 'react'

import type { ForecastCell, ReviewerForecast as Forecast } from '@/lib/dashboard/loadDashboard'

const weekLabel = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const describe = (cell: ForecastCell) =>
  `${cell.open} open review${cell.open === 1 ? '' : 's'} due, ${cell.periodic} periodic re-review${cell.periodic === 1 ? '' : 's'}`

function Cell({ cell }: { cell: ForecastCell }) {
  const total = cell.open + cell.periodic
  return <td title={describe(cell)}>{total === 0 ? '–' : total}</td>
}

/**
 * The editors' view of what falls on each reviewer in the coming weeks (issue 14): open reviews by
 * due week plus published answers coming up for periodic review, attributed to their last reviewer.
 */
export function ReviewerForecast({ forecast }: { forecast: Forecast }) {
  return (
    <section aria-labelledby="reviewer-forecast" style={{ margin: '24px 0' }}>
      <h2 id="reviewer-forecast">Reviewer load forecast ({forecast.weekStarts.length} weeks)</h2>
      <p>
        Reviews falling on each reviewer per week (weeks start on Monday): open reviews by their due date, plus published answers whose next
        review is due, counted for whoever reviewed them last. Hover a number for the split.
      </p>
      {forecast.rows.length === 0 ? (
        <p>No active reviewers and nothing due.</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col">Overdue</th>
                {forecast.weekStarts.map((week) => (
                  <th scope="col" key={week}>
                    {weekLabel(week)}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {forecast.rows.map((row) => (
                <tr key={row.reviewerId ?? 'unassigned'}>
                  <th scope="row">
                    {row.reviewerId ? <a href={`/admin/collections/users/${row.reviewerId}`}>{row.name}</a> : row.name}
                    {row.reviewerId && row.unavailable ? ' (not routable: inactive or credentials not current)' : ''}
                  </th>
                  <Cell cell={row.overdue} />
                  {row.weeks.map((cell, index) => (
                    <Cell cell={cell} key={forecast.weekStarts[index]} />
                  ))}
                  <td>{row.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
