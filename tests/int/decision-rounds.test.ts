/**
 * A reviewer's last word on the content is the one that counts: an approval followed by the same
 * reviewer's request for changes or rejection of the same content no longer counts; the same
 * decision in a new round on unchanged content is recorded, not dropped as a repeat; and a cited
 * guideline marked superseded while the answer is in review voids what was opened before.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType, GuidelineSource, User } from '@/payload-types'
import { PASSWORD, approveAs, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'
import type { Id } from '@/lib/relationId'

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
  reviewerB = await createUser(payload, { roles: ['reviewer'], name: 'Dr B', credentials: 'MD', specialties: [type.id] })
})
afterAll(async () => stopPayload(payload))

const live = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: false, overrideAccess: true })
const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true, overrideAccess: true })

describe('conflicting decisions by one reviewer', () => {
  it("a reviewer's approval stops counting once the same reviewer asks for changes to the same content", async () => {
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: type.id,
      sourceId: source.id,
      reviewers: [reviewerA, reviewerB],
      highRisk: true,
    })
    // Dr A approves (1 of 2), then finds a problem in the very same content and asks for changes.
    await approveAs(payload, reviewerA, answer.id)
    const hash = (await latest(answer.id)).contentHash
    await payload.create({
      collection: 'approvals',
      data: { answer: answer.id, decision: 'request_changes', comment: 'On second reading the second bullet is wrong.' },
      user: reviewerA,
      overrideAccess: false,
    })
    expect((await latest(answer.id)).workflowStage).toBe('changes_requested')

    // The editor sends it straight back, unchanged (allowed from "changes requested").
    const cookie = await rest.login(editor.email, PASSWORD)
    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie })
    expect(submitted.status, submitted.text).toBe(200)
    expect((await latest(answer.id)).contentHash).toBe(hash)

    // Dr B approves. Dr A's last word on this exact content is "request changes": it must not publish.
    await approveAs(payload, reviewerB, answer.id)
    expect((await live(answer.id))._status).toBe('draft')
  })

  it("a reviewer's rejection of the exact content is not bypassed by their own earlier approval", async () => {
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: type.id,
      sourceId: source.id,
      reviewers: [reviewerA, reviewerB],
      highRisk: true,
    })
    const original = await latest(answer.id)
    await approveAs(payload, reviewerA, answer.id)
    // Dr A then rejects the very same content.
    await payload.create({
      collection: 'approvals',
      data: { answer: answer.id, decision: 'reject', comment: 'This must not be published: the advice is unsafe.' },
      user: reviewerA,
      overrideAccess: false,
    })
    expect((await latest(answer.id)).workflowStage).toBe('rejected')

    // The editor "edits" it (a change and its undo), leaving the rejected content exactly as it was.
    const cookie = await rest.login(editor.email, PASSWORD)
    const edit = (title: string) => rest.patch(`/answers/${answer.id}?draft=true`, { cookie, json: { title } })
    expect((await edit(`${original.title} (edited)`)).status).toBe(200)
    expect((await edit(original.title)).status).toBe(200)
    expect((await latest(answer.id)).contentHash).toBe(original.contentHash)
    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie })
    expect(submitted.status, submitted.text).toBe(200)

    // Dr B approves: with Dr A's pre-rejection approval counted, the rejected content goes live.
    await approveAs(payload, reviewerB, answer.id)
    expect((await live(answer.id))._status).toBe('draft')
  })
})

describe('a decision in a new round on the same content', () => {
  it('asking for changes again after an unchanged resubmission sends the answer back, with the new comment', async () => {
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewerA] })
    const reviewerCookie = await rest.login(reviewerA.email, PASSWORD)
    const decide = (comment: string) =>
      rest.post(`/answers/${answer.id}/decision`, {
        cookie: reviewerCookie,
        json: { decision: 'request_changes', comment, contentHash: answer.contentHash },
      })
    expect((await decide('The second bullet overstates the benefit.')).status).toBe(201)
    expect((await latest(answer.id)).workflowStage).toBe('changes_requested')

    // The editor disagrees and sends it back unchanged.
    const editorCookie = await rest.login(editor.email, PASSWORD)
    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(submitted.status, submitted.text).toBe(200)
    expect((await latest(answer.id)).workflowStage).toBe('in_review')

    // Dr A reads it again and asks for changes again, explaining further: a new decision.
    const again = await decide('Still wrong: the guideline says this only for stage 1. Please fix before resubmitting.')
    const { docs } = await payload.find({
      collection: 'approvals',
      where: { answer: { equals: answer.id } },
      overrideAccess: true,
      depth: 0,
    })
    expect({
      status: again.status,
      stage: (await latest(answer.id)).workflowStage,
      comments: docs.map((doc) => doc.comment).sort(),
    }).toEqual({
      status: 201,
      stage: 'changes_requested',
      comments: [
        'Still wrong: the guideline says this only for stage 1. Please fix before resubmitting.',
        'The second bullet overstates the benefit.',
      ],
    })
  })
})

describe('a cited source superseded while the answer is in review', () => {
  it('an approval sent with the hash the reviewer opened before the source was superseded does not publish', async () => {
    const old = await createSource(payload, type.id)
    const replacement = await createSource(payload, type.id)
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: old.id, reviewers: [reviewerA] })
    // What the review screen (and an API client) sends: the hash as the reviewer opened the answer.
    const opened = (await latest(answer.id)).contentHash!

    // Meanwhile an editor supersedes the cited guideline, as a safety correction.
    const editorCookie = await rest.login(editor.email, PASSWORD)
    const superseded = await rest.patch(`/guideline-sources/${old.id}`, {
      cookie: editorCookie,
      json: {
        status: 'superseded',
        supersededBy: replacement.id,
        safetyCorrection: true,
        changeNote: 'The old version recommended a dose that is now known to be unsafe.',
      },
    })
    expect(superseded.status, superseded.text).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })
    // The answer in review is flagged (the review screen would now show it)...
    expect((await latest(answer.id)).evidenceChanges?.map((flag) => flag.kind)).toEqual(['superseded'])

    // ...but the reviewer decides from the screen they opened before: the evidence they read changed.
    const reviewerCookie = await rest.login(reviewerA.email, PASSWORD)
    const decision = await rest.post(`/answers/${answer.id}/decision`, {
      cookie: reviewerCookie,
      json: { decision: 'approve', attestation: true, contentHash: opened },
    })
    const after = await live(answer.id)
    // Before the fix: 201, the answer went live citing the superseded guideline, and publication
    // cleared the "evidence changed" flag, so nothing brought it back to review.
    expect({ status: decision.status, live: after._status }).toEqual({ status: 409, live: 'draft' })
  })
})
