/**
 * Issue 10, items 2-4: an approval covers everything a patient reads on the answer's page (the
 * question shown included); nobody approves a version they helped write; nothing reaches review or
 * an approval that publication would refuse, and drafts are validated as they are saved. Over REST
 * (Payload's real handler) and the Local API. Also (nineteenth session): a restored version keeps the
 * review cycle and its text's authors, and only reviewers still assigned count.
 */
import { createLocalReq, ValidationError, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { loadReview } from '@/lib/review/loadReview'
import { relationId, type Id } from '@/lib/relationId'
import { routeForPeriodicReview } from '@/lib/lifecycle/periodicReview'
import { withTransaction } from '@/lib/transaction'
import { markdownToLexical } from '@/lib/richText'
import { APPROVAL_NEEDS_CONTENT_HASH } from '@collections/Approvals/constants'
import {
  PASSWORD,
  approveAs,
  createAnswerInReview,
  createCancerType,
  createCompleteDraft,
  createQuestion,
  createSource,
  createUser,
  approvalBody,
} from '../helpers/fixtures'
import { RestClient, errorMessage } from '../helpers/rest'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let editor: User
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

async function world() {
  const type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  return { type, source }
}
const latest = (id: number | string) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0, overrideAccess: true })
const live = (id: number | string) => payload.findByID({ collection: 'answers', id, draft: false, depth: 0, overrideAccess: true })
const approvalsOf = async (id: number | string) =>
  (await payload.count({ collection: 'approvals', where: { answer: { equals: id } }, overrideAccess: true })).totalDocs
/** The review screen as this reviewer sees it (the hash it shows is the one the decision buttons send). */
const openReview = async (reviewer: User, answerId: number | string) => {
  const user = await payload.findByID({ collection: 'users', id: reviewer.id, depth: 0, overrideAccess: true })
  const review = await loadReview(await createLocalReq({ user: { ...user, collection: 'users' } }, payload), String(answerId))
  if (!review) throw new Error('The reviewer cannot open this answer')
  return review
}
const decide = (cookie: string, answerId: number | string, json: Record<string, unknown>) =>
  rest.post(`/answers/${answerId}/decision`, { cookie, json })

/**
 * Issue 12: the question's wording is locked while its answer is in review (409 naming the
 * reviewer). The editor withdraws the answer, edits the question and submits the answer again.
 */
async function editQuestionThroughWithdrawal(answer: Answer, text: string) {
  const path = `/questions/${relationId(answer.question)}`
  const locked = await rest.patch(path, { cookie: editorCookie, json: { text } })
  expect(locked.status, locked.text).toBe(409)
  expect(errorMessage(locked)).toMatch(
    /^The answer to this question is in review by .*Withdraw the answer from review to edit the question/,
  )
  const withdrawn = await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie: editorCookie, json: {} })
  expect(withdrawn.status, withdrawn.text).toBe(200)
  const edited = await rest.patch(path, { cookie: editorCookie, json: { text } })
  expect(edited.status, edited.text).toBe(200)
  const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
  expect(submitted.status, submitted.text).toBe(200)
  return submitted.body as { stage: string; highRisk: boolean; required: number }
}

