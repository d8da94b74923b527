/**
 * Submitting for review and routing: who gets an answer, fairness, the high-risk rule, waiting for
 * a reviewer, the outbox entries, and the whole flow from question to published answer.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import {
  PASSWORD,
  createCancerType,
  createCompleteDraft,
  createQuestion,
  createSource,
  createUser,
  unique,
  approvalBody,
} from '../helpers/fixtures'
import { remindOverdueReviews } from '@/lib/workflow/reviewReminders'
import { markdownToLexical } from '@/lib/richText'
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

const draftAnswer = ({ type, source }: { type: CancerType; source: GuidelineSource }, overrides: Partial<Answer> = {}) =>
  createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id }, overrides)

const submit = (answer: Answer, cookie = editorCookie) => rest.post(`/answers/${answer.id}/submit`, { cookie })
const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 })
const outboxFor = async (answerId: Id) =>
  (await payload.find({ collection: 'notifications', where: { 'related.value': { equals: answerId } }, pagination: false, depth: 0 })).docs

describe('submit for review', () => {
  it('refuses incomplete drafts, other stages, unknown ids and non-editors, clearly', async () => {
    const w = await world()
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id] })
    const incomplete = await draftAnswer(w, { summary: '', keyTakeaway: '' })
    const response = await submit(incomplete)
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toBe('The draft is not ready for review. Missing: the short answer (summary), the key takeaway.')
    expect((await latest(incomplete.id)).workflowStage).toBe('draft')
    expect((await submit({ id: 987654 } as Answer)).status).toBe(404)
    const reviewerCookie = await rest.login(reviewer.email, PASSWORD)
    const complete = await draftAnswer(w)
    expect((await submit(complete, reviewerCookie)).status).toBe(403)
    const anonymous = await rest.post(`/answers/${complete.id}/submit`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.errors[0].message).toBe('Sign in as an editor or admin to submit answers for review.')
    expect((await submit(complete)).status).toBe(200)
    const again = await submit(complete)
    expect(again.status).toBe(409)
    expect(errorMessage(again)).toMatch(/it is in review/)
  })

  it('routes to an eligible reviewer: the specialty, active, no conflict, not the author; writes the assignment email', async () => {
    const w = await world()
    const other = await createCancerType(payload)
    await createUser(payload, { roles: ['reviewer'], specialties: [other.id], name: 'Wrong specialty' })
    await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], active: false, name: 'Inactive' })
    await createUser(payload, {
      roles: ['reviewer'],
      specialties: [w.type.id],
      name: 'Conflicted',
      conflictsOfInterest: [{ statement: 'Advisor', cancerTypes: [w.type.id], declaredOn: '2026-01-01' }],
    })
    const right = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Right' })
    const answer = await draftAnswer(w)
    const response = await submit(answer)
    expect(response.status, response.text).toBe(200)
    expect(response.body).toEqual({ stage: 'in_review', reviewers: [{ id: right.id, name: 'Dr Right' }], required: 1, highRisk: false })
    const after = await latest(answer.id)
    expect(after.assignedReviewers).toEqual([right.id])
    expect((await payload.findByID({ collection: 'questions', id: relationId(after.question)! })).status).toBe('in_review')
    const emails = await outboxFor(answer.id)
    expect(emails).toHaveLength(1) // one assignment, one email
    const [email] = emails
    expect(email).toMatchObject({
      to: right.email,
      template: 'review_assigned',
      status: 'queued',
      subject: `Review requested: ${answer.title}`,
    })
    expect(email!.text).toContain(`/admin/collections/answers/${answer.id}`)
    expect(email!.text).toMatch(/Due: \d{4}-\d{2}-\d{2}/)
    // No SMTP configured here: the message stays in the outbox, marked not sent, readable by editors.
    await payload.jobs.run({ queue: 'email' })
    expect((await outboxFor(answer.id))[0]).toMatchObject({ status: 'not_sent', lastError: 'No SMTP server is configured (SMTP_HOST).' })
    const readable = await rest.get(`/notifications/${email!.id}`, { cookie: editorCookie })
    expect(readable.body.text).toContain('Please review')
  })

  it('the author of the content is never routed their own answer', async () => {
    const w = await world()
    const both = await createUser(payload, { roles: ['editor', 'reviewer'], specialties: [w.type.id] })
    const answer = await draftAnswer(w, { lastEditedBy: both.id })
    const response = await submit(answer)
    expect(response.body.stage).toBe('awaiting_reviewer')
  })

  it('high-risk by rule (survival figures, dosing, children) needs two distinct reviewers', async () => {
    const w = await world()
    const [a, b] = [
      await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id] }),
      await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id] }),
    ]
    const answer = await draftAnswer(w, { summary: 'About 3% of people live five years; survival depends on many things.' })
    const response = await submit(answer)
    expect(response.body).toMatchObject({ stage: 'in_review', required: 2, highRisk: true })
    expect(response.body.reviewers.map((r: { id: Id }) => r.id).sort()).toEqual([a.id, b.id].sort())
  })

  it('no eligible reviewer: the answer waits and its editor is told', async () => {
    const w = await world()
    const answer = await draftAnswer(w)
    const response = await submit(answer)
    expect(response.body).toMatchObject({ stage: 'awaiting_reviewer', reviewers: [], required: 1 })
    const [email] = await outboxFor(answer.id)
    expect(email).toMatchObject({ to: editor.email, template: 'awaiting_reviewer' })
    // A reviewer who becomes eligible picks it up at once: no re-submission needed.
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id] })
    expect(await latest(answer.id)).toMatchObject({ workflowStage: 'in_review', assignedReviewers: [reviewer.id] })
    expect((await outboxFor(answer.id)).some((d) => d.to === reviewer.email && d.template === 'review_assigned')).toBe(true)
  })
})

describe('routing answers that wait', () => {
  it('a reviewer gaining the specialty while at capacity: waiting answers stay as they are, no new version, no second email', async () => {
    const w = await world()
    const waiting = [await draftAnswer(w), await draftAnswer(w)]
    for (const answer of waiting) expect((await submit(answer)).body.stage).toBe('awaiting_reviewer')
    const versions = async (id: Id) => (await payload.countVersions({ collection: 'answers', where: { parent: { equals: id } } })).totalDocs
    const before = await Promise.all(
      waiting.map(async (answer) => ({ versions: await versions(answer.id), emails: (await outboxFor(answer.id)).length })),
    )
    const busy = await createUser(payload, { roles: ['reviewer'], specialties: [], maxOpenReviews: 1, name: 'Dr Busy' })
    const elsewhere = await world()
    await payload.update({ collection: 'users', id: busy.id, data: { specialties: [elsewhere.type.id] } })
    expect((await submit(await draftAnswer(elsewhere))).body.reviewers).toEqual([{ id: busy.id, name: 'Dr Busy' }])
    // Now full, Dr Busy gains the waiting answers' cancer type: they are routed again and still find nobody.
    await payload.update({ collection: 'users', id: busy.id, data: { specialties: [elsewhere.type.id, w.type.id] } })
    for (const [i, answer] of waiting.entries()) {
      expect(await latest(answer.id)).toMatchObject({ workflowStage: 'awaiting_reviewer', assignedReviewers: [] })
      expect(await versions(answer.id)).toBe(before[i]!.versions)
      expect((await outboxFor(answer.id)).length).toBe(before[i]!.emails)
    }
  })
})

describe('routing fairness', () => {
  it('over 100 assignments: nobody above capacity, and the spread is within one of even', async () => {
    const w = await world()
    const reviewers = await Promise.all(
      [1, 2, 3].map((n) =>
        createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], maxOpenReviews: 40, name: `Reviewer ${n}` }),
      ),
    )
    const counts = new Map<Id, number>()
    for (let i = 0; i < 100; i++) {
      const answer = await draftAnswer(w)
      const response = await submit(answer)
      expect(response.status).toBe(200)
      for (const r of response.body.reviewers as { id: Id }[]) counts.set(r.id, (counts.get(r.id) ?? 0) + 1)
    }
    const spread = reviewers.map((r) => counts.get(r.id) ?? 0)
    expect(spread.reduce((a, b) => a + b, 0)).toBe(100)
    expect(Math.max(...spread) - Math.min(...spread)).toBeLessThanOrEqual(1)
    expect(Math.max(...spread)).toBeLessThanOrEqual(40)
    // Capacity is respected: 3 x 40 = 120 open reviews at most; the 121st waits.
    for (let i = 0; i < 20; i++) await submit(await draftAnswer(w))
    const overflow = await submit(await draftAnswer(w))
    expect(overflow.body.stage).toBe('awaiting_reviewer')
  }, 120_000)
})

describe('the whole flow', () => {
  it('question -> draft (offline drafter) -> submit -> assignment email -> approve -> published', async () => {
    const w = await world()
    await payload.create({
      collection: 'guideline-sources',
      data: {
        publisher: 'nci-pdq',
        title: unique('Flow guideline'),
        version: '2026',
        publicationDate: '2026-02-01',
        url: 'https://www.cancer.gov/',
        cancerTypes: [w.type.id],
        status: 'current',
        passages: [
          {
            passageId: 'surgery',
            heading: 'Surgery',
            text: 'Surgery is not usually the first treatment once the cancer has spread. It has not been shown to help people live longer.',
          },
          {
            passageId: 'chemo',
            heading: 'Chemotherapy',
            text: 'Chemotherapy is the usual first treatment once the cancer has spread. It works throughout the body.',
          },
          {
            passageId: 'relief',
            heading: 'Relief of symptoms',
            text: 'A stent can relieve a blocked bile duct. Surgery may be used to relieve a blockage.',
          },
        ],
      },
      overrideAccess: true,
    })
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Flow', credentials: 'MD' })
    const question = await createQuestion(payload, w.type.id, { text: 'Is surgery an option once the cancer has spread?' })
    expect((await rest.post(`/questions/${question.id}/draft`, { cookie: editorCookie })).status).toBe(202)
    await payload.jobs.run({ queue: 'drafting' })
    const [answer] = (await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 }))
      .docs
    expect(answer!.provenance?.draftedBy).toBe('extractive')

    const submitted = await submit(answer!)
    expect(submitted.body).toMatchObject({ stage: 'in_review', reviewers: [{ id: reviewer.id }] })
    const [email] = await outboxFor(answer!.id)
    expect(email!.to).toBe(reviewer.email)

    const reviewerCookie = await rest.login(reviewer.email, PASSWORD)
    const approval = await rest.post('/approvals', {
      cookie: reviewerCookie,
      json: { answer: answer!.id, ...(await approvalBody(payload, answer!.id)) },
    })
    expect(approval.status, approval.text).toBe(201)
    const live = await rest.get(`/answers/${answer!.id}`)
    expect(live.status).toBe(200)
    expect(live.body.reviewCredits[0]).toMatchObject({ name: 'Dr Flow', credentials: 'MD' })
    expect((await payload.findByID({ collection: 'questions', id: question.id })).status).toBe('published')
  })
})

describe('decisions reach the editor, and simultaneous approvals publish once', () => {
  it('request changes, reject and publish each write an email for the editor', async () => {
    const w = await world()
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Decides' })
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const answer = await draftAnswer(w)
    await submit(answer)
    const changes = await rest.post('/approvals', {
      cookie,
      json: { answer: answer.id, decision: 'request_changes', comment: 'Please soften the second bullet.' },
    })
    expect(changes.status, changes.text).toBe(201)
    const mails = () => outboxFor(answer.id).then((docs) => docs.filter((d) => d.to === editor.email))
    expect((await mails()).map((m) => m.template)).toEqual(['changes_requested'])
    expect((await mails())[0]!.text).toContain('Please soften the second bullet.')

    // Re-submission goes back to the same reviewer, who approves: the editor hears it is live.
    const again = await submit(answer)
    expect(again.body.reviewers).toEqual([{ id: reviewer.id, name: 'Dr Decides' }])
    expect(
      (await rest.post('/approvals', { cookie, json: { answer: answer.id, ...(await approvalBody(payload, answer.id)) } })).status,
    ).toBe(201)
    expect((await mails()).map((m) => m.template).sort()).toEqual(['answer_published', 'changes_requested'])

    const rejected = await draftAnswer(w)
    await submit(rejected)
    expect(
      (
        await rest.post('/approvals', {
          cookie,
          json: { answer: rejected.id, decision: 'reject', comment: 'Not supported by the sources.' },
        })
      ).status,
    ).toBe(201)
    const rejection = (await outboxFor(rejected.id)).find((d) => d.template === 'answer_rejected')!
    expect(rejection).toMatchObject({ to: editor.email, subject: `Rejected: ${rejected.title}` })
  })

  it('two reviewers approving a high-risk answer at the same moment: both recorded, exactly one publish', async () => {
    const w = await world()
    const [a, b] = [
      await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id] }),
      await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id] }),
    ]
    const answer = await draftAnswer(w, { highRisk: true })
    expect((await submit(answer)).body.required).toBe(2)
    const [cookieA, cookieB] = [await rest.login(a.email, PASSWORD), await rest.login(b.email, PASSWORD)]
    const results = await Promise.all([
      rest.post('/approvals', { cookie: cookieA, json: { answer: answer.id, ...(await approvalBody(payload, answer.id)) } }),
      rest.post('/approvals', { cookie: cookieB, json: { answer: answer.id, ...(await approvalBody(payload, answer.id)) } }),
    ])
    expect(results.map((r) => r.status)).toEqual([201, 201])
    expect((await payload.count({ collection: 'approvals', where: { answer: { equals: answer.id } } })).totalDocs).toBe(2)
    expect((await payload.findByID({ collection: 'answers', id: answer.id, depth: 0, draft: false }))._status).toBe('published')
    const publishedVersions = await payload.countVersions({
      collection: 'answers',
      where: { and: [{ parent: { equals: answer.id } }, { 'version._status': { equals: 'published' } }] },
    })
    expect(publishedVersions.totalDocs).toBe(1)
    expect((await outboxFor(answer.id)).filter((d) => d.template === 'answer_published')).toHaveLength(1)
  })
})

describe('a reviewer deactivated while assigned', () => {
  it('hands the review to another eligible reviewer, who is emailed; with nobody left it waits', async () => {
    const w = await world()
    const admin = await createUser(payload, { roles: ['admin'] })
    const adminCookie = await rest.login(admin.email, PASSWORD)
    const first = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr First' })
    const answer = await draftAnswer(w)
    expect((await submit(answer)).body.reviewers).toEqual([{ id: first.id, name: 'Dr First' }])
    const second = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Second' })

    expect((await rest.patch(`/users/${first.id}`, { cookie: adminCookie, json: { active: false } })).status).toBe(200)
    const after = await latest(answer.id)
    expect(after).toMatchObject({ workflowStage: 'in_review', assignedReviewers: [second.id] })
    expect((await outboxFor(answer.id)).some((d) => d.to === second.email && d.template === 'review_assigned')).toBe(true)

    expect((await rest.patch(`/users/${second.id}`, { cookie: adminCookie, json: { active: false } })).status).toBe(200)
    expect(await latest(answer.id)).toMatchObject({ workflowStage: 'awaiting_reviewer', assignedReviewers: [] })
    expect((await outboxFor(answer.id)).some((d) => d.to === editor.email && d.template === 'awaiting_reviewer')).toBe(true)
  })
})

describe('overdue reviews', () => {
  it('remind the reviewer once when overdue, then escalate to the editor once', async () => {
    const w = await world()
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Late' })
    const answer = await draftAnswer(w)
    await submit(answer)
    const due = new Date((await latest(answer.id)).reviewDueAt!)
    expect(Math.round((due.getTime() - Date.now()) / 86_400_000)).toBe(7)
    const templates = async () => (await outboxFor(answer.id)).map((d) => `${d.template}:${d.to}`).sort()

    await remindOverdueReviews(payload, new Date(due.getTime() - 1000)) // not yet overdue
    expect((await templates()).filter((t) => !t.startsWith('review_assigned'))).toEqual([])
    await remindOverdueReviews(payload, new Date(due.getTime() + 3600_000))
    expect(await templates()).toContain(`review_reminder:${reviewer.email}`)
    await remindOverdueReviews(payload, new Date(due.getTime() + 7200_000)) // again: no second reminder
    expect((await templates()).filter((t) => t.startsWith('review_reminder'))).toHaveLength(1)
    await remindOverdueReviews(payload, new Date(due.getTime() + 4 * 86_400_000))
    await remindOverdueReviews(payload, new Date(due.getTime() + 5 * 86_400_000))
    expect((await templates()).filter((t) => t.startsWith('review_escalation'))).toEqual([`review_escalation:${editor.email}`])
  })
})

describe('decision endpoint and history', () => {
  it('the same decision sent twice makes one record (201, then 200 with the same record)', async () => {
    const w = await world()
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Twice' })
    await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Other' })
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const answer = await draftAnswer(w, { highRisk: true }) // two approvals needed: the first does not publish
    expect((await submit(answer)).body.stage).toBe('in_review')
    const first = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: await approvalBody(payload, answer.id) })
    const second = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: await approvalBody(payload, answer.id) })
    expect([first.status, second.status]).toEqual([201, 200])
    expect(second.body).toMatchObject({ alreadyRecorded: true, doc: { id: first.body.doc.id } })
    expect((await payload.count({ collection: 'approvals', where: { answer: { equals: answer.id } } })).totalDocs).toBe(1)
    // A repeat meets the rules of a first decision: no hash, no attestation, a hash of other content.
    const { contentHash } = await approvalBody(payload, answer.id)
    for (const [json, status, message] of [
      [{ decision: 'approve', attestation: true }, 400, /^To approve, send the contentHash of the content you reviewed/],
      [{ decision: 'approve', contentHash }, 400, /^To approve, confirm the attestation/],
      [{ decision: 'approve', attestation: true, contentHash: 'f'.repeat(64) }, 409, /^The answer changed after you opened it/],
    ] as const) {
      const repeat = await rest.post(`/answers/${answer.id}/decision`, { cookie, json })
      expect(repeat.status, repeat.text).toBe(status)
      expect(errorMessage(repeat)).toMatch(message)
    }
    expect((await payload.count({ collection: 'approvals', where: { answer: { equals: answer.id } } })).totalDocs).toBe(1)
    // The rules of the approvals collection still apply behind it.
    const bad = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: { decision: 'reject' } })
    expect(bad.status).toBe(400)
    expect(errorMessage(bad)).toMatch(/needs a comment/)
    expect((await rest.post(`/answers/${answer.id}/decision`, { cookie, json: { decision: 'maybe' } })).status).toBe(400)
    expect(
      (await rest.post(`/answers/${answer.id}/decision`, { cookie: editorCookie, json: await approvalBody(payload, answer.id) })).status,
    ).toBe(403)
  })

  it('history lists versions, decisions and emails, newest first, for editors only', async () => {
    const w = await world()
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr History' })
    const answer = await draftAnswer(w)
    await submit(answer)
    await rest.post(`/answers/${answer.id}/decision`, {
      cookie: await rest.login(reviewer.email, PASSWORD),
      json: { decision: 'request_changes', comment: 'Add the source version.' },
    })
    const response = await rest.get(`/answers/${answer.id}/history`, { cookie: editorCookie })
    expect(response.status).toBe(200)
    const kinds = response.body.events.map((e: { kind: string }) => e.kind)
    expect(kinds).toEqual(expect.arrayContaining(['version', 'decision', 'email']))
    const texts = response.body.events.map((e: { summary: string }) => e.summary).join('\n')
    expect(texts).toMatch(/Dr History: request changes: "Add the source version."/)
    expect(texts).toMatch(/reviewers: Dr History/)
    expect(texts).toMatch(/Email to .*Review requested/)
    const times = response.body.events.map((e: { at: string }) => e.at)
    expect([...times].sort().reverse()).toEqual(times)
    expect((await rest.get(`/answers/${answer.id}/history`, { cookie: await rest.login(reviewer.email, PASSWORD) })).status).toBe(403)
    expect((await rest.get(`/answers/${answer.id}/history`)).status).toBe(401)
  })
})

describe('reassignment by an editor', () => {
  it('only to an eligible reviewer, who is emailed; the change is in the history', async () => {
    const w = await world()
    const first = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr First Pick' })
    const answer = await draftAnswer(w)
    expect((await submit(answer)).body.reviewers).toEqual([{ id: first.id, name: 'Dr First Pick' }])
    const elsewhere = await createUser(payload, {
      roles: ['reviewer'],
      specialties: [(await createCancerType(payload)).id],
      name: 'Dr Elsewhere',
    })
    const refused = await rest.patch(`/answers/${answer.id}?draft=true`, {
      cookie: editorCookie,
      json: { assignedReviewers: [elsewhere.id] },
    })
    expect(refused.status).toBe(400)
    expect(errorMessage(refused)).toMatch(
      /Dr Elsewhere cannot review this answer: they do not have this answer's cancer type among their specialties/,
    )
    expect((await latest(answer.id)).assignedReviewers).toEqual([first.id])

    const second = await createUser(payload, { roles: ['reviewer'], specialties: [w.type.id], name: 'Dr Second Pick' })
    const moved = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: editorCookie, json: { assignedReviewers: [second.id] } })
    expect(moved.status, moved.text).toBe(200)
    expect((await outboxFor(answer.id)).some((d) => d.to === second.email && d.text.includes('Eddie Editor assigned you'))).toBe(true)
    // Routing's round robin counts a manual assignment like a routed one.
    expect((await payload.findByID({ collection: 'users', id: second.id, depth: 0 })).lastAssignedAt).toBeTruthy()
    const history = await rest.get(`/answers/${answer.id}/history`, { cookie: editorCookie })
    const versions = history.body.events.filter((e: { kind: string }) => e.kind === 'version')
    expect(versions[0].summary).toMatch(/reviewers: Dr Second Pick\) by Eddie Editor/)
  })
})

describe('admin override', () => {
  it('publishes without the approval rule only for an admin with a reason, and says so on the public record', async () => {
    const w = await world()
    const admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
    const adminCookie = await rest.login(admin.email, PASSWORD)
    const answer = await draftAnswer(w)
    const reason = 'Urgent safety correction approved by the clinical lead by phone.'
    expect((await rest.post(`/answers/${answer.id}/override-publish`, { cookie: editorCookie, json: { reason } })).status).toBe(403)
    const short = await rest.post(`/answers/${answer.id}/override-publish`, { cookie: adminCookie, json: { reason: 'because' } })
    expect(short.status).toBe(400)
    expect(errorMessage(short)).toMatch(/at least 20 characters/)
    expect((await rest.get(`/answers/${answer.id}`)).status).toBe(404)
    // No citation anywhere: none listed, and a body whose claims cite nothing.
    const uncitedBody = await markdownToLexical(payload.config, '## Why\n\n- A reason from the guideline.')
    const incomplete = await draftAnswer(w, { summary: '', citations: [], body: uncitedBody })
    const refused = await rest.post(`/answers/${incomplete.id}/override-publish`, { cookie: adminCookie, json: { reason } })
    expect(refused.status).toBe(400)
    expect(errorMessage(refused)).toBe(
      'This draft cannot be published: it is missing the short answer (summary), citations to guideline passages.',
    )
    expect((await rest.get(`/answers/${incomplete.id}`)).status).toBe(404)

    const done = await rest.post(`/answers/${answer.id}/override-publish`, { cookie: adminCookie, json: { reason } })
    expect(done.status, done.text).toBe(200)
    const live = await rest.get(`/answers/${answer.id}`)
    expect(live.status).toBe(200)
    expect(live.body.publishOverride).toMatchObject({ byName: 'Ada Admin', reason })
    expect(live.body.publishOverride).not.toHaveProperty('by')
    expect(live.body.reviewCredits).toEqual([])
    expect((await outboxFor(answer.id)).some((d) => d.subject.startsWith('Published by admin override'))).toBe(true)

    // Sent again (a retried request, or a second admin at the same moment): nothing new to publish.
    const events = async () => (await payload.count({ collection: 'workflow-events', where: { answer: { equals: answer.id } } })).totalDocs
    const eventsBefore = await events()
    const again = await Promise.all(
      [1, 2].map(() => rest.post(`/answers/${answer.id}/override-publish`, { cookie: adminCookie, json: { reason } })),
    )
    expect(again.map((reply) => reply.status)).toEqual([409, 409])
    expect(errorMessage(again[0]!)).toBe(
      'This answer is already live as it stands: there is nothing new to publish. Edit it first, or withdraw it.',
    )
    expect(await events()).toBe(eventsBefore)
    expect((await outboxFor(answer.id)).filter((d) => d.subject.startsWith('Published by admin override'))).toHaveLength(1)
    expect((await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 })).reviewCycle).toBe(1)

    // Two first overrides of one draft at once (two admins): one publishes, the other is refused.
    const other = await draftAnswer(w)
    const both = await Promise.all(
      [1, 2].map(() => rest.post(`/answers/${other.id}/override-publish`, { cookie: adminCookie, json: { reason } })),
    )
    expect(both.map((reply) => reply.status).sort()).toEqual([200, 409])
    expect((await outboxFor(other.id)).filter((d) => d.subject.startsWith('Published by admin override'))).toHaveLength(1)
    expect((await payload.findByID({ collection: 'answers', id: other.id, depth: 0 })).reviewCycle).toBe(1)
  })
})
