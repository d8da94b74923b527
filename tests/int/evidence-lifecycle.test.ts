/**
 * Issue 14 end to end, with every part real (no mocks): an editor's source save over REST records an
 * evidence change; the lifecycle job flags the citing answers, applies the cancer type's live policy
 * (dated public notice, or withdrawal for a safety correction), proposes re-citations for a
 * superseded source and routes the answer for re-review; the reviewer's approval puts the new version
 * live and clears the notice; the sweep withdraws an answer whose notice ran out. The clock is set
 * and the job and sweep are run explicitly.
 */
import { addDays } from 'date-fns'
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { resetClock, setClock } from '@/lib/clock'
import { answerReferences } from '@/lib/claims/references'
import { flagEvidenceChange } from '@/lib/evidence/flagEvidenceChange'
import { runLifecycle } from '@/lib/lifecycle/runLifecycle'
import { findPublicAnswer } from '@/lib/public/queries'
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
import { RestClient } from '../helpers/rest'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
const { startPayload, stopPayload } = await import('../helpers/payload')
const { publicApi } = await import('../helpers/publicApi')

let payload: Payload
let rest: RestClient
let editor: User
let editorCookie: string

const PUBLISHED_ON = new Date('2027-02-01T09:00:00.000Z')
const CHANGED_ON = new Date('2027-03-04T10:00:00.000Z')

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  editor = await createUser(payload, { roles: ['editor'], name: 'Ed Itor' })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))
afterEach(() => resetClock())

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true }) as Promise<Answer>

/** A cancer type with its policy, a source, a reviewer, and an answer citing p-one approved and live. */
async function liveAnswer(policy: Partial<CancerType>) {
  setClock(PUBLISHED_ON)
  const created = await createCancerType(payload)
  const type = (await payload.update({ collection: 'cancer-types', id: created.id, data: policy, overrideAccess: true })) as CancerType
  const source = await createSource(payload, type.id)
  const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Rivera', credentials: 'MD' })
  const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
  await approveAs(payload, reviewer, answer.id)
  const published = await latest(answer.id)
  expect(published.workflowStage).toBe('published')
  return { type, source, reviewer, answer: published }
}

/** The editor's save of a source over REST, as the admin form sends it, then one run of the lifecycle queue. */
async function saveSourceAndRunJob(source: GuidelineSource, data: Record<string, unknown>) {
  setClock(CHANGED_ON)
  const saved = await rest.patch(`/guideline-sources/${source.id}`, { cookie: editorCookie, json: data })
  expect(saved.status, saved.text).toBe(200)
  await payload.jobs.run({ queue: 'lifecycle' })
}

const correctedPassages = (source: GuidelineSource, text: string) =>
  (source.passages ?? []).map((passage) => (passage.passageId === 'p-one' ? { ...passage, text } : passage))