describe('the question patients read is inside the approval (item 2)', () => {
  it('an editor changes the question after the reviewer opened the answer: the approval is refused (409) and nothing is published', async () => {
    const w = await world()
    const reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr Opened', specialties: [w.type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [reviewer] })
    const opened = await openReview(reviewer, answer.id)

    // Issue 12: the question's wording is locked while its answer is in review; the editor withdraws
    // the answer first (the reviewer is told) and submits it again after the edit.
    await editQuestionThroughWithdrawal(answer, 'Is this chemotherapy given in hospital or at home?')

    // A decision from the screen opened before (its hash) is still refused: it saw the old question.
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const refused = await decide(cookie, answer.id, { decision: 'approve', attestation: true, contentHash: opened.answer.contentHash })
    expect(refused.status, refused.text).toBe(409)
    expect(errorMessage(refused)).toMatch(/changed after you opened it \(.*the patient question shown with it.*\)\. Reload it/)
    expect((await live(answer.id))._status).toBe('draft')
    expect(await approvalsOf(answer.id)).toBe(0)

    // Reloaded, the screen shows the new question and a new hash to decide on.
    const reloaded = await openReview(reviewer, answer.id)
    expect(reloaded.question).toBe('Is this chemotherapy given in hospital or at home?')
    expect(reloaded.answer.contentHash).not.toBe(opened.answer.contentHash)
  })

  it('an approval names the content its reviewer read: without contentHash it is a 400 on every API, and nothing is recorded', async () => {
    const w = await world()
    const reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr Unnamed', specialties: [w.type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [reviewer] })
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const unnamed = { decision: 'approve', attestation: true }
    const refusals = [
      await decide(cookie, answer.id, unnamed),
      await rest.post('/approvals', { cookie, json: { answer: answer.id, ...unnamed } }),
    ]
    for (const refused of refusals) {
      expect(refused.status, refused.text).toBe(400)
      expect(errorMessage(refused)).toBe(APPROVAL_NEEDS_CONTENT_HASH)
    }
    const graphql = await rest.graphql(
      `mutation { createApproval(data: { answer: ${JSON.stringify(answer.id)}, decision: approve, attestation: true }) { id } }`,
      cookie,
    )
    expect(graphql.body.errors?.[0]?.message, graphql.text).toBe(APPROVAL_NEEDS_CONTENT_HASH)
    expect(await approvalsOf(answer.id)).toBe(0)
    expect((await live(answer.id))._status).toBe('draft')
    // The answer's contentHash, as the API gives it to its reviewer, is what an approval sends.
    const read = await rest.get(`/answers/${answer.id}?draft=true&depth=0`, { cookie })
    expect(read.body.contentHash).toBe((await openReview(reviewer, answer.id)).answer.contentHash)
    const approved = await decide(cookie, answer.id, { ...unnamed, contentHash: read.body.contentHash })
    expect(approved.status, approved.text).toBe(201)
    expect((await live(answer.id))._status).toBe('published')
    // Asking for changes publishes nothing: the server binds it to the content as it stands.
    const other = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [reviewer] })
    const changes = await decide(cookie, other.id, { decision: 'request_changes', comment: 'Cite the dosing passage.' })
    expect(changes.status, changes.text).toBe(201)
    expect(changes.body.doc.contentHash).toBe((await latest(other.id)).contentHash)
  })

  it("what an answer in review shows of its sources and cancer type holds still, so its stored contentHash stays the content's", async () => {
    const w = await world()
    const reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr Credit', specialties: [w.type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [reviewer] })
    const source = await payload.findByID({ collection: 'guideline-sources', id: w.source.id, depth: 0, overrideAccess: true })
    const edits: [string, Record<string, unknown>, RegExp][] = [
      [
        `/guideline-sources/${source.id}`,
        { title: 'A renamed guideline' },
        /cites this source and is in review by Dr Credit .*before changing them\./,
      ],
      [`/guideline-sources/${source.id}`, { version: 'Version 9.2026' }, /cites this source and is in review by Dr Credit/],
      [
        `/guideline-sources/${source.id}`,
        { passages: source.passages!.map((passage) => ({ ...passage, heading: `${passage.heading} (renamed)` })) },
        /cites this source and is in review by Dr Credit/,
      ],
      [
        `/cancer-types/${w.type.id}`,
        { name: `${w.type.name} renamed` },
        /is in review by Dr Credit since .*, and its page shows this cancer type's name and links to it by its slug/,
      ],
    ]
    for (const [path, json, message] of edits) {
      const refused = await rest.patch(path, { cookie: editorCookie, json })
      expect(refused.status, `${path} ${JSON.stringify(json)}: ${refused.text}`).toBe(409)
      expect(errorMessage(refused)).toMatch(message)
    }
    expect((await latest(answer.id)).contentHash).toBe((await openReview(reviewer, answer.id)).answer.contentHash)
    // A required credit cleared is a validation error, not a hold.
    const cleared = await rest.patch(`/guideline-sources/${source.id}`, { cookie: editorCookie, json: { title: null } })
    expect(cleared.status, cleared.text).toBe(400)
    // What the page does not show may change: a passage the answer does not cite, the source's notes.
    const uncited = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: {
        passages: source.passages!.map((passage) =>
          passage.passageId === 'p-two' ? { ...passage, heading: 'Renamed, uncited' } : passage,
        ),
      },
    })
    expect(uncited.status, uncited.text).toBe(200)
    // Once the answer is published, the source's credit may change again (its next review picks it up).
    await approveAs(payload, reviewer, answer.id)
    expect(
      (await rest.patch(`/guideline-sources/${source.id}`, { cookie: editorCookie, json: { title: 'A renamed guideline' } })).status,
    ).toBe(200)
    expect(
      (await rest.patch(`/cancer-types/${w.type.id}`, { cookie: editorCookie, json: { name: `${w.type.name} renamed` } })).status,
    ).toBe(200)
  })

  it('a decision is dated by the server: a createdAt or updatedAt sent over REST or GraphQL is dropped, on create and on update', async () => {
    const w = await world()
    const reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr Backdate', specialties: [w.type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [reviewer] })
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const before = Date.now()
    const created = await rest.post('/approvals', {
      cookie,
      json: {
        answer: answer.id,
        decision: 'request_changes',
        comment: 'Please cite the dosing passage.',
        createdAt: '2001-01-01T00:00:00.000Z',
        updatedAt: '2001-01-01T00:00:00.000Z',
      },
    })
    expect(created.status, created.text).toBe(201)
    const stored = await payload.findByID({ collection: 'approvals', id: created.body.doc.id, depth: 0, overrideAccess: true })
    for (const stamp of [stored.createdAt, stored.updatedAt]) expect(Date.parse(stamp)).toBeGreaterThanOrEqual(before - 1000)
    // Any collection, on update too (GraphQL as well): an editor cannot re-date a question.
    const question = await payload.findByID({ collection: 'questions', id: relationId(answer.question)!, depth: 0, overrideAccess: true })
    const patched = await rest.patch(`/questions/${question.id}`, { cookie: editorCookie, json: { createdAt: '2001-01-01T00:00:00.000Z' } })
    expect(patched.status, patched.text).toBe(200)
    const graphql = await rest.graphql(
      `mutation { updateQuestion(id: ${JSON.stringify(question.id)}, data: { createdAt: "2001-01-01T00:00:00.000Z" }) { id } }`,
      editorCookie,
    )
    expect(graphql.status, graphql.text).toBe(200)
    expect(graphql.body.errors, graphql.text).toBeUndefined()
    const after = await payload.findByID({ collection: 'questions', id: question.id, depth: 0, overrideAccess: true })
    expect(after.createdAt).toBe(question.createdAt)
    // Payload's own collections too: an edit lock dated 2099 would never expire (the answer read-only for its editors).
    const lock = await rest.post('/payload-locked-documents', {
      cookie: editorCookie,
      json: {
        document: { relationTo: 'answers', value: answer.id },
        user: { relationTo: 'users', value: editor.id },
        createdAt: '2001-01-01T00:00:00.000Z',
        updatedAt: '2099-01-01T00:00:00.000Z',
      },
    })
    expect(lock.status, lock.text).toBe(201)
    const storedLock = await payload.findByID({ collection: 'payload-locked-documents', id: lock.body.doc.id, depth: 0 })
    for (const stamp of [storedLock.createdAt, storedLock.updatedAt]) {
      expect(Date.parse(stamp)).toBeGreaterThanOrEqual(before - 1000)
      expect(Date.parse(stamp)).toBeLessThanOrEqual(Date.now() + 1000)
    }
    await payload.delete({ collection: 'payload-locked-documents', id: lock.body.doc.id })
  })

  it("a second reviewer decides without the first one's verdict: the review screen shows a reviewer their own decisions only, as the API does", async () => {
    const w = await world()
    const first = await createUser(payload, { roles: ['reviewer'], name: 'Dr First', specialties: [w.type.id] })
    const second = await createUser(payload, { roles: ['reviewer'], name: 'Dr Second', specialties: [w.type.id] })
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: w.type.id,
      sourceId: w.source.id,
      reviewers: [first, second],
      highRisk: true,
    })
    const firstCookie = await rest.login(first.email, PASSWORD)
    const approved = await decide(firstCookie, answer.id, {
      decision: 'approve',
      attestation: true,
      comment: 'Private note from Dr First',
      contentHash: (await openReview(first, answer.id)).answer.contentHash,
    })
    expect(approved.status, approved.text).toBe(201)
    const seenBy = async (person: User) => (await openReview(person, answer.id)).decisions.map((decision) => decision.comment)
    expect(await seenBy(first)).toEqual(['Private note from Dr First'])
    expect(await seenBy(second)).toEqual([])
    expect(await seenBy(editor)).toEqual(['Private note from Dr First'])
    const secondCookie = await rest.login(second.email, PASSWORD)
    expect((await rest.get(`/approvals?where[answer][equals]=${answer.id}`, { cookie: secondCookie })).body.totalDocs).toBe(0)
  })

  it('an approval made before the question changed stops counting', async () => {
    const w = await world()
    const [a, b] = [
      await createUser(payload, { roles: ['reviewer'], name: 'Dr First', specialties: [w.type.id] }),
      await createUser(payload, { roles: ['reviewer'], name: 'Dr Second', specialties: [w.type.id] }),
    ]
    const answer = await createAnswerInReview(payload, {
      cancerTypeId: w.type.id,
      sourceId: w.source.id,
      reviewers: [a, b],
      highRisk: true,
    })
    await approveAs(payload, a, answer.id)
    const rewrite = () =>
      payload.update({
        collection: 'questions',
        id: relationId(answer.question)!,
        data: { text: 'Is surgery ever an option here, and when?' },
        user: editor,
        overrideAccess: false,
      })
    // Issue 12: refused while in review (Local API as the editor too); withdrawn, edited, resubmitted.
    await expect(rewrite()).rejects.toMatchObject({ status: 409 })
    expect((await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie: editorCookie, json: {} })).status).toBe(200)
    await rewrite()
    const resubmitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(resubmitted.status, resubmitted.text).toBe(200)
    await approveAs(payload, b, answer.id)
    // A approved the page with the old question: one approval of the current page, two needed.
    expect((await live(answer.id))._status).toBe('draft')
    await approveAs(payload, a, answer.id)
    const published = await live(answer.id)
    expect(published._status).toBe('published')
    expect((published.publicJson as { question: string }).question).toBe('Is surgery ever an option here, and when?')
  })

  it('a question edited to mention children makes the answer high-risk: one approval no longer publishes, a second reviewer is assigned', async () => {
    const w = await world()
    const first = await createUser(payload, { roles: ['reviewer'], name: 'Dr One', specialties: [w.type.id] })
    const second = await createUser(payload, { roles: ['reviewer'], name: 'Dr Two', specialties: [w.type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, reviewers: [first] })
    expect(answer.highRisk).toBe(false)
    const text = 'Can my child take this chemotherapy at double the dose?'
    // Issue 12: the wording changes only out of review; the resubmission applies the high-risk rule.
    const submission = await editQuestionThroughWithdrawal(answer, text)
    expect(submission).toMatchObject({ highRisk: true, required: 2 })

    const cookie = await rest.login(first.email, PASSWORD)
    const review = await openReview(first, answer.id)
    expect(review.answer.requiredApprovals).toBe(2)
    const approved = await decide(cookie, answer.id, { decision: 'approve', attestation: true, contentHash: review.answer.contentHash })
    expect(approved.status, approved.text).toBe(201)
    const after = await latest(answer.id)
    expect((await live(answer.id))._status).toBe('draft')
    expect(after.highRisk).toBe(true)
    expect(after.assignedReviewers?.map(String).sort()).toEqual([String(first.id), String(second.id)].sort())
    const emails = await payload.find({
      collection: 'notifications',
      where: { and: [{ 'related.value': { equals: answer.id } }, { to: { equals: second.email } }] },
      overrideAccess: true,
    })
    expect(emails.docs.map((email) => email.subject)).toEqual([`Review requested: ${answer.title}`])

    await approveAs(payload, second, answer.id)
    const published = await live(answer.id)
    expect(published._status).toBe('published')
    expect((published.publicJson as { question: string }).question).toBe(text)
  })
})

