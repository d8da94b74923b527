/**
 * Superseding a source (issue 14): the replacement must be current and not the source itself; for
 * an answer citing the old source, each cited passage is re-cited to the replacement's passage with
 * the same id, else the most similar text, quotes kept only while they still occur, in a new draft
 * version (the live version untouched); an answer in review is not rewritten and is reported.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { citationNodes } from '@/lib/claims/answerClaims'
import { markdownWithCitations } from '@/lib/claims/markers'
import { proposeReplacementCitations } from '@/lib/evidence/proposeReplacements'
import { relationId, type Id } from '@/lib/relationId'
import { inNewTransaction } from '@/lib/transaction'
import { PASSWORD, approveAs, createAnswerInReview, createCancerType, createCompleteDraft, createUser, unique } from '../helpers/fixtures'
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

const OLD = {
  'met-surgery': 'Surgery to remove the pancreas tumour is not usually offered once the cancer has spread to the liver or other organs.',
  'chemo-first': 'Chemotherapy is the main treatment for pancreatic cancer that has spread, and it can help people live longer.',
  stent: 'A stent can relieve a blocked bile duct and ease jaundice and itching.',
  trials: 'Clinical trials of new medicines are open to some people.',
}
const NEW = {
  'met-surgery': `${OLD['met-surgery']} Rarely, a specialist team may consider it after a good response to chemotherapy.`,
  'chemo-first':
    'Combination chemotherapy is the standard first treatment when pancreatic cancer has spread; it may extend life and ease symptoms.',
  'biliary-stent': 'A stent placed in a blocked bile duct can relieve jaundice and the itching it causes.',
  nutrition: 'Enzyme capsules taken with meals help digestion when the pancreas makes too few enzymes.',
}

const source = (type: CancerType, version: string, passages: Record<string, string>, status: 'current' | 'superseded' = 'current') =>
  payload.create({
    collection: 'guideline-sources',
    data: {
      publisher: 'nccn',
      title: unique('Pancreatic guideline'),
      version,
      publicationDate: '2026-01-15',
      url: 'https://www.nccn.org/guidelines',
      cancerTypes: [type.id],
      status,
      passages: Object.entries(passages).map(([passageId, text]) => ({ passageId, heading: passageId, text })),
    },
    overrideAccess: true,
  }) as Promise<GuidelineSource>

async function world() {
  const type = await createCancerType(payload)
  const old = await source(type, 'Version 1.2026', OLD)
  const next = await source(type, 'Version 2.2026', NEW)
  const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: unique('Dr Review') })
  return { type, old, next, reviewer }
}

/** Content citing four passages of the old source: two by id, one renamed in the new version, one gone. */
async function content(old: GuidelineSource): Promise<Partial<Answer>> {
  return {
    summary: 'Surgery is rarely offered once it has spread.',
    body: await markdownWithCitations(
      payload.config,
      '## Why\n\n- Surgery is not usually offered once it has spread. [1]\n- Chemotherapy is the main treatment. [2]\n- A stent can ease jaundice. [3]\n- Some people join trials. [4]',
      [
        { source: old.id, passageId: 'met-surgery', quote: 'not usually offered once the cancer has spread' },
        { source: old.id, passageId: 'chemo-first', quote: 'the main treatment for pancreatic cancer that has spread' },
        { source: old.id, passageId: 'stent', quote: 'relieve a blocked bile duct' },
        { source: old.id, passageId: 'trials' },
      ],
    ),
    citations: [{ source: old.id, passageId: 'met-surgery', quote: 'is not usually offered' }],
  }
}

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 }) as Promise<Answer>
const live = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0 }) as Promise<Answer>
const cites = (answer: Answer) =>
  citationNodes(answer.body).map((cite) => ({ source: String(cite.source), passageId: cite.passageId, quote: cite.quote ?? null }))
const propose = (answerId: Id, fromSourceId: Id, toSourceId: Id) =>
  inNewTransaction(payload, (req) => proposeReplacementCitations(req, answerId, { fromSourceId, toSourceId }))