describe('a corrected passage under a live answer', () => {
  it('keeps the answer live with a dated notice, sends it to its reviewer, and withdraws it when the notice runs out', async () => {
    const { source, reviewer, answer } = await liveAnswer({ evidenceNoticeDays: 10 })
    await saveSourceAndRunJob(source, { passages: correctedPassages(source, 'Paraphrased guidance for p-one, with a corrected figure.') })

    const reopened = await latest(answer.id)
    expect(reopened.workflowStage).toBe('in_review')
    expect(reopened.assignedReviewers?.map(relationId)).toEqual([reviewer.id])
    expect(reopened.evidenceChanges?.map((change) => change.passageId)).toEqual(['p-one'])
    const notice = {
      kind: 'evidence_changed',
      since: CHANGED_ON.toISOString(),
      message: 'Sources updated on 4 Mar 2027; under clinical review.',
    }
    expect((await findPublicAnswer(payload, answer.slug!))?.notice).toEqual(notice)
    const overHttp = await publicApi(`/answers/${answer.slug}`)
    expect(overHttp.status).toBe(200)
    expect(overHttp.body).toMatchObject({ notice, lastReviewedAt: PUBLISHED_ON.toISOString() })

    // Nobody re-approves within the cancer type's 10 days: the sweep takes the live version down.
    setClock(addDays(CHANGED_ON, 9))
    await runLifecycle(payload)
    expect((await publicApi(`/answers/${answer.slug}`)).status).toBe(200)
    setClock(addDays(CHANGED_ON, 10))
    await runLifecycle(payload)
    expect((await publicApi(`/answers/${answer.slug}`)).status).toBe(404)
    // The review goes on; the reviewer's approval puts the new version live, without a notice.
    await approveAs(payload, reviewer, answer.id)
    const back = await publicApi(`/answers/${answer.slug}`)
    expect(back.status).toBe(200)
    expect(back.body.notice).toBeNull()
    expect(back.body.lastReviewedAt).toBe(addDays(CHANGED_ON, 10).toISOString())
  })

  it('a safety correction takes the live version down at once; re-approval brings the corrected version back', async () => {
    const { source, reviewer, answer } = await liveAnswer({ evidenceNoticeDays: 30 })
    await saveSourceAndRunJob(source, {
      passages: correctedPassages(source, 'Paraphrased guidance for p-one; the earlier dose was wrong.'),
      safetyCorrection: true,
      changeNote: 'Dose corrected.',
    })
    expect((await publicApi(`/answers/${answer.slug}`)).status).toBe(404)
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    const withdrawn = await payload.find({
      collection: 'workflow-events',
      where: { and: [{ answer: { equals: answer.id } }, { event: { equals: 'withdraw_live' } }] },
      depth: 0,
    })
    expect(withdrawn.docs[0]?.why).toMatch(/corrected for safety on 4 Mar 2027/)

    await approveAs(payload, reviewer, answer.id)
    const back = await publicApi(`/answers/${answer.slug}`)
    expect(back.status).toBe(200)
    expect(back.body.notice).toBeNull()
  })
})

describe('the editors hear of one change once', () => {
  it('one email lists every live answer the change put a notice on, not one email per answer', async () => {
    const { type, source, reviewer, answer } = await liveAnswer({ evidenceNoticeDays: 10 })
    const second = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    await approveAs(payload, reviewer, second.id)
    await saveSourceAndRunJob(source, { passages: correctedPassages(source, 'Paraphrased guidance for p-one, restated.') })

    const { docs: emails } = await payload.find({
      collection: 'notifications',
      where: { and: [{ to: { equals: editor.email } }, { template: { equals: 'live_notice' } }, { text: { contains: answer.title } }] },
      pagination: false,
      depth: 0,
    })
    expect(emails).toHaveLength(1)
    expect(emails[0].text).toContain(second.title)
    expect(emails[0].text).toContain('Sources updated on 4 Mar 2027; under clinical review.')
    expect(emails[0].subject).toBe('Sources updated: 0 answer(s) withdrawn, 2 with a notice')
  })
})