describe('authorship comes from every change since the last approval (item 3)', () => {
  /** A complete answer as an editor makes it over REST. */
  async function createOverRest(cookie: string, w: { type: CancerType; source: GuidelineSource }) {
    const question = await createQuestion(payload, w.type.id, { status: 'drafted' })
    const created = await rest.post('/answers?draft=true', {
      cookie,
      json: {
        question: question.id,
        title: 'Can surgery help when this cancer has spread?',
        cancerType: w.type.id,
        summary: 'Usually another treatment comes first.',
        body: await markdownToLexical(payload.config, '## Why\n\n- A reason from the guideline.'),
        questionsToAsk: [{ question: 'What is the goal of treatment?', why: 'It frames the choices.' }],
        keyTakeaway: 'Ask your team what fits you.',
        citations: [{ source: w.source.id, passageId: 'p-one', quote: 'Paraphrased guidance' }],
      },
    })
    expect(created.status, created.text).toBe(201)
    return created.body.doc as Answer
  }

  it("the issue's case: an editor-reviewer rewrites a draft, an editor changes one word; it is not routed to the first, who cannot approve it (403)", async () => {
    const w = await world()
    const both = await createUser(payload, { roles: ['editor', 'reviewer'], name: 'Dr Both', specialties: [w.type.id] })
    const bothCookie = await rest.login(both.email, PASSWORD)
    const answer = await createOverRest(editorCookie, w)

    const rewrite = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: bothCookie,
      json: {
        summary: 'Surgery is usually not offered once it has spread.',
        keyTakeaway: 'Treatment for the whole body usually comes first.',
      },
    })
    expect(rewrite.status, rewrite.text).toBe(200)
    const oneWord = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { summary: 'Surgery is rarely offered once it has spread.' },
    })
    expect(oneWord.status, oneWord.text).toBe(200)
    expect((await latest(answer.id)).authors?.map(String).sort()).toEqual([String(editor.id), String(both.id)].sort())

    // The only reviewer of this cancer type wrote part of it: nobody is routed, the answer waits.
    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(submitted.status, submitted.text).toBe(200)
    expect(submitted.body).toMatchObject({ stage: 'awaiting_reviewer', reviewers: [] })

    // An editor cannot hand it to them either...
    const assigned = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { assignedReviewers: [both.id] } })
    expect(assigned.status).toBe(400)
    expect(assigned.text).toContain('Dr Both cannot review this answer: they wrote or changed this content since it was last approved')

    // ...and if they were assigned anyway (say before they edited it), their approval is refused.
    await payload.update({
      collection: 'answers',
      id: answer.id,
      data: { workflowStage: 'in_review', assignedReviewers: [both.id] },
      draft: true,
      overrideAccess: true,
    })
    const refused = await decide(bothCookie, answer.id, await approvalBody(payload, answer.id))
    expect(refused.status, refused.text).toBe(403)
    expect(errorMessage(refused)).toBe(
      'You cannot review this answer: you wrote or changed this content since it was last approved, and nobody reviews their own work.',
    )
    await expect(approveAs(payload, both, answer.id)).rejects.toMatchObject({ status: 403 })
    expect((await live(answer.id))._status).toBe('draft')
    expect(await approvalsOf(answer.id)).toBe(0)
  })

  it('the list starts again at each publication: an earlier author may review a later revision they did not touch', async () => {
    const w = await world()
    const both = await createUser(payload, { roles: ['editor', 'reviewer'], name: 'Dr Earlier', specialties: [w.type.id] })
    const reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr Other', specialties: [w.type.id] })
    const answer = await createOverRest(editorCookie, w)
    const bothCookie = await rest.login(both.email, PASSWORD)
    expect(
      (
        await rest.patch(`/answers/${answer.id}?draft=true`, {
          cookie: bothCookie,
          json: { summary: 'Surgery is rarely offered once it has spread.' },
        })
      ).status,
    ).toBe(200)
    expect(
      (await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { keyTakeaway: 'Ask what fits you.' } })).status,
    ).toBe(200)
    const first = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(first.body.reviewers.map((r: { id: number }) => r.id)).toEqual([reviewer.id])
    await approveAs(payload, reviewer, answer.id)
    const published = await latest(answer.id)
    expect(published._status).toBe('published')
    expect(published.authors).toEqual([])

    // A workflow write is not authorship; the editor's revision is.
    expect(
      (
        await rest.patch(`/answers/${answer.id}?draft=true`, {
          cookie: editorCookie,
          json: { keyTakeaway: 'Ask your team what fits you best.' },
        })
      ).status,
    ).toBe(200)
    expect((await latest(answer.id)).authors?.map(String)).toEqual([String(editor.id)])
    await payload.update({ collection: 'users', id: reviewer.id, data: { active: false }, overrideAccess: true })
    const second = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(second.status, second.text).toBe(200)
    expect(second.body.reviewers.map((r: { id: number }) => r.id)).toEqual([both.id])
  })
})

