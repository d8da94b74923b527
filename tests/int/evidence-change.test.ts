/**
 * Issue 14, evidence: an approval binds the text and version of every cited passage; a source save
 * that rewrites a cited passage or supersedes the source records an evidence change and queues a
 * job (queue "lifecycle") that flags every answer citing it, runs the live-version policy, proposes
 * re-citations for a superseded source and sends live answers back to review. The clock is
 * controlled and the job is run explicitly.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Answer, Approval, CancerType, EvidenceChange, GuidelineSource, User } from '@/payload-types'
import { markdownWithCitations } from '@/lib/claims/markers'
import { resetClock, setClock } from '@/lib/clock'
import { flagEvidenceChange } from '@/lib/evidence/flagEvidenceChange'
import { currentContentHash, passageTextHash } from '@/lib/workflow/contentHash'
import { loadReview } from '@/lib/review/loadReview'
import { relationId, type Id } from '@/lib/relationId'
import {
  PASSWORD,
  approveAs,
  createAnswerInReview,
  createCancerType,
  createCompleteDraft,
  createSource,
  createUser,
} from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

// The two functions evidence calls but other branches implement (LIFECYCLE.md): recorded here so
// the calls, their order and arguments are checked; their own behaviour is tested on their branches.
const calls = vi.hoisted(() => [] as { fn: string; answerId: unknown; args: unknown }[])
vi.mock('@/lib/lifecycle/livePolicy', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/lifecycle/livePolicy')>()),
  applyEvidencePolicy: async (_req: unknown, answerId: unknown, change: unknown) => {
    calls.push({ fn: 'applyEvidencePolicy', answerId, args: change })
    return 'noticed'
  },
}))
vi.mock('@/lib/evidence/proposeReplacements', () => ({
  proposeReplacementCitations: async (_req: unknown, answerId: unknown, sources: unknown) => {
    calls.push({ fn: 'proposeReplacementCitations', answerId, args: sources })
    return { answerId, passages: [], saved: false }
  },
}))

let payload: Payload
let rest: RestClient
let type: CancerType
let editor: User, reviewerA: User, reviewerB: User
let editorCookie: string

const CHANGED_ON = new Date('2026-12-01T09:00:00.000Z')

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  editor = await createUser(payload, { roles: ['editor'], name: 'Sam Editor' })
  reviewerA = await createUser(payload, { roles: ['reviewer'], name: 'Dr A', credentials: 'MD', specialties: [type.id] })
  reviewerB = await createUser(payload, { roles: ['reviewer'], name: 'Dr B', credentials: 'MD', specialties: [type.id] })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))
beforeEach(() => {
  calls.length = 0
  setClock(CHANGED_ON)
})
afterEach(() => resetClock())

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true }) as Promise<Answer>
const live = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: false }) as Promise<Answer>

async function publishedAnswer(source: GuidelineSource, overrides: Partial<Answer> = {}): Promise<Answer> {
  const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewerA] }, overrides)
  await approveAs(payload, reviewerA, answer.id)
  const published = await latest(answer.id)
  expect(published.workflowStage).toBe('published')
  return published
}

/** The editor's save of a source over REST, as the admin form sends it. */
async function editPassage(source: GuidelineSource, passageId: string, text: string, extra: Record<string, unknown> = {}) {
  const current = (await payload.findByID({ collection: 'guideline-sources', id: source.id, depth: 0 })) as GuidelineSource
  const passages = (current.passages ?? []).map((passage) => (passage.passageId === passageId ? { ...passage, text } : passage))
  return rest.patch(`/guideline-sources/${source.id}`, { cookie: editorCookie, json: { passages, ...extra } })
}

const changesOf = async (source: GuidelineSource) =>
  (await payload.find({ collection: 'evidence-changes', where: { source: { equals: source.id } }, sort: '-createdAt', depth: 0 }))
    .docs as EvidenceChange[]