describe('the editors hear of one change once, whatever happens to the job', () => {
  /** Two live answers citing p-one under a type whose policy withdraws on a safety correction. */
  async function twoLiveAnswers() {
    const { type, source, reviewer, answer } = await liveAnswer({ evidenceNoticeDays: 10 })
    const second = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    await approveAs(payload, reviewer, second.id)
    setClock(CHANGED_ON)
    const saved = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { passages: correctedPassages(source, 'Paraphrased guidance for p-one; the dose was wrong.'), safetyCorrection: true },
    })
    expect(saved.status, saved.text).toBe(200)
    const { docs } = await payload.find({ collection: 'evidence-changes', where: { source: { equals: source.id } }, depth: 0 })
    return { titles: [answer.title, second.title], changeId: docs[0]!.id }
  }
  const withdrawnEmails = async (title: string) =>
    (
      await payload.find({
        collection: 'notifications',
        where: { and: [{ to: { equals: editor.email } }, { template: { equals: 'answer_withdrawn' } }, { text: { contains: title } }] },
        pagination: false,
        depth: 0,
      })
    ).docs

  it('a job that failed half-way and is retried: one email that lists the answers of both runs', async () => {
    const { titles, changeId } = await twoLiveAnswers()
    // Fault injection: the second answer flagged fails once with a plain error (a fault, not a
    // refusal), after the first was flagged and withdrawn in its own transaction: the job fails.
    const hooks = payload.collections.answers.config.hooks.beforeChange
    const flagged = new Set<string>()
    let failed = false
    const failSecond: (typeof hooks)[number] = ({ data, originalDoc }) => {
      if (!data.evidenceChanges?.length || !originalDoc) return data
      flagged.add(String(originalDoc.id))
      if (flagged.size === 2 && !failed) {
        failed = true
        throw new Error('injected fault flagging the second answer')
      }
      return data
    }
    hooks.push(failSecond)
    try {
      await expect(flagEvidenceChange(payload, changeId)).rejects.toThrow('injected fault')
    } finally {
      hooks.splice(hooks.indexOf(failSecond), 1)
    }
    expect(failed).toBe(true)
    expect(await withdrawnEmails(titles[0]!)).toEqual([])

    await flagEvidenceChange(payload, changeId)
    const emails = await withdrawnEmails(titles[0]!)
    expect(emails).toHaveLength(1)
    expect(emails[0]!.subject).toBe('Sources updated: 2 answer(s) withdrawn, 0 with a notice')
    for (const title of titles) expect(emails[0]!.text).toContain(`- ${title}`)
  })

  it('a retry after a fault in the last step sends what a clean run sends, and records the same outcome', async () => {
    // A live answer whose only reviewer then leaves; its source is superseded (a re-citation is
    // proposed, and the answer is submitted for review, which tells the editor nobody can take it).
    setClock(PUBLISHED_ON)
    const created = await createCancerType(payload)
    const type = (await payload.update({
      collection: 'cancer-types',
      id: created.id,
      data: { evidenceNoticeDays: 14 },
      overrideAccess: true,
    })) as CancerType
    const source = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Gone', credentials: 'MD' })
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] },
      { lastEditedBy: editor.id },
    )
    await approveAs(payload, reviewer, answer.id)
    await payload.update({ collection: 'users', id: reviewer.id, data: { active: false }, overrideAccess: true })
    const replacement = await payload.create({
      collection: 'guideline-sources',
      data: {
        publisher: 'nccn',
        title: source.title,
        version: 'Version 2.2027',
        publicationDate: '2027-03-01',
        url: 'https://www.nccn.org/guidelines',
        cancerTypes: [type.id],
        status: 'current',
        passages: [{ passageId: 'p-one', heading: 'p-one', text: 'Paraphrased guidance for p-one, as revised in 2027.' }],
      },
      overrideAccess: true,
    })
    setClock(CHANGED_ON)
    const saved = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: replacement.id },
    })
    expect(saved.status, saved.text).toBe(200)
    const { docs } = await payload.find({ collection: 'evidence-changes', where: { source: { equals: source.id } }, depth: 0 })
    const changeId = docs[0]!.id

    // Fault injection: the change's final update fails once, after every answer was flagged.
    const hooks = payload.collections['evidence-changes'].config.hooks.beforeChange
    let failed = false
    const failOnce: (typeof hooks)[number] = ({ data }) => {
      if (data.status === 'flagged' && !failed) {
        failed = true
        throw new Error('injected fault')
      }
      return data
    }
    hooks.push(failOnce)
    try {
      await expect(flagEvidenceChange(payload, changeId)).rejects.toThrow('injected fault')
    } finally {
      hooks.splice(hooks.indexOf(failOnce), 1)
    }
    const retried = await flagEvidenceChange(payload, changeId)
    expect((await latest(answer.id)).workflowStage).toBe('awaiting_reviewer')
    const noReviewer = await payload.find({
      collection: 'notifications',
      where: { and: [{ template: { equals: 'awaiting_reviewer' } }, { text: { contains: answer.title } }] },
      pagination: false,
      depth: 0,
    })
    // The one email a clean run sends (submitForReview's own); no digest of "waiting" answers on top.
    expect(noReviewer.docs.map((mail) => mail.subject)).toEqual([`No reviewer available: ${answer.title}`])
    expect(retried.answers).toEqual([expect.objectContaining({ answerId: String(answer.id), proposalSaved: true, flagged: true })])
    const change = await payload.findByID({ collection: 'evidence-changes', id: changeId, depth: 0 })
    expect(change).toMatchObject({ status: 'flagged', answersFlagged: 1 })
    expect(change.outcomes).toEqual([expect.objectContaining({ answerId: String(answer.id), proposalSaved: true })])
  })

  it('a draft flagged by a failed run and deleted before the retry: the retry finishes, the live answer is reported', async () => {
    const { type, source, answer } = await liveAnswer({ evidenceNoticeDays: 10 })
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    setClock(CHANGED_ON)
    const saved = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { passages: correctedPassages(source, 'Paraphrased guidance for p-one; the dose was wrong.'), safetyCorrection: true },
    })
    expect(saved.status, saved.text).toBe(200)
    const { docs } = await payload.find({ collection: 'evidence-changes', where: { source: { equals: source.id } }, depth: 0 })
    const changeId = docs[0]!.id
    const hooks = payload.collections['evidence-changes'].config.hooks.beforeChange
    const failFinal: (typeof hooks)[number] = ({ data }) => {
      if (data.status === 'flagged') throw new Error('injected fault')
      return data
    }
    hooks.push(failFinal)
    try {
      await expect(flagEvidenceChange(payload, changeId)).rejects.toThrow('injected fault')
    } finally {
      hooks.splice(hooks.indexOf(failFinal), 1)
    }
    await payload.delete({ collection: 'answers', id: draft.id, overrideAccess: true })

    const retried = await flagEvidenceChange(payload, changeId)
    expect(retried.alreadyDone).toBe(false)
    const change = await payload.findByID({ collection: 'evidence-changes', id: changeId, depth: 0 })
    expect(change).toMatchObject({ status: 'flagged', answersFlagged: 1, answers: [answer.id] })
    expect(retried.answers.find((outcome) => outcome.answerId === String(draft.id))).toMatchObject({ flagged: false, stage: 'deleted' })
    const emails = await withdrawnEmails(answer.title)
    expect(emails.map((email) => email.subject)).toEqual(['Sources updated: 1 answer(s) withdrawn, 0 with a notice'])
  })

  it('a live answer withdrawn by a failed run and deleted before the retry: the retry finishes without an email about it', async () => {
    // Published by an admin override (no review decisions, so it may be deleted once it is not live)
    // beside an approved one.
    const { type, source, answer: approved } = await liveAnswer({ evidenceNoticeDays: 10 })
    const admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
    const overridden = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    const published = await rest.post(`/answers/${overridden.id}/override-publish`, {
      cookie: await rest.login(admin.email, PASSWORD),
      json: { reason: 'Urgent correction approved by the clinical lead by phone.' },
    })
    expect(published.status, published.text).toBe(200)
    setClock(CHANGED_ON)
    const saved = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { passages: correctedPassages(source, 'Paraphrased guidance for p-one; the dose was wrong.'), safetyCorrection: true },
    })
    expect(saved.status, saved.text).toBe(200)
    const { docs } = await payload.find({ collection: 'evidence-changes', where: { source: { equals: source.id } }, depth: 0 })
    const changeId = docs[0]!.id
    const hooks = payload.collections['evidence-changes'].config.hooks.beforeChange
    const failFinal: (typeof hooks)[number] = ({ data }) => {
      if (data.status === 'flagged') throw new Error('injected fault')
      return data
    }
    hooks.push(failFinal)
    try {
      await expect(flagEvidenceChange(payload, changeId)).rejects.toThrow('injected fault')
    } finally {
      hooks.splice(hooks.indexOf(failFinal), 1)
    }
    // Withdrawn by the safety correction, so no longer published, and sent back to review: its
    // editor takes it out of review and deletes it.
    expect((await payload.findByID({ collection: 'answers', id: overridden.id, depth: 0 }))._status).toBe('draft')
    const outOfReview = await rest.post(`/answers/${overridden.id}/withdraw-review`, {
      cookie: editorCookie,
      json: { reason: 'This answer is being replaced by a new one.' },
    })
    expect(outOfReview.status, outOfReview.text).toBe(200)
    const deleted = await rest.delete(`/answers/${overridden.id}`, { cookie: editorCookie })
    expect(deleted.status, deleted.text).toBe(200)

    const retried = await flagEvidenceChange(payload, changeId)
    expect(retried.alreadyDone).toBe(false)
    expect(await payload.findByID({ collection: 'evidence-changes', id: changeId, depth: 0 })).toMatchObject({
      status: 'flagged',
      answersFlagged: 1,
      answers: [approved.id],
    })
    const emails = await withdrawnEmails(approved.title)
    expect(emails.map((email) => email.subject)).toEqual(['Sources updated: 1 answer(s) withdrawn, 0 with a notice'])
    expect(emails[0]!.text).not.toContain(overridden.title)
  })

  it('an answer re-approved between a failed run and its retry is not flagged again', async () => {
    const { source, reviewer, answer } = await liveAnswer({ evidenceNoticeDays: 10 })
    setClock(CHANGED_ON)
    const saved = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { passages: correctedPassages(source, 'Paraphrased guidance for p-one, restated once more.') },
    })
    expect(saved.status, saved.text).toBe(200)
    const { docs } = await payload.find({ collection: 'evidence-changes', where: { source: { equals: source.id } }, depth: 0 })
    const changeId = docs[0]!.id
    const hooks = payload.collections['evidence-changes'].config.hooks.beforeChange
    const failFinal: (typeof hooks)[number] = ({ data }) => {
      if (data.status === 'flagged') throw new Error('injected fault')
      return data
    }
    hooks.push(failFinal)
    try {
      await expect(flagEvidenceChange(payload, changeId)).rejects.toThrow('injected fault')
    } finally {
      hooks.splice(hooks.indexOf(failFinal), 1)
    }
    // Its reviewer approves it again before the retry: the publication clears its evidence flag.
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    await approveAs(payload, reviewer, answer.id)
    expect(await latest(answer.id)).toMatchObject({ workflowStage: 'published', evidenceChanges: [] })

    await flagEvidenceChange(payload, changeId)
    expect((await latest(answer.id)).workflowStage).toBe('published')
    const events = await payload.count({
      collection: 'workflow-events',
      where: { and: [{ answer: { equals: answer.id } }, { event: { equals: 'evidence_changed' } }] },
    })
    expect(events.totalDocs).toBe(1)
    expect(await payload.findByID({ collection: 'evidence-changes', id: changeId, depth: 0 })).toMatchObject({
      status: 'flagged',
      answersFlagged: 1,
    })
  })

  it('two runs of the job at once (a job taken twice): one email listing every answer', async () => {
    const { titles, changeId } = await twoLiveAnswers()
    const runs = await Promise.all([flagEvidenceChange(payload, changeId), flagEvidenceChange(payload, changeId)])
    expect(runs.map((run) => run.alreadyDone).sort()).toEqual([false, true])
    const emails = await withdrawnEmails(titles[0]!)
    expect(emails).toHaveLength(1)
    expect(emails[0]!.subject).toBe('Sources updated: 2 answer(s) withdrawn, 0 with a notice')
    for (const title of titles) expect(emails[0]!.text).toContain(`- ${title}`)
  })
})