describe('drafts are validated, and review never accepts what publication would refuse (item 4)', () => {
  const tooLong = 'This is a very long summary. '.repeat(30)
  const elevenQuestions = Array.from({ length: 11 }, (_, index) => ({
    question: `What is question ${index + 1}?`,
    why: 'It frames the choices.',
  }))

  it.each([
    ['summary', { summary: 123 }, 'summary must be text, not a number.'],
    ['title', { title: ['Can surgery help?'] }, 'title must be text, not a list.'],
    ['questionsToAsk', { questionsToAsk: 'What is the goal?' }, 'questionsToAsk must be a list of rows (objects), not text.'],
    [
      'a question to ask',
      { questionsToAsk: [{ question: 5, why: 'It frames the choices.' }] },
      'questionsToAsk.0.question must be text, not a number.',
    ],
    ['citations', { citations: { source: 1 } }, 'citations must be a list of rows (objects), not an object.'],
    ['questionsToAsk as a row count', { questionsToAsk: 3 }, 'questionsToAsk must be a list of rows (objects), not a number.'],
    ['body', { body: '<p>Hello</p>' }, 'body must be rich text (an object with a "root" node), not text.'],
    ['keyTakeaway', { keyTakeaway: { text: 'Ask' } }, 'keyTakeaway must be text, not an object.'],
    ['question', { question: { text: 'Is it safe?' } }, 'question must be a document id, not an object.'],
    ['highRisk', { highRisk: 'yes' }, 'highRisk must be true or false, not text.'],
  ])('a wrong type for %s is a 400 naming the field (REST and Local API), nothing saved', async (_label, json, message) => {
    const w = await world()
    const answer = await createCompleteDraft(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, editorId: editor.id })
    const response = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json })
    expect(response.status, response.text).toBe(400)
    expect(errorMessage(response)).toBe(message)
    const local = payload.update({
      collection: 'answers',
      id: answer.id,
      data: json as never,
      draft: true,
      user: editor,
      overrideAccess: false,
    })
    await expect(local).rejects.toBeInstanceOf(ValidationError)
    await expect(local).rejects.toMatchObject({ status: 400, data: { errors: [{ message }] } })
    const created = await rest.post('/answers?draft=true', {
      cookie: editorCookie,
      json: { title: 'A title long enough', question: answer.question, cancerType: w.type.id, ...json },
    })
    expect(created.status, created.text).toBe(400)
    expect((await latest(answer.id)).updatedAt).toBe(answer.updatedAt)
  })

  it.each([0, '0'])('"Save Draft" as the admin sends it (empty arrays as the row count %j) saves: 200, the edit kept', async (rowCount) => {
    // The admin's form gives an array with no rows as its row count, and Payload's beforeValidate
    // makes that []: the wrong-type check refused it, so no answer could be saved from the admin
    // before publication (the review record's credits are empty until then).
    const w = await world()
    const answer = await createCompleteDraft(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, editorId: editor.id })
    const sent = await rest.get<Record<string, unknown>>(`/answers/${answer.id}?draft=true&depth=0`, { cookie: editorCookie })
    expect(sent.status, sent.text).toBe(200)
    const json = {
      ...sent.body,
      keyTakeaway: 'Ask your team whether a stent can relieve yellowing of the skin.',
      reviewCredits: rowCount,
      sourceCredits: rowCount,
    }
    const response = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json })
    expect(response.status, response.text).toBe(200)
    const saved = await latest(answer.id)
    expect(saved.keyTakeaway).toBe(json.keyTakeaway)
    expect(saved.reviewCredits ?? []).toEqual([])
    expect(saved.sourceCredits ?? []).toEqual([])
  })

  it.each([
    ['a summary over 800 characters', { summary: tooLong }, 'summary', /max length of 800/],
    ['more than 10 questions to ask', { questionsToAsk: elevenQuestions }, 'questionsToAsk', /no more than 10/],
    [
      'a question to ask over 300 characters',
      { questionsToAsk: [{ question: `${'Why '.repeat(80)}?`, why: 'It frames the choices.' }] },
      'questionsToAsk.0.question',
      /max length of 300/,
    ],
    ['a key takeaway over 600 characters', { keyTakeaway: tooLong }, 'keyTakeaway', /max length of 600/],
  ])('a draft with %s is refused when saved (400, REST and Local API)', async (_label, json, path, message) => {
    const w = await world()
    const answer = await createCompleteDraft(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, editorId: editor.id })
    const response = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json })
    expect(response.status, response.text).toBe(400)
    const error = (response.body as { errors: { data: { errors: { path: string; message: string }[] } }[] }).errors[0]!.data.errors[0]!
    expect(error.path).toBe(path)
    expect(error.message).toMatch(message)
    await expect(
      payload.update({ collection: 'answers', id: answer.id, data: json, draft: true, overrideAccess: true }),
    ).rejects.toBeInstanceOf(ValidationError)
    expect((await latest(answer.id)).summary).toBe(answer.summary)
  })

  /**
   * A draft saved before drafts were validated (written here below the API, as the database holds
   * it): submission refuses it, and an approval is refused with the reason at once instead of a
   * second approval failing and leaving it stuck in review; the editor's correction unblocks it.
   */
  it('an over-limit draft from before: submission 400, approval 409 (REST and Local API), nothing published until the editor corrects it', async () => {
    const w = await world()
    const [a, b] = [
      await createUser(payload, { roles: ['reviewer'], name: 'Dr Legacy A', specialties: [w.type.id] }),
      await createUser(payload, { roles: ['reviewer'], name: 'Dr Legacy B', specialties: [w.type.id] }),
    ]
    const answer = await createCompleteDraft(
      payload,
      { cancerTypeId: w.type.id, sourceId: w.source.id, editorId: editor.id },
      { highRisk: true },
    )
    const writeBelowTheApi = async (data: Partial<Answer>) => {
      const { docs } = await payload.findVersions({
        collection: 'answers',
        where: { parent: { equals: answer.id } },
        sort: '-updatedAt',
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
      await payload.db.updateVersion({
        collection: 'answers',
        id: docs[0]!.id,
        versionData: { ...docs[0]!, version: { ...docs[0]!.version, ...data } } as never,
      })
    }
    await writeBelowTheApi({ summary: tooLong, questionsToAsk: elevenQuestions })

    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(submitted.status, submitted.text).toBe(400)
    expect(errorMessage(submitted)).toMatch(
      /^The draft is not ready for review: it could not be published as it stands\. summary: .*800.* questionsToAsk: .*10/,
    )
    expect((await latest(answer.id)).workflowStage).toBe('draft')

    // Had it reached review anyway: the first approval is refused with the reason, not the second.
    await writeBelowTheApi({ workflowStage: 'in_review', assignedReviewers: [a.id, b.id] })
    const cookie = await rest.login(a.email, PASSWORD)
    // Sent from the review screen, whose hash is computed afresh (the stored one predates the write below the API).
    const onScreen = { decision: 'approve', attestation: true, contentHash: (await openReview(a, answer.id)).answer.contentHash }
    const refused = await decide(cookie, answer.id, onScreen)
    expect(refused.status, refused.text).toBe(409)
    expect(errorMessage(refused)).toMatch(
      /^This answer could not be published as it stands, so it cannot be approved; its editor must correct it first\. summary: .*800/,
    )
    await expect(
      payload.create({
        collection: 'approvals',
        data: { answer: answer.id, ...onScreen, decision: 'approve' },
        user: b,
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/^This answer could not be published as it stands/) })
    expect(await approvalsOf(answer.id)).toBe(0)

    // Not stuck: the editor's correction is a valid save, and the corrected version is approved.
    // (Issue 12: a version that cannot be approved is not locked for review; the lock protects
    // reviewers' work, and there is none to protect here.)
    const fixed = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { summary: 'Usually another treatment comes first.', questionsToAsk: elevenQuestions.slice(0, 5) },
    })
    expect(fixed.status, fixed.text).toBe(200)
    expect((await decide(cookie, answer.id, await approvalBody(payload, answer.id))).status).toBe(201) // saved through the API: hash current
    await approveAs(payload, b, answer.id)
    expect((await live(answer.id))._status).toBe('published')
  })

  it('the admin override refuses what publication would refuse, with the reason', async () => {
    const w = await world()
    const admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
    const answer = await createCompleteDraft(payload, { cancerTypeId: w.type.id, sourceId: w.source.id, editorId: editor.id })
    const { docs } = await payload.findVersions({
      collection: 'answers',
      where: { parent: { equals: answer.id } },
      sort: '-updatedAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    await payload.db.updateVersion({
      collection: 'answers',
      id: docs[0]!.id,
      versionData: { ...docs[0]!, version: { ...docs[0]!.version, keyTakeaway: tooLong } } as never,
    })
    const response = await rest.post(`/answers/${answer.id}/override-publish`, {
      cookie: await rest.login(admin.email, PASSWORD),
      json: { reason: 'Urgent correction agreed with the clinical lead by phone.' },
    })
    expect(response.status, response.text).toBe(400)
    expect(errorMessage(response)).toMatch(/^This draft cannot be published as it stands\. keyTakeaway: .*600/)
    expect((await live(answer.id))._status).toBe('draft')
  })
})

