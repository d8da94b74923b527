import type { AdminViewServerProps } from 'payload'
import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import React from 'react'

import type { CancerType, Question } from '@/payload-types'
import { hasRole } from '@/access/roles'
import { sumByMonth } from '../../../../collections/ModelUsage/endpoints/monthlyModelUsage'
import { QUESTIONS } from '../../../../collections/slugs'
import { DraftingPanel, type PanelQuestion } from './DraftingPanel'

/** /admin/drafting: what is being drafted, what failed and why (with retry), what waits, and spend. */
export async function DraftingView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, visibleEntities, locale } = initPageResult
  const template = (children: React.ReactNode) => (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter>{children}</Gutter>
    </DefaultTemplate>
  )
  if (!hasRole(req.user, 'editor', 'admin')) return template(<p>Only editors and admins can send questions to drafting.</p>)

  const { docs } = await req.payload.find({
    collection: QUESTIONS,
    where: { status: { in: ['new', 'drafting', 'draft_failed'] } },
    sort: '-submittedAt',
    limit: 300,
    depth: 1,
    select: { text: true, cancerType: true, status: true, draftFailureReason: true },
    req,
  })
  const questions = (docs as Question[]).map<PanelQuestion>((question) => ({
    id: question.id,
    text: question.text,
    cancerType: (question.cancerType as CancerType)?.name ?? '',
    status: question.status,
    reason: question.draftFailureReason,
  }))
  const drafting = questions.filter((question) => question.status === 'drafting')
  const months = await sumByMonth(req, 6)
  const drafter = (req.payload.config.custom as { drafter?: string }).drafter

  return template(
    <>
      <h1>Drafting</h1>
      <p>
        Drafter: <strong>{drafter}</strong>. Drafts are made by background jobs; each becomes an answer draft for review,
        never a published answer.
      </p>
      <h2>Being drafted ({drafting.length})</h2>
      {drafting.length === 0 ? (
        <p>No drafts in progress.</p>
      ) : (
        <ul>
          {drafting.map((question) => (
            <li key={question.id}>
              {question.text} {question.reason ? <em>({question.reason})</em> : null}
            </li>
          ))}
        </ul>
      )}
      <h2>Send to drafting</h2>
      <DraftingPanel questions={questions.filter((question) => question.status !== 'drafting')} />
      <h2>Model spend by month</h2>
      {months.length === 0 ? (
        <p>No model calls yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Calls</th>
              <th scope="col">Input tokens</th>
              <th scope="col">Cache reads</th>
              <th scope="col">Output tokens</th>
              <th scope="col">Cost (USD)</th>
            </tr>
          </thead>
          <tbody>
            {months.map((month) => (
              <tr key={month.month}>
                <td>{month.month}</td>
                <td>{month.calls}</td>
                <td>{month.tokensIn + month.tokensCacheWrite}</td>
                <td>{month.tokensCacheRead}</td>
                <td>{month.tokensOut}</td>
                <td>
                  ${month.costUsd.toFixed(4)}
                  {month.unpricedCalls > 0 ? ` (+${month.unpricedCalls} calls without a known price)` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  )
}