describe('a superseded source under a live answer', () => {
  it('proposes the new version’s matching passage in a draft for review, and the approval publishes it', async () => {
    const { type, source, reviewer, answer } = await liveAnswer({ evidenceNoticeDays: 14 })
    const replacement = (await payload.create({
      collection: 'guideline-sources',
      data: {
        publisher: 'nccn',
        title: source.title,
        version: 'Version 2.2027',
        publicationDate: '2027-03-01',
        url: 'https://www.nccn.org/guidelines',
        cancerTypes: [type.id],
        status: 'current',
        passages: [
          { passageId: 'p-one', heading: 'p-one', text: 'Paraphrased guidance for p-one, as revised in 2027.' },
          { passageId: 'p-three', heading: 'p-three', text: 'Paraphrased guidance on something else.' },
        ],
      },
      overrideAccess: true,
    })) as GuidelineSource
    await saveSourceAndRunJob(source, { status: 'superseded', supersededBy: replacement.id })

    const proposed = await latest(answer.id)
    expect(proposed.workflowStage).toBe('in_review')
    expect(proposed.assignedReviewers?.map(relationId)).toEqual([reviewer.id])
    // Every reference, the direct answer's and the body's, now cites the new version's p-one.
    const references = answerReferences(proposed).map((reference) => `${reference.source}:${reference.passageId}`)
    expect(references).toEqual([`${replacement.id}:p-one`])
    // The live version still cites the old version, with the notice, until the reviewer approves.
    const before = await publicApi(`/answers/${answer.slug}`)
    expect(before.body.sources.map((s: { version: string }) => s.version)).toEqual(['Version 1.2026'])
    expect(before.body.notice).toMatchObject({ kind: 'evidence_changed' })

    setClock(addDays(CHANGED_ON, 2))
    await approveAs(payload, reviewer, answer.id)
    const after = await publicApi(`/answers/${answer.slug}`)
    expect(after.body.sources.map((s: { version: string }) => s.version)).toEqual(['Version 2.2027'])
    expect(after.body.notice).toBeNull()
  })
})