async function threeReviewers() {
  const type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  const [a, b, c] = await Promise.all(
    ['Dr A', 'Dr B', 'Dr C'].map((name) => createUser(payload, { roles: ['reviewer'], name, specialties: [type.id] })),
  )
  return { type, source, a: a!, b: b!, c: c! }
}

describe('restoring a version (nineteenth session)', () => {
  it('keeps the review cycle, so approvals of an earlier cycle do not count again', async () => {
    const { type, source, a, b, c } = await threeReviewers()
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, reviewers: [a, b], highRisk: true },
      { provenance: { draftedBy: 'person', author: editor.id } },
    )
    await approveAs(payload, a, answer.id)
    await approveAs(payload, b, answer.id)
    expect((await latest(answer.id)).reviewCycle).toBe(1)
    // The periodic review of the same content, approved by the same two: cycle 2.
    await withTransaction(await createLocalReq({}, payload), (req) =>
      routeForPeriodicReview(req, answer.id, type, new Date(Date.now() + 86_400_000).toISOString()),
    )
    await payload.update({
      collection: 'answers',
      id: answer.id,
      data: { assignedReviewers: [a.id, b.id] },
      draft: true,
      overrideAccess: true,
      context: { routing: true },
    })
    await approveAs(payload, a, answer.id)
    await approveAs(payload, b, answer.id)
    expect((await latest(answer.id)).reviewCycle).toBe(2)
    const {
      docs: [liveVersion],
    } = await payload.findVersions({
      collection: 'answers',
      where: { and: [{ parent: { equals: answer.id } }, { 'version._status': { equals: 'published' } }] },
      sort: '-createdAt',
      limit: 1,
    })

    // An editor drafts a change, then restores the live version.
    const edited = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { summary: 'A newer draft summary.' },
    })
    expect(edited.status, edited.text).toBe(200)
    const restored = await rest.post(`/answers/versions/${liveVersion!.id}?draft=true`, { cookie: editorCookie })
    expect(restored.status, restored.text).toBe(200)
    const after = await latest(answer.id)
    expect(after).toMatchObject({ reviewCycle: 2, workflowStage: 'draft', highRisk: true })
    expect(after.reviewedBy).toEqual((await live(answer.id)).reviewedBy)

    // In review again with A and C: the earlier cycles' approvals by A and B are not this cycle's.
    await payload.update({
      collection: 'answers',
      id: answer.id,
      data: { workflowStage: 'in_review', assignedReviewers: [a.id, c.id] },
      draft: true,
      overrideAccess: true,
      context: { routing: true },
    })
    await approveAs(payload, c, answer.id)
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    await approveAs(payload, a, answer.id)
    const published = await latest(answer.id)
    expect(published).toMatchObject({ workflowStage: 'published', reviewCycle: 3 })
    expect(published.reviewedBy?.map(String).sort()).toEqual([a.id, c.id].map(String).sort())
  })

  it('the authors of the restored text are still its authors: they are not routed it', async () => {
    const { type, source, a, b } = await threeReviewers()
    // Dr A wrote the text (an editor as well as a reviewer), Dr B approved it.
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, reviewers: [b] },
      { provenance: { draftedBy: 'person', author: a.id }, lastEditedBy: a.id, authors: [a.id] },
    )
    await approveAs(payload, b, answer.id)
    const {
      docs: [liveVersion],
    } = await payload.findVersions({
      collection: 'answers',
      where: { and: [{ parent: { equals: answer.id } }, { 'version._status': { equals: 'published' } }] },
      sort: '-createdAt',
      limit: 1,
    })
    // Another editor rewrites it (a draft), then restores the text Dr A wrote.
    expect((await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { summary: 'Rewritten.' } })).status).toBe(
      200,
    )
    expect((await rest.post(`/answers/versions/${liveVersion!.id}?draft=true`, { cookie: editorCookie })).status).toBe(200)
    const after = await latest(answer.id)
    expect(after.authors?.map(String)).toEqual(expect.arrayContaining([String(a.id), String(editor.id)]))
    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: editorCookie })
    expect(submitted.status, submitted.text).toBe(200)
    expect((await latest(answer.id)).assignedReviewers?.map(String)).not.toContain(String(a.id))
  })
})

