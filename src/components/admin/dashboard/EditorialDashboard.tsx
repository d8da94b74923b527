import type { Payload } from 'payload'
import React from 'react'

import type { User } from '@/payload-types'
import { hasRole } from '@/access/roles'
import { credentialIneligibility } from '@/lib/credentials/status'
import { DUE_SOON_DAYS, loadEditorDashboard, loadReviewerForecast, loadReviewQueue, type AnswerLine } from '@/lib/dashboard/loadDashboard'
import { RetryDraftsButton } from './RetryDraftsButton'
import { ReviewerForecast } from './ReviewerForecast'

// One formatter for every line (toLocaleDateString builds one per call: 150 lines on a busy dashboard).
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
const day = (iso: string | null) => (iso ? dayFormat.format(new Date(iso)) : '–')
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ')
const section = { margin: '24px 0' }

/** Says when a list shows only part of what its heading counts. */
function FirstListed({ listed, count, which }: { listed: number; count: number; which: string }) {
  return count > listed ? (
    <p>
      The {listed} {which} are listed.
    </p>
  ) : null
}

function AnswerList({
  lines,
  href,
  dueLabel,
  empty,
}: {
  lines: AnswerLine[]
  href: (id: string) => string
  dueLabel: string
  empty: string
}) {
  if (lines.length === 0) return <p>{empty}</p>
  return (
    <ol>
      {lines.map((line) => (
        <li key={line.id}>
          <a href={href(line.id)}>{line.title}</a> ({line.cancerType}) – {dueLabel} {day(line.due)}
        </li>
      ))}
    </ol>
  )
}

/** The admin home (beforeDashboard): the reviewer's queue, and for editors the state of the pipeline. */
export async function EditorialDashboard({ payload, user }: { payload: Payload; user?: User | null }) {
  if (!user) return null
  const reviewQueue = hasRole(user, 'reviewer') ? await loadReviewQueue(payload, user) : null
  const editor = hasRole(user, 'editor', 'admin') ? await loadEditorDashboard(payload) : null
  const forecast = editor ? await loadReviewerForecast(payload) : null
  // A reviewer whose verification lapsed learns it here, not only when a decision is refused.
  const unverified = reviewQueue ? credentialIneligibility(user) : null
  return (
    <div className="editorial-dashboard">
      {reviewQueue && (
        <section aria-labelledby="awaiting-review" style={section}>
          <h2 id="awaiting-review">Awaiting your review ({reviewQueue.total})</h2>
          {unverified && <p role="alert">You cannot record review decisions: you {unverified}.</p>}
          {reviewQueue.total > reviewQueue.lines.length && (
            <p>
              Showing the {reviewQueue.lines.length} due soonest of {reviewQueue.total}.
            </p>
          )}
          <AnswerList
            lines={reviewQueue.lines}
            href={(id) => `/admin/review/${id}`}
            dueLabel="review due"
            empty="Nothing is waiting for your review."
          />
        </section>
      )}
      {editor && (
        <>
          <section aria-labelledby="pipeline" style={section}>
            <h2 id="pipeline">Pipeline</h2>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24 }}>
              <table className="table">
                <caption style={{ textAlign: 'left' }}>Questions by status</caption>
                <tbody>
                  {Object.entries(editor.questionsByStatus).map(([status, count]) => (
                    <tr key={status}>
                      <th scope="row">
                        <a href={`/admin/backlog?status=${status}`}>{label(status)}</a>
                      </th>
                      <td>{count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table className="table">
                <caption style={{ textAlign: 'left' }}>Answers by stage</caption>
                <tbody>
                  {Object.entries(editor.answersByStage).map(([stage, count]) => (
                    <tr key={stage}>
                      <th scope="row">{label(stage)}</th>
                      <td>{count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="failed-drafts" style={section}>
            <h2 id="failed-drafts">Drafts that failed ({editor.questionsByStatus.draft_failed})</h2>
            {editor.questionsByStatus.draft_failed > editor.failed.length && (
              <p>The {editor.failed.length} oldest are listed; the backlog has them all.</p>
            )}
            {editor.failed.length === 0 ? (
              <p>No failed drafts.</p>
            ) : (
              <>
                <ul>
                  {editor.failed.map((question) => (
                    <li key={question.id}>
                      <a href={`/admin/collections/questions/${question.id}`}>{question.text}</a>: {question.reason} ({day(question.at)})
                    </li>
                  ))}
                </ul>
                <RetryDraftsButton questions={editor.failed.map(({ id, text }) => ({ id, text }))} />
              </>
            )}
          </section>
          <section aria-labelledby="overdue" style={section}>
            <h2 id="overdue">Reviews overdue ({editor.overdue.count})</h2>
            <FirstListed listed={editor.overdue.answers.length} count={editor.overdue.count} which="most overdue" />
            <AnswerList
              lines={editor.overdue.answers}
              href={(id) => `/admin/review/${id}`}
              dueLabel="was due"
              empty="No review is overdue."
            />
          </section>
          <section aria-labelledby="high-flags" style={section}>
            <h2 id="high-flags">In review with high-severity flags ({editor.highSeverityInReview.count})</h2>
            <AnswerList
              lines={editor.highSeverityInReview.answers}
              href={(id) => `/admin/review/${id}`}
              dueLabel="review due"
              empty="No answer in review has a high-severity flag."
            />
          </section>
          <section aria-labelledby="due-soon" style={section}>
            <h2 id="due-soon">
              Published answers due for re-review within {DUE_SOON_DAYS} days ({editor.dueSoon.count})
            </h2>
            <FirstListed listed={editor.dueSoon.answers.length} count={editor.dueSoon.count} which="soonest due" />
            <AnswerList
              lines={editor.dueSoon.answers}
              href={(id) => `/admin/collections/answers/${id}`}
              dueLabel="next review"
              empty="None due in the next 30 days."
            />
          </section>
          {forecast && <ReviewerForecast forecast={forecast} />}
          <section aria-labelledby="spend" style={section}>
            <h2 id="spend">Model spend this month</h2>
            <p>
              {editor.spend.month}: <strong>${editor.spend.costUsd.toFixed(2)}</strong> over {editor.spend.calls} model call
              {editor.spend.calls === 1 ? '' : 's'}.
            </p>
          </section>
        </>
      )}
    </div>
  )
}