describe('the record of a source holds', () => {
  /** A current source for `type` holding p-one, to supersede others with. */
  const newVersion = async (type: CancerType, version: string) =>
    (await payload.create({
      collection: 'guideline-sources',
      data: {
        publisher: 'nccn',
        title: `Replacement ${version}`,
        version,
        publicationDate: '2027-03-01',
        url: 'https://www.nccn.org/guidelines',
        cancerTypes: [type.id],
        status: 'current',
        passages: [{ passageId: 'p-one', heading: 'p-one', text: `Paraphrased guidance for p-one, ${version}.` }],
      },
      overrideAccess: true,
    })) as GuidelineSource

  it('a safety correction saved on several sources at once (one bulk PATCH) is one for each: every live answer is withdrawn', async () => {
    const first = await liveAnswer({ evidenceNoticeDays: 30 })
    const second = await liveAnswer({ evidenceNoticeDays: 30 })
    const replacement = await newVersion(first.type, 'Version 3.2027')
    setClock(CHANGED_ON)
    const saved = await rest.patch(`/guideline-sources?where[id][in]=${first.source.id},${second.source.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: replacement.id, safetyCorrection: true, changeNote: 'Dose error in both.' },
    })
    expect(saved.status, saved.text).toBe(200)
    const { docs: changes } = await payload.find({
      collection: 'evidence-changes',
      where: { source: { in: [first.source.id, second.source.id] } },
      depth: 0,
    })
    expect(changes.map((change) => [change.safetyCorrection, change.note])).toEqual([
      [true, 'Dose error in both.'],
      [true, 'Dose error in both.'],
    ])
    await payload.jobs.run({ queue: 'lifecycle' })
    for (const { answer } of [first, second]) expect((await publicApi(`/answers/${answer.slug}`)).status).toBe(404)
  })

  it('a replacement superseded before the job ran: the live answer is still withdrawn and re-reviewed, re-cited to the current version', async () => {
    const { type, source, answer } = await liveAnswer({ evidenceNoticeDays: 30 })
    const [middle, current] = [await newVersion(type, 'Version 4.2027'), await newVersion(type, 'Version 5.2027')]
    setClock(CHANGED_ON)
    const first = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: middle.id, safetyCorrection: true },
    })
    expect(first.status, first.text).toBe(200)
    const second = await rest.patch(`/guideline-sources/${middle.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: current.id },
    })
    expect(second.status, second.text).toBe(200)
    await payload.jobs.run({ queue: 'lifecycle' })
    const { docs } = await payload.find({ collection: 'evidence-changes', where: { source: { equals: source.id } }, depth: 0 })
    expect(docs[0]!.outcomes).toMatchObject([{ answerId: String(answer.id), flagged: true, refused: null, proposalSaved: true }])
    expect((await publicApi(`/answers/${answer.slug}`)).status).toBe(404)
    const proposed = await latest(answer.id)
    expect(proposed.workflowStage).toBe('in_review')
    expect(answerReferences(proposed).map((reference) => `${reference.source}:${reference.passageId}`)).toEqual([`${current.id}:p-one`])
  })

  it('a source named by an earlier version, an approval, an evidence change that flagged answers or a newer source is not deleted (409 naming them); an unused one is', async () => {
    const { type, source, reviewer, answer } = await liveAnswer({ evidenceNoticeDays: 30 })
    const replacement = await newVersion(type, 'Version 6.2027')
    // The answer moves to the new version: its live and latest versions no longer cite the old source.
    await saveSourceAndRunJob(source, { status: 'superseded', supersededBy: replacement.id })
    await approveAs(payload, reviewer, answer.id)
    expect(answerReferences(await latest(answer.id)).map((reference) => String(reference.source))).toEqual([String(replacement.id)])
    const approvalsBefore = await payload.find({
      collection: 'approvals',
      where: { answer: { equals: answer.id } },
      depth: 0,
      sort: 'createdAt',
    })

    const refused = await rest.delete(`/guideline-sources/${source.id}`, { cookie: editorCookie })
    expect(refused.status, refused.text).toBe(409)
    expect(refused.body.errors[0].message).toMatch(
      /^This source is part of the review record: \d+ earlier answer version\(s\) cite it, 1 review decision\(s\) record it as evidence, 1 evidence change\(s\) flagged answers citing it, replaced another source with it, or are not checked yet\. Mark it superseded instead of deleting it\.$/,
    )
    const approvalsAfter = await payload.find({
      collection: 'approvals',
      where: { answer: { equals: answer.id } },
      depth: 0,
      sort: 'createdAt',
    })
    expect(approvalsAfter.docs.map((approval) => approval.evidence)).toEqual(approvalsBefore.docs.map((approval) => approval.evidence))
    // A typo fixed in a passage nobody cites: held (no 500) only until its job finds no answer to
    // flag; then the source goes, and the change that concerned nobody with it.
    const typo = await createSource(payload, type.id)
    const fixed = await rest.patch(`/guideline-sources/${typo.id}`, {
      cookie: editorCookie,
      json: { passages: typo.passages!.map((passage) => (passage.passageId === 'p-two' ? { ...passage, text: 'Typo fixed.' } : passage)) },
    })
    expect(fixed.status, fixed.text).toBe(200)
    const held = await rest.delete(`/guideline-sources/${typo.id}`, { cookie: editorCookie })
    expect(held.status, held.text).toBe(409)
    expect(held.body.errors[0].message).toContain(
      '1 evidence change(s) flagged answers citing it, replaced another source with it, or are not checked yet',
    )
    await payload.jobs.run({ queue: 'lifecycle' })
    const typoChanges = { collection: 'evidence-changes', where: { source: { equals: typo.id } } } as const
    expect((await payload.find({ ...typoChanges, depth: 0 })).docs.map((change) => [change.status, change.answersFlagged])).toEqual([
      ['flagged', 0],
    ])
    const gone = await rest.delete(`/guideline-sources/${typo.id}`, { cookie: editorCookie })
    expect(gone.status, gone.text).toBe(200)
    expect((await payload.count(typoChanges)).totalDocs).toBe(0)
    const unused = await createSource(payload, type.id)
    expect((await rest.delete(`/guideline-sources/${unused.id}`, { cookie: editorCookie })).status).toBe(200)
  })

  it('a source body of the wrong JSON types is a 400 naming the field, nothing saved', async () => {
    const { type } = await liveAnswer({ evidenceNoticeDays: 30 })
    const source = await createSource(payload, type.id)
    for (const [json, message] of [
      [{ passages: 'x' }, 'passages must be a list of rows (objects), not text.'],
      [{ passages: { a: 1 } }, 'passages must be a list of rows (objects), not an object.'],
      [{ changeNote: 5 }, 'changeNote must be text, not a number.'],
    ] as const) {
      const refused = await rest.patch(`/guideline-sources/${source.id}`, { cookie: editorCookie, json })
      expect(refused.status, refused.text).toBe(400)
      expect(JSON.stringify(refused.body)).toContain(message)
    }
    expect(await payload.findByID({ collection: 'guideline-sources', id: source.id, depth: 0 })).toMatchObject({
      passages: source.passages,
    })
  })
})