describe('approvals of a reviewer taken off the answer (nineteenth session)', () => {
  it('an answer waiting for a second reviewer keeps the one who approved when it is routed again', async () => {
    const { type, source, a, b, c } = await threeReviewers()
    const admin = await createUser(payload, { roles: ['admin'] })
    const adminCookie = await rest.login(admin.email, PASSWORD)
    // Dr C is away; Dr D has room for one review and has one; Dr A has two other reviews (the most load).
    await payload.update({ collection: 'users', id: c.id, data: { active: false }, overrideAccess: true })
    const d = await createUser(payload, { roles: ['reviewer'], name: 'Dr D', specialties: [type.id], maxOpenReviews: 1 })
    const late = await createUser(payload, { roles: ['reviewer'], name: 'Dr Late', specialties: [] })
    const inReview = (reviewers: User[]) => createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers })
    await inReview([a])
    await inReview([a])
    const dsReview = await inReview([d])
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [a, b], highRisk: true })
    await approveAs(payload, a, answer.id)
    // B leaves: nobody else has room, so the answer waits with A, who approved.
    expect((await rest.patch(`/users/${b.id}`, { cookie: adminCookie, json: { active: false } })).status).toBe(200)
    expect(await latest(answer.id)).toMatchObject({ workflowStage: 'awaiting_reviewer', assignedReviewers: [a.id] })
    // D finishes their review (room again), and Dr Late gains the specialty: the waiting answer is
    // routed again. A stays (less loaded reviewers would otherwise be picked instead), one is added.
    await approveAs(payload, d, dsReview.id)
    expect((await rest.patch(`/users/${late.id}`, { cookie: adminCookie, json: { specialties: [type.id] } })).status).toBe(200)
    const routed = await latest(answer.id)
    expect(routed.workflowStage).toBe('in_review')
    expect(routed.assignedReviewers).toHaveLength(2)
    expect(routed.assignedReviewers?.map(String)).toContain(String(a.id))
    const added = [d, late].find((reviewer) => routed.assignedReviewers?.map(String).includes(String(reviewer.id)))!
    await approveAs(payload, added, answer.id)
    expect((await live(answer.id))._status).toBe('published')
  })

  it('stop counting when the reviewer is deactivated and replaced', async () => {
    const { type, source, a, b, c } = await threeReviewers()
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [a, b], highRisk: true })
    await approveAs(payload, a, answer.id)
    const admin = await createUser(payload, { roles: ['admin'] })
    const off = await rest.patch(`/users/${a.id}`, { cookie: await rest.login(admin.email, PASSWORD), json: { active: false } })
    expect(off.status, off.text).toBe(200)
    expect((await latest(answer.id)).assignedReviewers?.map(String).sort()).toEqual([b.id, c.id].map(String).sort())
    await approveAs(payload, b, answer.id)
    expect((await live(answer.id))._status).not.toBe('published')
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    await approveAs(payload, c, answer.id)
    const published = await live(answer.id)
    expect(published._status).toBe('published')
    expect(published.reviewCredits?.map((credit) => credit.name).sort()).toEqual(['Dr B', 'Dr C'])
  })
})