describe('superseding a source', () => {
  it('refuses a replacement that is the source itself or not current (400 naming the field), and accepts the current version', async () => {
    const { type, old, next } = await world()
    const older = await source(type, 'Version 0.2025', OLD, 'current')
    const itself = await rest.patch(`/guideline-sources/${old.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: old.id },
    })
    expect(itself.status).toBe(400)
    expect(errorMessage(itself)).toBe('A source cannot supersede itself.')

    // `older` is superseded by `old`; `old` cannot then name `older`, which is itself superseded.
    expect(
      (await rest.patch(`/guideline-sources/${older.id}`, { cookie: editorCookie, json: { status: 'superseded', supersededBy: old.id } }))
        .status,
    ).toBe(200)
    const outdated = await rest.patch(`/guideline-sources/${next.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: older.id },
    })
    expect(outdated.status).toBe(400)
    expect(errorMessage(outdated)).toBe(
      `"${older.title}" (Version 0.2025) is itself superseded: name the current version as the replacement.`,
    )
    expect((await payload.findByID({ collection: 'guideline-sources', id: next.id })).status).toBe('current')

    const done = await rest.patch(`/guideline-sources/${old.id}`, {
      cookie: editorCookie,
      json: { status: 'superseded', supersededBy: next.id },
    })
    expect(done.status, done.text).toBe(200)
    await expect(propose(1, old.id, old.id)).rejects.toThrow('A source cannot be replaced by itself: name its newer version.')
    await expect(propose(1, next.id, older.id)).rejects.toThrow(`"${older.title}" (Version 0.2025) is itself superseded`)
  })

  it('proposes same id, else the most similar passage, keeping only quotes that still occur, in a new draft; the live version stays', async () => {
    const { type, old, next, reviewer } = await world()
    const inReview = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: old.id, reviewers: [reviewer] },
      await content(old),
    )
    await approveAs(payload, reviewer, inReview.id)
    const before = await live(inReview.id)
    expect(before._status).toBe('published')
    await payload.update({
      collection: 'guideline-sources',
      id: old.id,
      data: { status: 'superseded', supersededBy: next.id },
      overrideAccess: true,
    })

    const proposal = await propose(before.id, old.id, next.id)
    expect(proposal).toMatchObject({ answerId: before.id, saved: true })
    expect(proposal.skipped).toBeUndefined()
    const rows = Object.fromEntries(proposal.passages.map((row) => [row.from, row]))
    expect(rows['met-surgery']).toMatchObject({ to: 'met-surgery', how: 'same id' })
    expect(rows['chemo-first']).toMatchObject({ to: 'chemo-first', how: 'same id' })
    expect(rows.stent).toMatchObject({ to: 'biliary-stent', how: 'similar text' })
    expect(rows.stent!.similarity).toBeGreaterThan(0.5)
    expect(rows.trials).toMatchObject({ to: null, how: 'none' })

    const draft = await latest(before.id)
    const [o, n] = [String(old.id), String(next.id)]
    expect(cites(draft)).toEqual([
      { source: n, passageId: 'met-surgery', quote: 'not usually offered once the cancer has spread' },
      { source: n, passageId: 'chemo-first', quote: null },
      { source: n, passageId: 'biliary-stent', quote: null },
      { source: o, passageId: 'trials', quote: null },
    ])
    const direct = (draft.citations ?? []).filter((row) => !row.claimCitation)
    expect(direct.map((row) => [String(relationId(row.source)), row.passageId, row.quote])).toEqual([
      [n, 'met-surgery', 'is not usually offered'],
    ])
    expect(draft.workflowStage).toBe('draft')
    expect(draft._status).toBe('draft')

    // The live version is the approved one, unchanged (what patients read, and its public record).
    const after = await live(before.id)
    expect(cites(after)).toEqual(cites(before))
    expect(after.publicJson).toEqual(before.publicJson)
    expect(after.contentHash).toBe(before.contentHash)
  })

  it('does not rewrite an answer in review: it is reported with the proposal, and the REST request is refused (409)', async () => {
    const { type, old, next, reviewer } = await world()
    await payload.update({
      collection: 'guideline-sources',
      id: old.id,
      data: { status: 'superseded', supersededBy: next.id },
      overrideAccess: true,
    })
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: old.id, reviewers: [reviewer] },
      await content(old),
    )
    const proposal = await propose(answer.id, old.id, next.id)
    expect(proposal).toMatchObject({ saved: false, skipped: 'in review' })
    expect(proposal.passages.map((row) => row.to)).toEqual(['met-surgery', 'chemo-first', 'biliary-stent', null])
    expect(cites(await latest(answer.id))).toEqual(cites(answer))

    const refused = await rest.post(`/answers/${answer.id}/propose-replacements`, { cookie: editorCookie })
    expect(refused.status).toBe(409)
    expect(errorMessage(refused)).toMatch(/is in review, so its citations are not changed under its reviewer/)
  })

  it('POST /api/answers/:id/propose-replacements: editors re-cite a draft from every superseded source it cites; others are refused', async () => {
    const { type, old, next, reviewer } = await world()
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: old.id, editorId: editor.id }, await content(old))
    await payload.update({
      collection: 'guideline-sources',
      id: old.id,
      data: { status: 'superseded', supersededBy: next.id },
      overrideAccess: true,
    })

    const reviewerCookie = await rest.login(reviewer.email, PASSWORD)
    expect((await rest.post(`/answers/${draft.id}/propose-replacements`, { cookie: reviewerCookie })).status).toBe(403)
    expect((await rest.post(`/answers/${draft.id}/propose-replacements`)).status).toBe(401)
    expect((await rest.post('/answers/987654/propose-replacements', { cookie: editorCookie })).status).toBe(404)

    const done = await rest.post(`/answers/${draft.id}/propose-replacements`, { cookie: editorCookie })
    expect(done.status, done.text).toBe(200)
    expect(done.body).toMatchObject({ proposals: [{ saved: true }] })
    expect(cites(await latest(draft.id)).map((cite) => cite.passageId)).toEqual(['met-surgery', 'chemo-first', 'biliary-stent', 'trials'])

    // Only "trials" still cites the old source (nothing matches it); a second request proposes nothing new.
    const again = await rest.post(`/answers/${draft.id}/propose-replacements`, { cookie: editorCookie })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ proposals: [{ saved: false, skipped: 'no match', passages: [{ from: 'trials', to: null }] }] })

    const plain = await createCompleteDraft(
      payload,
      { cancerTypeId: type.id, sourceId: next.id, editorId: editor.id },
      { citations: [{ source: next.id, passageId: 'nutrition' }], body: null },
    )
    const nothing = await rest.post(`/answers/${plain.id}/propose-replacements`, { cookie: editorCookie })
    expect(nothing.status).toBe(409)
    expect(errorMessage(nothing)).toMatch(/cites no superseded source: there is nothing to replace\.$/)
  })
})
