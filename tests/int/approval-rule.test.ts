/**
 * The approval rule, the only way to publish: enough distinct approvals for the current content
 * hash (1, or 2 when high-risk). Changing the content invalidates earlier approvals while the
 * published version stays live.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType, GuidelineSource, User } from '@/payload-types'
import { PASSWORD, approveAs, createAnswerInReview, createCancerType, createSource, createUser, approvalBody } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'
import { relationId, type Id } from '@/lib/relationId'

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let editor: User, reviewerA: User, reviewerB: User

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  editor = await createUser(payload, { roles: ['editor'] })
  reviewerA = await createUser(payload, { roles: ['reviewer'], name: 'Dr A', credentials: 'MD', specialties: [type.id] })
  reviewerB = await createUser(payload, { roles: ['reviewer'], name: 'Dr B', credentials: 'MD, PhD', specialties: [type.id] })
})
afterAll(async () => stopPayload(payload))

const live = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: false })
const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true })

describe('approval rule', () => {
  it('one approval publishes a normal answer, with its review record', async () => {
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewerA] })
    expect((await live(answer.id))._status).toBe('draft')
    await approveAs(payload, reviewerA, answer.id)
    const published = await live(answer.id)
    expect(published._status).toBe('published')
    expect(published.reviewCredits).toEqual([expect.objectContaining({ name: 'Dr A', credentials: 'MD' })])
    const due = new Date(published.nextReviewDue!).getTime() - new Date(published.lastReviewedAt!).getTime()
    expect(Math.round(due / (24 * 3600 * 1000))).toBeGreaterThanOrEqual(365)
  })

  it('a high-risk answer needs two distinct reviewers', async () => {
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: type.id,
      sourceId: source.id,
      reviewers: [reviewerA, reviewerB],
      highRisk: true,
    })
    await approveAs(payload, reviewerA, answer.id)
    expect((await live(answer.id))._status).toBe('draft')
    // The same reviewer approving again does not count twice (and is refused).
    await expect(approveAs(payload, reviewerA, answer.id)).rejects.toThrow(/already recorded this decision/)
    expect((await live(answer.id))._status).toBe('draft')
    await approveAs(payload, reviewerB, answer.id)
    const published = await live(answer.id)
    expect(published._status).toBe('published')
    expect(published.reviewCredits?.map((credit) => credit.name).sort()).toEqual(['Dr A', 'Dr B'])
  })

  it('a change after approval: the live version stays, the earlier approval no longer counts', async () => {
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: type.id,
      sourceId: source.id,
      reviewers: [reviewerA, reviewerB],
      highRisk: true,
    })
    await approveAs(payload, reviewerA, answer.id)
    const approvedHash = (await latest(answer.id)).contentHash
    const cookie = await rest.login(editor.email, PASSWORD)
    // Issue 12: content in review is locked; the editor withdraws it, edits it and submits it again.
    const change = () => rest.patch(`/answers/${answer.id}?draft=true`, { cookie, json: { keyTakeaway: 'A changed takeaway.' } })
    expect((await change()).status).toBe(409)
    expect((await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie, json: {} })).status).toBe(200)
    const edited = await change()
    expect(edited.status, edited.text).toBe(200)
    expect((await latest(answer.id)).contentHash).not.toBe(approvedHash)
    expect((await rest.post(`/answers/${answer.id}/submit`, { cookie })).status).toBe(200)
    // B approves the new content; A's approval was for the old hash, so 1 of 2: not published.
    await approveAs(payload, reviewerB, answer.id)
    expect((await live(answer.id))._status).toBe('draft')
    await approveAs(payload, reviewerA, answer.id)
    const published = await live(answer.id)
    expect(published._status).toBe('published')
    expect(published.keyTakeaway).toBe('A changed takeaway.')
    // The editor changed the content; the reviewers' approvals and the publish did not.
    expect(published.lastEditedBy).toBe(editor.id)
  })

  it('a published answer being revised stays live with its approved content until the revision is approved', async () => {
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewerA] })
    await approveAs(payload, reviewerA, answer.id)
    const cookie = await rest.login(editor.email, PASSWORD)
    await rest.patch(`/answers/${answer.id}?draft=true`, { cookie, json: { summary: 'Revised summary.' } })
    expect((await live(answer.id)).summary).toBe('A short direct answer.')
    expect((await latest(answer.id)).summary).toBe('Revised summary.')
    // The revision is a new draft that goes through review again; the live version keeps its stage.
    expect((await latest(answer.id)).workflowStage).toBe('draft')
    expect((await live(answer.id)).workflowStage).toBe('published')
  })

  it('request changes and reject send the answer back without publishing', async () => {
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewerA] })
    await payload.create({
      collection: 'approvals',
      data: { answer: answer.id, decision: 'request_changes', comment: 'Soften the second bullet.' },
      user: reviewerA,
      overrideAccess: false,
    })
    expect((await latest(answer.id)).workflowStage).toBe('changes_requested')
    expect((await live(answer.id))._status).toBe('draft')
    const question = await payload.findByID({ collection: 'questions', id: relationId((await latest(answer.id)).question)! })
    expect(question.status).toBe('changes_requested')

    const rejected = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewerA] })
    await payload.create({
      collection: 'approvals',
      data: { answer: rejected.id, decision: 'reject', comment: 'Out of scope for patients.' },
      user: reviewerA,
      overrideAccess: false,
    })
    expect((await latest(rejected.id)).workflowStage).toBe('rejected')
    expect((await live(rejected.id))._status).toBe('draft')
    // The question leaves review (it can be redrafted or archived), and the editor is told why.
    const rejectedQuestion = await payload.findByID({ collection: 'questions', id: relationId((await latest(rejected.id)).question)! })
    expect(rejectedQuestion.status).toBe('drafted')
    const emails = await payload.find({ collection: 'notifications', where: { 'related.value': { equals: rejected.id } }, depth: 0 })
    expect(emails.docs.map((email) => email.subject)).toContain(`Rejected: ${rejected.title}`)
  })
})

describe('who may decide', () => {
  const inReview = (reviewers: User[], highRisk = false) =>
    createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers, highRisk })

  it('not the author: an editor-reviewer who changed the content cannot approve it', async () => {
    const both = await createUser(payload, { roles: ['editor', 'reviewer'], specialties: [type.id] })
    const answer = await inReview([both])
    const cookie = await rest.login(both.email, PASSWORD)
    // Issue 12: not while it is in review (locked); withdrawn, they edit it, and it is back in
    // review with them still assigned (written directly: routing would not pick them).
    const rewrite = () => rest.patch(`/answers/${answer.id}?draft=true`, { cookie, json: { summary: 'My own words.' } })
    expect((await rewrite()).status).toBe(409)
    expect((await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie, json: {} })).status).toBe(200)
    expect((await rewrite()).status).toBe(200)
    await payload.update({
      collection: 'answers',
      id: answer.id,
      data: { workflowStage: 'in_review', assignedReviewers: [both.id] },
      draft: true,
      overrideAccess: true,
    })
    const response = await rest.post('/approvals', { cookie, json: { answer: answer.id, ...(await approvalBody(payload, answer.id)) } })
    expect(response.status).toBe(403)
    expect(response.text).toMatch(/nobody reviews their own work/)
    expect((await live(answer.id))._status).toBe('draft')
  })

  it('not a deactivated reviewer, not outside their specialty, not with a declared conflict', async () => {
    const otherType = await createCancerType(payload)
    const inactive = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], active: false })
    const elsewhere = await createUser(payload, { roles: ['reviewer'], specialties: [otherType.id] })
    const conflicted = await createUser(payload, {
      roles: ['reviewer'],
      specialties: [type.id],
      conflictsOfInterest: [{ statement: 'Advisory board of a drug maker', cancerTypes: [type.id], declaredOn: '2026-01-01' }],
    })
    // A deactivated account cannot sign in at all (its sessions ended with the change); the rule
    // still holds for server code acting as them.
    await expect(rest.login(inactive.email, PASSWORD)).rejects.toThrow(/403 .*This account is deactivated/)
    const unsigned = await inReview([inactive])
    await expect(
      payload.create({
        collection: 'approvals',
        data: { answer: unsigned.id, ...(await approvalBody(payload, unsigned.id)) },
        user: inactive,
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/not an active reviewer/) })
    for (const [who, reason] of [
      [elsewhere, /among your specialties/],
      [conflicted, /conflict of interest/],
    ] as const) {
      const answer = await inReview([who])
      const response = await rest.post('/approvals', {
        cookie: await rest.login(who.email, PASSWORD),
        json: { answer: answer.id, ...(await approvalBody(payload, answer.id)) },
      })
      expect(response.status, response.text).toBe(403)
      expect(response.text).toMatch(reason)
      expect((await live(answer.id))._status).toBe('draft')
    }
  })

  it('two approvals committed at the same moment: the answer is counted again after commit and publishes once', async () => {
    // MongoDB's snapshot isolation, emulated: the second approval's transaction started before the
    // first committed, so its own count sees only itself (1 of 2), and the first one's count saw only
    // itself. SQLite cannot interleave them (its write transactions take turns), so the test hides the
    // first approval from reads made in the second approval's transaction.
    const answer = await inReview([reviewerA, reviewerB], true)
    const first = await approveAs(payload, reviewerA, answer.id)
    expect((await live(answer.id))._status).toBe('draft')

    type Args = { collection: string; data?: { reviewer?: unknown }; req?: { transactionID?: unknown } }
    const db = payload.db as unknown as Record<'create' | 'find', (args: Args) => Promise<{ docs?: { id: Id }[] } & object>>
    const { create, find } = db
    const lateSnapshots = new Set<string>()
    const transactionOf = async (args: Args) => String(await args.req?.transactionID)
    db.create = async (args) => {
      if (args.collection === 'approvals') lateSnapshots.add(await transactionOf(args))
      return create.call(payload.db, args)
    }
    db.find = async (args) => {
      const result = await find.call(payload.db, args)
      if (args.collection !== 'approvals' || !lateSnapshots.has(await transactionOf(args))) return result
      return { ...result, docs: result.docs!.filter((doc) => String(doc.id) !== String(first.id)) }
    }
    try {
      await approveAs(payload, reviewerB, answer.id)
    } finally {
      Object.assign(db, { create, find })
    }
    expect(lateSnapshots.size).toBe(1)
    const published = await live(answer.id)
    expect(published._status).toBe('published')
    expect(published.reviewCredits?.map((credit) => credit.name).sort()).toEqual(['Dr A', 'Dr B'])
    // Announced once: one email to each editor (the answer has no last editor, so every editor).
    const { docs: announced } = await payload.find({
      collection: 'notifications',
      where: { and: [{ 'related.value': { equals: answer.id } }, { template: { equals: 'answer_published' } }] },
      pagination: false,
    })
    const editors = await payload.count({ collection: 'users', where: { roles: { contains: 'editor' } } })
    expect(announced.map((email) => email.to).sort()).toEqual([...new Set(announced.map((email) => email.to))].sort())
    expect(announced).toHaveLength(editors.totalDocs)
    // The publication is credited to the reviewer whose approval counted again, not to "the system".
    const { docs: events } = await payload.find({
      collection: 'workflow-events',
      where: { and: [{ answer: { equals: answer.id } }, { to: { equals: 'published' } }] },
      pagination: false,
      depth: 0,
    })
    expect(events.map((event) => event.byName)).toEqual(['Dr B'])
  })

  it('a high-risk answer cannot be lowered to one approval while in review', async () => {
    const answer = await inReview([reviewerA, reviewerB], true)
    const response = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: await rest.login(editor.email, PASSWORD),
      json: { highRisk: false },
    })
    expect(response.status).toBe(409)
    expect((await latest(answer.id)).highRisk).toBe(true)
  })

  it('publication fixes the sources shown to patients', async () => {
    const answer = await inReview([reviewerA])
    await approveAs(payload, reviewerA, answer.id)
    const response = await rest.get(`/answers/${answer.id}`)
    expect(response.body.sourceCredits).toEqual([
      { id: expect.any(String), publisher: 'NCCN', title: source.title, version: 'Version 1.2026', url: 'https://www.nccn.org/guidelines' },
    ])
  })
})