describe('an approval binds the evidence', () => {
  it('records the source, passage, version and text hash of every cited passage', async () => {
    const source = await createSource(payload, type.id)
    const answer = await publishedAnswer(source)
    const { docs } = await payload.find({ collection: 'approvals', where: { answer: { equals: answer.id } }, depth: 0 })
    const approval = docs[0] as Approval
    expect(
      approval.evidence?.map(({ source: s, passageId, version, textHash }) => ({ s: relationId(s), passageId, version, textHash })),
    ).toEqual([
      { s: source.id, passageId: 'p-one', version: 'Version 1.2026', textHash: passageTextHash('Paraphrased guidance for p-one.') },
    ])
  })

  it('a corrected passage voids the earlier approval: the answer goes back to review, and publishes again only on a new approval', async () => {
    const source = await createSource(payload, type.id)
    const answer = await publishedAnswer(source)
    const approvedHash = (await payload.find({ collection: 'approvals', where: { answer: { equals: answer.id } }, depth: 0 })).docs[0]
      .contentHash
    expect((await editPassage(source, 'p-one', 'Corrected guidance for p-one: surgery is rarely offered.')).status).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })

    const reopened = await latest(answer.id)
    expect(reopened.workflowStage).toBe('in_review')
    expect(reopened.contentHash).not.toBe(approvedHash)
    // The live version stays live while the new one is in review.
    expect((await live(answer.id))._status).toBe('published')
    // Approving again (of the same words, now resting on the new text) publishes and clears the flag.
    const second = (await approveAs(payload, reviewerA, answer.id)) as Approval
    expect(second.contentHash).toBe(reopened.contentHash)
    expect(second.evidence?.[0]?.textHash).toBe(passageTextHash('Corrected guidance for p-one: surgery is rarely offered.'))
    const republished = await latest(answer.id)
    expect(republished.workflowStage).toBe('published')
    expect(republished.evidenceChanges).toEqual([])
  })
})

