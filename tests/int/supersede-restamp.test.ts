/**
 * A source marked superseded and then current again: the answers in review citing it store the hash
 * approvals are checked against (restampCitingAnswers), so an API client approving with it publishes,
 * and the reviewer queue and reminders follow the approval that stopped counting.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, User } from '@/payload-types'
import { PASSWORD, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'
import type { Id } from '@/lib/relationId'

const { loadReviewQueue } = await import('@/lib/dashboard/loadDashboard')
const { currentContentHash } = await import('@/lib/workflow/contentHash')

let payload: Payload
let rest: RestClient
let type: CancerType
let editor: User
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  editor = await createUser(payload, { roles: ['editor'] })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true, overrideAccess: true }) as Promise<Answer>
const live = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: false, overrideAccess: true }) as Promise<Answer>

describe('a source marked superseded and then current again (an editor undoing a mistaken supersede)', () => {
  it("an API client's approval with the answer's contentHash (as README says to send it) publishes the answer", async () => {
    const source = await createSource(payload, type.id)
    const replacement = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr Api', credentials: 'MD', specialties: [type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })

    // The editor supersedes the cited guideline by mistake (never held in review since this commit)...
    const superseded = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: replacement.id },
    })
    expect(superseded.status, superseded.text).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })
    // ...and sets it back to current a minute later (not held either: status is not a credited field).
    const restored = await rest.patch(`/guideline-sources/${source.id}`, { cookie: editorCookie, json: { status: 'current' } })
    expect(restored.status, restored.text).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })

    // An API client reads the hash to approve as README "An approval names what its reviewer read" says.
    const reviewerCookie = await rest.login(reviewer.email, PASSWORD)
    const read = await rest.get(`/answers/${answer.id}?draft=true&depth=0`, { cookie: reviewerCookie })
    expect(read.status, read.text).toBe(200)
    const decision = await rest.post(`/answers/${answer.id}/decision`, {
      cookie: reviewerCookie,
      json: { decision: 'approve', attestation: true, contentHash: (read.body as { contentHash: string }).contentHash },
    })
    expect({
      storedHashIsCurrent: (await latest(answer.id)).contentHash === (await currentContentHash(await localReq(), await latest(answer.id))),
      status: decision.status,
      live: (await live(answer.id))._status,
    }).toEqual({ storedHashIsCurrent: true, status: 201, live: 'published' })
  })

  it("a high-risk answer whose first approval stopped counting is back in that reviewer's queue", async () => {
    const source = await createSource(payload, type.id)
    const replacement = await createSource(payload, type.id)
    const first = await createUser(payload, { roles: ['reviewer'], name: 'Dr One', credentials: 'MD', specialties: [type.id] })
    const second = await createUser(payload, { roles: ['reviewer'], name: 'Dr Two', credentials: 'MD', specialties: [type.id] })
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: type.id,
      sourceId: source.id,
      reviewers: [first, second],
      highRisk: true,
    })
    const supersede = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: replacement.id },
    })
    expect(supersede.status, supersede.text).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })

    // Dr One reviews on the review screen (the fresh hash) and approves: 1 of 2.
    const firstCookie = await rest.login(first.email, PASSWORD)
    const screenHash = await currentContentHash(await localReq(), await latest(answer.id))
    const approved = await rest.post(`/answers/${answer.id}/decision`, {
      cookie: firstCookie,
      json: { decision: 'approve', attestation: true, contentHash: screenHash },
    })
    expect(approved.status, approved.text).toBe(201)

    // The supersede is undone: the content Dr One approved is no longer the content (their approval stops counting).
    expect((await rest.patch(`/guideline-sources/${source.id}`, { cookie: editorCookie, json: { status: 'current' } })).status).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })

    // Dr Two approves the current content: one approval of two counts, so it stays in review...
    const secondCookie = await rest.login(second.email, PASSWORD)
    const now = await currentContentHash(await localReq(), await latest(answer.id))
    const secondApproval = await rest.post(`/answers/${answer.id}/decision`, {
      cookie: secondCookie,
      json: { decision: 'approve', attestation: true, contentHash: now },
    })
    expect(secondApproval.status, secondApproval.text).toBe(201)
    expect((await live(answer.id))._status).toBe('draft')
    // ...and it waits for Dr One, whose queue must show it (and whom reminders must reach).
    const { reviewersToRemind } = await import('@/lib/workflow/reviewReminders')
    expect({
      queue: (await loadReviewQueue(payload, first)).total,
      reminded: (await reviewersToRemind(await localReq(), await latest(answer.id))).map((r) => r.name),
    }).toEqual({ queue: 1, reminded: ['Dr One'] })
  })
})

async function localReq() {
  const { createLocalReq } = await import('payload')
  return createLocalReq({}, payload)
}
