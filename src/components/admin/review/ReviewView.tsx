import Link from 'next/link'
import type { AdminViewServerProps } from 'payload'
import { notFound } from 'next/navigation'
import React from 'react'

import { hasRole } from '@/access/roles'
import { AnswerContent } from '@/components/answer/AnswerContent'
import { AnswerReferences } from '@/components/answer/AnswerReferences'
import { loadReview } from '@/lib/review/loadReview'
import { AdminTemplate } from '../shared/AdminTemplate'
import { ClaimList } from './ClaimList'
import { DecisionPanel } from './DecisionPanel'
import { EvidenceChanges } from './EvidenceChanges'
import './review.css'
import { answerStageLabel } from '@/lib/workflow/states'

const day = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) : '–'

/** /admin/review/:id: the draft as patients will see it, its evidence, what changed, and the decision. */
export async function ReviewView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const id = props.params?.segments?.[1]
  const data = hasRole(req.user, 'reviewer', 'editor', 'admin') && id && /^[\w-]{1,64}$/.test(id) ? await loadReview(req, id) : null
  // Not found (HTTP 404, the admin's not-found page): an answer that does not exist and one that is
  // not assigned to this reviewer look the same.
  if (!data) notFound()
  const { answer } = data
  return (
    <AdminTemplate props={props}>
      <div className="review-screen">
        <p>
          <Link href="/admin">Dashboard</Link> · {data.cancerType} · stage: <strong>{answerStageLabel(answer.stage)}</strong> · review due{' '}
          {day(answer.reviewDueAt)}
          {answer.highRisk ? ' · high risk: needs 2 approvals' : ''}
          {hasRole(req.user, 'editor', 'admin') ? (
            <>
              {' '}
              · <Link href={`/admin/collections/answers/${answer.id}`}>Edit this answer</Link>
            </>
          ) : null}
        </p>
        <h1>Review: {answer.title}</h1>
        <p>
          Patient question: <em>{data.question}</em>
        </p>
        <p>
          Public address: <code>{`/answers/${answer.slug}`}</code>
        </p>
        <div className="review-grid">
          <div>
            <EvidenceChanges changes={data.evidenceChanges} claims={data.claims} />
            <section aria-labelledby="patient-view-heading">
              <h2 id="patient-view-heading">As the patient will see it</h2>
              <article className="patient-view">
                <h3>{answer.title}</h3>
                <AnswerContent answer={answer} headingLevel={4} />
                <AnswerReferences answer={answer} headingLevel={4} />
              </article>
            </section>
            <section aria-labelledby="claims-heading">
              <h2 id="claims-heading">
                Claims beside their passages ({data.claimsVerified} of {data.claimsTotal} verified)
              </h2>
              <p>
                Flagged claims first (most severe first), then the ones you have not verified yet; the quoted words are highlighted in each
                passage. Your marks are a reading aid: your decision covers the whole answer.
              </p>
              <ClaimList answerId={answer.id} canMark={data.decisionRefusal === null} claims={data.claims} />
            </section>
            <section aria-labelledby="citations-heading">
              <h2 id="citations-heading">Citations beside their passages ({data.citations.length})</h2>
              {data.citations.map((citation, index) => (
                <div className="citation" key={`${citation.passageId}-${index}`}>
                  <div>
                    <strong>Cited as</strong>
                    <blockquote>{citation.quote || '(no quote)'}</blockquote>
                  </div>
                  <div>
                    <strong>
                      {citation.title}, {citation.version}
                    </strong>{' '}
                    {citation.status === 'superseded' ? <em>(superseded)</em> : null}
                    <div>
                      Passage {citation.passageId}
                      {citation.heading ? `: ${citation.heading}` : ''}
                    </div>
                    <blockquote>{citation.passage}</blockquote>
                  </div>
                </div>
              ))}
            </section>
            <section aria-labelledby="changes-heading">
              <h2 id="changes-heading">Changes</h2>
              {data.diff ? (
                <>
                  <p>Since {data.diff.against}: added text is underlined, removed text struck through.</p>
                  <div className="diff" data-testid="review-diff">
                    {data.diff.parts.map((part, index) =>
                      part.change === 'added' ? (
                        <ins key={index}>{part.text}</ins>
                      ) : part.change === 'removed' ? (
                        <del key={index}>{part.text}</del>
                      ) : (
                        <span key={index}>{part.text}</span>
                      ),
                    )}
                  </div>
                </>
              ) : (
                <p>First review: no earlier version was approved or sent back.</p>
              )}
            </section>
          </div>
          <aside aria-label="Review decision">
            <section aria-labelledby="warnings-heading">
              <h2 id="warnings-heading">Safety warnings ({data.safetyWarnings.length})</h2>
              <p>Checked on every save of this answer, whoever wrote it; most severe first.</p>
              {data.safetyWarnings.length === 0 ? (
                <p>The automatic checks found nothing to flag.</p>
              ) : (
                data.safetyWarnings.map((warning, index) => (
                  <p className={`warning severity-${warning.severity}`} key={index}>
                    <strong>
                      {warning.severity.toUpperCase()}: {warning.code.replace(/_/g, ' ')}
                    </strong>
                    {warning.where ? ` (${warning.where})` : ''}: {warning.message}
                  </p>
                ))
              )}
            </section>
            <DecisionPanel
              answerId={answer.id}
              refusal={data.decisionRefusal}
              contentHash={answer.contentHash}
              myDecision={data.myDecision}
              requiredApprovals={answer.requiredApprovals}
              stage={answer.stage}
              claimsVerified={data.claimsVerified}
              claimCount={data.claimsTotal}
            />
            <section aria-labelledby="decisions-heading">
              <h2 id="decisions-heading">Decisions so far</h2>
              {data.decisions.length === 0 ? (
                <p>None yet.</p>
              ) : (
                <ul>
                  {data.decisions.map((decision) => (
                    <li key={decision.id}>
                      {decision.reviewer}: {decision.decision.replace(/_/g, ' ')} on {day(decision.at)}
                      {decision.onThisVersion ? '' : ' (earlier version)'}
                      {decision.comment ? `: “${decision.comment}”` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </aside>
        </div>
      </div>
    </AdminTemplate>
  )
}