describe('a changed passage flags every answer citing it within one job cycle', () => {
  it('live answers go back to review; drafts are flagged; answers citing other passages are left alone', async () => {
    const source = await createSource(payload, type.id)
    const published = await publishedAnswer(source)
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    const other = await createCompleteDraft(
      payload,
      { cancerTypeId: type.id, sourceId: source.id },
      {
        body: await markdownWithCitations(payload.config, '## Why\n\n- A reason from another passage. [1]', [
          { source: source.id, passageId: 'p-two', quote: 'Paraphrased guidance' },
        ]),
        citations: [{ source: source.id, passageId: 'p-two', quote: 'Paraphrased guidance' }],
      },
    )

    const saved = await editPassage(source, 'p-one', 'Paraphrased guidance for p-one, corrected dose.', {
      safetyCorrection: true,
      changeNote: 'The dose in the previous text was wrong.',
    })
    expect(saved.status).toBe(200)
    // The flag and the note belong to that save, not to the source.
    const stored = (await payload.findByID({ collection: 'guideline-sources', id: source.id, depth: 0 })) as GuidelineSource
    expect(stored.safetyCorrection).toBe(false)
    expect(stored.changeNote ?? null).toBeNull()

    // Recorded and queued with the save; nothing flagged until the job runs.
    const [change] = await changesOf(source)
    expect(change).toMatchObject({
      kind: 'edited',
      status: 'queued',
      safetyCorrection: true,
      note: 'The dose in the previous text was wrong.',
      changedOn: CHANGED_ON.toISOString(),
      changedBy: editor.id,
    })
    expect(change.passages).toEqual([
      expect.objectContaining({
        passageId: 'p-one',
        oldText: 'Paraphrased guidance for p-one.',
        newText: 'Paraphrased guidance for p-one, corrected dose.',
        oldVersion: 'Version 1.2026',
        newVersion: 'Version 1.2026',
      }),
    ])
    expect((await latest(published.id)).workflowStage).toBe('published')

    const run = await payload.jobs.run({ queue: 'lifecycle' })
    expect(run.noJobsRemaining ?? true).toBe(true)

    const reopened = await latest(published.id)
    expect(reopened.workflowStage).toBe('in_review')
    expect(reopened.assignedReviewers?.map(relationId)).toEqual([reviewerA.id])
    expect(reopened.reviewDueAt).toBe('2026-12-08T09:00:00.000Z')
    expect(reopened.evidenceChanges).toEqual([
      expect.objectContaining({
        passageId: 'p-one',
        kind: 'edited',
        oldText: 'Paraphrased guidance for p-one.',
        newText: 'Paraphrased guidance for p-one, corrected dose.',
        changedOn: CHANGED_ON.toISOString(),
        safetyCorrection: true,
        note: 'The dose in the previous text was wrong.',
      }),
    ])
    expect((await live(published.id))._status).toBe('published')
    // The live version's policy ran first, with the change's date and the safety flag.
    expect(calls).toEqual([{ fn: 'applyEvidencePolicy', answerId: published.id, args: { changedOn: CHANGED_ON, safetyCorrection: true } }])
    const { docs: events } = await payload.find({
      collection: 'workflow-events',
      where: { and: [{ answer: { equals: published.id } }, { event: { equals: 'evidence_changed' } }] },
      depth: 0,
    })
    expect(events[0]).toMatchObject({ from: 'published', to: 'in_review', byName: 'the system' })
    const { docs: emails } = await payload.find({
      collection: 'notifications',
      where: { and: [{ to: { equals: reviewerA.email } }, { subject: { contains: published.title } }] },
      sort: '-createdAt',
      depth: 0,
    })
    expect(emails[0]?.text).toMatch(/guideline passage cited by this published answer changed/)

    const flaggedDraft = await latest(draft.id)
    expect(flaggedDraft.workflowStage).toBe('draft')
    expect(flaggedDraft.evidenceChanges?.map((flag) => flag.passageId)).toEqual(['p-one'])
    expect((await latest(other.id)).evidenceChanges ?? []).toEqual([])

    const [done] = await changesOf(source)
    expect(done).toMatchObject({ status: 'flagged', answersFlagged: 2, flaggedAt: CHANGED_ON.toISOString() })
    expect(done.answers?.map(relationId).sort()).toEqual([published.id, draft.id].sort())

    // Running it again changes nothing (a retried job skips what is done).
    expect((await flagEvidenceChange(payload, done.id)).alreadyDone).toBe(true)
    expect((await latest(draft.id)).evidenceChanges).toHaveLength(1)
  })

  it('a superseded source: the policy, then the proposal of re-citations, then review again, with the replacement text as the new text', async () => {
    const source = await createSource(payload, type.id)
    const replacement = await createSource(payload, type.id)
    await payload.update({
      collection: 'guideline-sources',
      id: replacement.id,
      data: { version: 'Version 2.2026', passages: [{ passageId: 'p-one', heading: 'p-one', text: 'The 2026 wording of p-one.' }] },
      depth: 0,
    })
    const published = await publishedAnswer(source)
    const inReview = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewerB] })
    const response = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: replacement.id },
    })
    expect(response.status).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })

    // The answer in review stays with its reviewer, flagged; it has no live version, so no policy or proposal for it.
    const held = await latest(inReview.id)
    expect(held.workflowStage).toBe('in_review')
    expect(held.assignedReviewers?.map(relationId)).toEqual([reviewerB.id])
    expect(held.evidenceChanges?.map((flag) => [flag.passageId, flag.kind])).toEqual([['p-one', 'superseded']])
    expect(calls.every((call) => call.answerId === published.id)).toBe(true)

    expect(calls.map((call) => call.fn)).toEqual(['applyEvidencePolicy', 'proposeReplacementCitations'])
    expect(calls[1]).toEqual({
      fn: 'proposeReplacementCitations',
      answerId: published.id,
      args: { fromSourceId: source.id, toSourceId: replacement.id },
    })
    const reopened = await latest(published.id)
    expect(reopened.workflowStage).toBe('in_review')
    expect(reopened.evidenceChanges).toEqual([
      expect.objectContaining({
        passageId: 'p-one',
        kind: 'superseded',
        oldText: 'Paraphrased guidance for p-one.',
        newText: 'The 2026 wording of p-one.',
        oldVersion: 'Version 1.2026',
        newVersion: 'Version 2.2026',
      }),
    ])
  })

  it('a new version number with no passage text changed voids approvals through the hash but flags nothing', async () => {
    const source = await createSource(payload, type.id)
    const published = await publishedAnswer(source)
    const approved = (await payload.find({ collection: 'approvals', where: { answer: { equals: published.id } }, depth: 0 })).docs[0]
    const response = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { version: 'Version 1.2026 (reissued)' },
    })
    expect(response.status).toBe(200)
    const req = await createLocalReq({}, payload)
    expect(await currentContentHash(req, await latest(published.id))).not.toBe(approved.contentHash)
    expect(await changesOf(source)).toEqual([])
    expect((await latest(published.id)).workflowStage).toBe('published')
  })
})