describe('the rest of the page has authors too: the question and the cited passages (nineteenth session)', () => {
  async function editorReviewerAndDraft() {
    const w = await world()
    const both = await createUser(payload, { roles: ['editor', 'reviewer'], name: 'Dr Both', specialties: [w.type.id] })
    const other = await createUser(payload, { roles: ['reviewer'], name: 'Dr Other', specialties: [w.type.id] })
    const draft = await createCompleteDraft(
      payload,
      { cancerTypeId: w.type.id, sourceId: w.source.id, editorId: editor.id },
      { provenance: { draftedBy: 'model' } },
    )
    return { ...w, both, other, draft, bothCookie: await rest.login(both.email, PASSWORD) }
  }
  /** Assigns the answer to this reviewer as routing would, whatever the rules say (to try a decision). */
  const forceAssign = (answerId: Id, reviewer: User) =>
    payload.update({
      collection: 'answers',
      id: answerId,
      data: { assignedReviewers: [reviewer.id] },
      draft: true,
      overrideAccess: true,
      context: { routing: true },
    })
  const PAGE_AUTHOR = /wrote or changed the patient question or a guideline passage this answer cites, and nobody reviews their own work/

  it('whoever rewrote the question is not routed its answer, cannot be assigned it, and cannot approve it (403); the list starts again at publication', async () => {
    const { both, other, draft, bothCookie } = await editorReviewerAndDraft()
    const questionPath = `/questions/${relationId(draft.question)}`
    const rewritten = await rest.patch(questionPath, {
      cookie: bothCookie,
      json: { text: 'Should I stop my treatment and try a diet instead?' },
    })
    expect(rewritten.status, rewritten.text).toBe(200)
    const asStaff = await rest.get(`${questionPath}?depth=0`, { cookie: editorCookie })
    expect(asStaff.body.textAuthors).toEqual([both.id])
    // A client cannot write the list.
    const forged = await rest.patch(questionPath, { cookie: editorCookie, json: { priority: 'high', textAuthors: [] } })
    expect(forged.status, forged.text).toBe(200)
    expect((await rest.get(`${questionPath}?depth=0`, { cookie: editorCookie })).body.textAuthors).toEqual([both.id])

    const submitted = await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })
    expect(submitted.status, submitted.text).toBe(200)
    expect((await latest(draft.id)).assignedReviewers).toEqual([other.id])
    const reassigned = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { assignedReviewers: [both.id] } })
    expect(reassigned.status, reassigned.text).toBe(400)
    expect(reassigned.text).toMatch(PAGE_AUTHOR)

    await forceAssign(draft.id, both)
    const refused = await decide(bothCookie, draft.id, await approvalBody(payload, draft.id))
    expect(refused.status, refused.text).toBe(403)
    expect(errorMessage(refused)).toMatch(PAGE_AUTHOR)
    expect(await approvalsOf(draft.id)).toBe(0)
    expect((await live(draft.id))._status).toBe('draft')

    await forceAssign(draft.id, other)
    await approveAs(payload, other, draft.id)
    expect((await live(draft.id))._status).toBe('published')
    const question = await payload.findByID({ collection: 'questions', id: relationId(draft.question)!, depth: 0 })
    expect(question.textAuthors).toEqual([])
  })

  it('whoever wrote a cited passage does not review the answers that cite it; answers citing only other passages they may', async () => {
    const { source, both, other, draft, bothCookie, type } = await editorReviewerAndDraft()
    const current = await payload.findByID({ collection: 'guideline-sources', id: source.id, depth: 0 })
    const edited = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: bothCookie,
      json: {
        passages: current.passages!.map(({ passageId, heading, text }) =>
          passageId === 'p-one' ? { passageId, heading, text: `${text} Checked against the 2026 update.` } : { passageId, heading, text },
        ),
      },
    })
    expect(edited.status, edited.text).toBe(200)
    const passages = (await payload.findByID({ collection: 'guideline-sources', id: source.id, depth: 0 })).passages!
    expect(passages.map(({ passageId, editedBy }) => [passageId, editedBy])).toEqual([
      ['p-one', [both.id]],
      ['p-two', []],
    ])

    // The draft cites p-one: routed to Dr Other, and Dr Both cannot approve it.
    expect((await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    expect((await latest(draft.id)).assignedReviewers).toEqual([other.id])
    await forceAssign(draft.id, both)
    const refused = await decide(bothCookie, draft.id, await approvalBody(payload, draft.id))
    expect(refused.status, refused.text).toBe(403)
    expect(errorMessage(refused)).toMatch(PAGE_AUTHOR)

    // An answer citing only p-two: Dr Both is eligible, and an editor may assign it to them.
    const onlyTwo = await createCompleteDraft(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id },
      {
        provenance: { draftedBy: 'model' },
        body: await markdownToLexical(payload.config, '## Why\n\n- Another reason.'),
        citations: [{ source: source.id, passageId: 'p-two', quote: 'Paraphrased guidance' }],
      },
    )
    const routed = await rest.post(`/answers/${onlyTwo.id}/submit`, { cookie: editorCookie })
    expect(routed.status, routed.text).toBe(200)
    const assigned = await rest.patch(`/answers/${onlyTwo.id}?draft=true`, { cookie: editorCookie, json: { assignedReviewers: [both.id] } })
    expect(assigned.status, assigned.text).toBe(200)
    expect((await latest(onlyTwo.id)).assignedReviewers).toEqual([both.id])
  })
})
