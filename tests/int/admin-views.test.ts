/**
 * The admin's custom views say what the server does: "Awaiting your review" holds what waits for the
 * reviewer's decision, the dashboard's headings count every answer, a hand-typed backlog filter is
 * ignored, and the answer sidebar offers no button the server would refuse (withdraw, submit).
 */
import { createLocalReq, type Payload } from 'payload'
import React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Answer, User } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import { submitControl } from '@/lib/workflow/states'
import {
  approveAs,
  createAnswerInReview,
  createCancerType,
  createCompleteDraft,
  createSource,
  createUser,
  PASSWORD,
} from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

// Client components built on Payload's UI kit (it imports CSS): replaced by a marker of what they offer.
vi.mock('@/components/admin/dashboard/RetryDraftsButton', () => ({ RetryDraftsButton: () => null }))
vi.mock('@/components/admin/answers/WithdrawFromReviewButton', () => ({
  WithdrawFromReviewButton: () => React.createElement('button', null, 'Withdraw from review'),
}))

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')
const { loadReviewQueue } = await import('@/lib/dashboard/loadDashboard')
const { EditorialDashboard } = await import('@/components/admin/dashboard/EditorialDashboard')
const { loadBacklog, parseBacklogFilters } = await import('@/lib/backlog/loadBacklog')
const { ReviewLockBanner: banner } = await import('@/components/admin/answers/ReviewLockBanner')
/** The banner is an async server component: called as a function, as React's server renderer does. */
const ReviewLockBanner = banner as (props: never) => Promise<React.ReactNode>

let payload: Payload
let rest: RestClient
let typeId: Id
let sourceId: Id
let editor: User
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  typeId = (await createCancerType(payload)).id
  sourceId = (await createSource(payload, typeId)).id
  editor = await createUser(payload, { roles: ['editor'] })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const reqAs = async (user: User) => createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)

describe('dashboard', () => {
  it("'Awaiting your review' leaves out a high-risk answer the reviewer has already approved (it waits for the second reviewer, not for them)", async () => {
    const first = await createUser(payload, { roles: ['reviewer'], specialties: [typeId], name: 'Dr First' })
    const second = await createUser(payload, { roles: ['reviewer'], specialties: [typeId], name: 'Dr Second' })
    const answer = await createAnswerInReview(payload, { cancerTypeId: typeId, sourceId, reviewers: [first, second], highRisk: true })
    expect((await loadReviewQueue(payload, first)).total).toBe(1)
    await approveAs(payload, first, answer.id)
    const stored = (await payload.findByID({ collection: 'answers', id: answer.id, draft: true, depth: 0, overrideAccess: true })) as Answer
    expect(stored.workflowStage).toBe('in_review') // one of two approvals: still in review
    // The server's own rule (reviewReminders.reviewersToRemind): the first approver no longer owes a decision.
    const { reviewersToRemind } = await import('@/lib/workflow/reviewReminders')
    expect((await reviewersToRemind(await reqAs(editor), stored)).map((r) => r.name)).toEqual(['Dr Second'])
    // The dashboard no longer tells Dr First the answer awaits their review.
    expect(await loadReviewQueue(payload, first)).toEqual({ lines: [], total: 0 })
    expect((await loadReviewQueue(payload, second)).total).toBe(1)
  })

  it('the headings "Reviews overdue (N)" and "due for re-review (N)" count every answer, not only the 50 listed', async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString()
    for (let i = 0; i < 52; i++) {
      await createAnswerInReview(
        payload,
        { cancerTypeId: type.id, sourceId: source.id, reviewers: [] },
        { reviewDueAt: '2020-01-01T00:00:00.000Z' },
      )
      // A live answer whose periodic review is due in five days (written as a publication leaves its row).
      const live = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
      await payload.db.updateOne({
        collection: 'answers',
        id: live.id,
        data: { _status: 'published', nextReviewDue: soon },
        returning: false,
      })
    }
    const html = renderToStaticMarkup((await EditorialDashboard({ payload, user: editor })) as React.ReactElement)
    expect(html).toContain('Reviews overdue (52)')
    expect(html).toContain('Published answers due for re-review within 30 days (52)')
    expect(html).toContain('The 50 most overdue are listed.')
    expect(html).toContain('The 50 soonest due are listed.')
  })
})

describe('backlog', () => {
  it('a cancerType in the URL that is no document id (an old bookmark, a slug typed by hand) is ignored, not a server error', async () => {
    const req = await reqAs(editor)
    const filters = parseBacklogFilters({ cancerType: 'pancreatic' })
    // The loader behind /admin/backlog ignores it (it threw a 400, the page was a 500).
    expect(filters.cancerType).toBe('pancreatic')
    await expect(loadBacklog(req, filters)).resolves.toMatchObject({ rows: expect.any(Array) })
  })
})

describe('answer sidebar', () => {
  it("a reviewer opening the answer they review is not offered 'Withdraw from review', which the server refuses them (403)", async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [typeId], name: 'Dr Sidebar' })
    const answer = await createAnswerInReview(payload, { cancerTypeId: typeId, sourceId, reviewers: [reviewer] })
    const req = await reqAs(reviewer)
    // What the answer's edit view renders at its top for this reviewer (they may read the answer: it is assigned to them).
    const data = await payload.findByID({
      collection: 'answers',
      id: answer.id,
      draft: true,
      depth: 0,
      overrideAccess: false,
      user: reviewer,
      req,
    })
    const banner = await ReviewLockBanner({ data, id: answer.id, req } as never)
    const html = renderToStaticMarkup(banner as React.ReactElement)
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const refused = await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie, json: {} })
    expect(refused.status).toBe(403)
    expect(html).not.toContain('Withdraw from review')
    expect(html).toContain('The content is read-only while it is in review')
    // An editor opening the same answer is offered it.
    const editorData = await payload.findByID({
      collection: 'answers',
      id: answer.id,
      draft: true,
      depth: 0,
      overrideAccess: false,
      user: editor,
    })
    const editorBanner = await ReviewLockBanner({ data: editorData, id: answer.id, req: await reqAs(editor) } as never)
    expect(renderToStaticMarkup(editorBanner as React.ReactElement)).toContain('Withdraw from review')
  })

  it("the sidebar's 'Submit for review' is not offered for the draft of an archived question, which the server refuses (409)", async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    const archived = await rest.post('/questions/bulk', {
      cookie: editorCookie,
      json: { action: 'archive', ids: [relationId(draft.question)] },
    })
    expect(archived.body.summary).toBe('Archived: 1 of 1.')
    const stored = (await payload.findByID({ collection: 'answers', id: draft.id, draft: true, depth: 0, overrideAccess: true })) as Answer
    const submitted = await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })
    expect(submitted.status).toBe(409)
    expect(submitted.body.errors[0].message).toMatch(/question is archived/)
    // SubmitForReviewButton's control, given the question's status as the button reads it: disabled,
    // with the server's own reason.
    const question = await payload.findByID({ collection: 'questions', id: relationId(draft.question)!, depth: 0 })
    expect(submitControl(stored.workflowStage, false, question.status)).toEqual({
      allowed: false,
      label: 'Submit for review',
      reason: submitted.body.errors[0].message.replace(/\.$/, ''),
    })
  })
})