describe('answers left waiting for a reviewer', () => {
  it('the editors get one email listing them, not one per answer', async () => {
    const lonelyType = await createCancerType(payload)
    const onlyReviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr C', specialties: [lonelyType.id] })
    const source = await createSource(payload, lonelyType.id)
    const titles: string[] = []
    for (let i = 0; i < 2; i++) {
      const answer = await createAnswerInReview(payload, { cancerTypeId: lonelyType.id, sourceId: source.id, reviewers: [onlyReviewer] })
      await approveAs(payload, onlyReviewer, answer.id)
      titles.push(answer.title)
    }
    await payload.update({ collection: 'users', id: onlyReviewer.id, data: { active: false }, overrideAccess: true })
    await editPassage(source, 'p-one', 'Reworded p-one.')
    await payload.jobs.run({ queue: 'lifecycle' })

    const { docs } = await payload.find({ collection: 'answers', where: { cancerType: { equals: lonelyType.id } }, draft: true, depth: 0 })
    expect(docs.map((answer) => answer.workflowStage)).toEqual(['awaiting_reviewer', 'awaiting_reviewer'])
    const { docs: emails } = await payload.find({
      collection: 'notifications',
      where: { subject: { contains: 'No reviewer available' } },
      pagination: false,
      depth: 0,
    })
    const digest = emails.filter((email) => email.subject === 'No reviewer available: 2 answer(s) whose evidence changed')
    const editors = await payload.count({ collection: 'users', where: { roles: { contains: 'editor' } } })
    expect(digest).toHaveLength(editors.totalDocs)
    for (const title of titles) expect(digest[0]!.text).toContain(`- ${title}`)
    expect(emails.filter((email) => titles.some((title) => email.subject.includes(title)))).toEqual([])
  })
})

describe('one transaction with the save', () => {
  it('a refused source save records no evidence change and queues no job', async () => {
    const source = await createSource(payload, type.id)
    await publishedAnswer(source)
    const current = (await payload.findByID({ collection: 'guideline-sources', id: source.id, depth: 0 })) as GuidelineSource
    // p-one is cited: renaming it is refused (409), so the text edit of p-two in the same save is not made either.
    const response = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: {
        passages: [
          { ...current.passages[0], passageId: 'p-renamed' },
          { ...current.passages[1], text: 'New text of p-two.' },
        ],
      },
    })
    expect(response.status).toBe(409)
    expect(await changesOf(source)).toEqual([])
    const { totalDocs } = await payload.count({ collection: 'payload-jobs', where: { queue: { equals: 'lifecycle' } } })
    expect(totalDocs).toBe(0)
  })
})

describe('the review screen', () => {
  it('highlights only the claims citing the changed passage and shows its old and new text', async () => {
    const source = await createSource(payload, type.id)
    const published = await publishedAnswer(source, {
      body: await markdownWithCitations(payload.config, '## Why\n\n- Surgery is rarely offered. [1]\n- Chemotherapy comes first. [2]', [
        { source: source.id, passageId: 'p-one', quote: 'Paraphrased guidance' },
        { source: source.id, passageId: 'p-two', quote: 'Paraphrased guidance' },
      ]),
      citations: [{ source: source.id, passageId: 'p-two', quote: 'Paraphrased guidance' }],
    })
    await editPassage(source, 'p-one', 'New wording of p-one.')
    await payload.jobs.run({ queue: 'lifecycle' })

    const review = await loadReview(
      await createLocalReq({ user: { ...reviewerA, collection: 'users' } as never }, payload),
      String(published.id),
    )
    expect(review!.evidenceChanges).toEqual([
      expect.objectContaining({ passageId: 'p-one', oldText: 'Paraphrased guidance for p-one.', newText: 'New wording of p-one.' }),
    ])
    const affected = review!.claims.filter((claim) => claim.evidenceChanged).map((claim) => claim.text)
    expect(affected).toEqual(['Surgery is rarely offered.'])
    // Affected claims come first.
    expect(review!.claims[0].text).toBe('Surgery is rarely offered.')
    expect(review!.evidenceChanges[0].claimIds).toEqual([review!.claims[0].id])
  })
})

describe('access', () => {
  it('staff read evidence changes; nobody writes them over REST', async () => {
    expect((await rest.get('/evidence-changes', { cookie: editorCookie })).status).toBe(200)
    const source = await createSource(payload, type.id)
    const created = await rest.post('/evidence-changes', {
      cookie: editorCookie,
      json: { source: source.id, kind: 'edited', changedOn: CHANGED_ON.toISOString(), status: 'flagged' },
    })
    expect(created.status).toBe(403)
    expect((await rest.get('/evidence-changes')).status).toBe(403)
    void reviewerB
  })
})
