/**
 * Issue 13, "checks on every save, whoever wrote the text": the answer's safetyWarnings are the
 * checks of the answer as saved (drafter, editor over REST, Local API), most severe first on the
 * review screen, and the dashboard counts answers in review with high-severity flags.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, User } from '@/payload-types'
import { loadEditorDashboard } from '@/lib/dashboard/loadDashboard'
import { markdownToLexical } from '@/lib/richText'
import { markdownWithCitations } from '@/lib/claims/markers'
import { loadReview } from '@/lib/review/loadReview'
import { checkAnswer, passageText } from '@/lib/safety/checkAnswer'
import { createCancerType, createCompleteDraft, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'
import type { Id } from '@/lib/relationId'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { DRAFTER: 'auto', JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

const PASSAGE =
  'Stents can keep a blocked bile duct open for several months. About 3 in 10 people need the stent replaced. Blood thinners are reviewed by the care team before the procedure. Patients should stop taking blood thinners a few days before the procedure.'

let payload: Payload
let rest: RestClient
let typeId: Id
let sourceId: Id
let editorCookie: string
let reviewer: User

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  typeId = (await createCancerType(payload)).id
  sourceId = (
    await payload.create({
      collection: 'guideline-sources',
      data: {
        publisher: 'nccn',
        title: 'Stent guideline',
        version: 'Version 1.2026',
        publicationDate: '2026-01-15',
        url: 'https://www.nccn.org/guidelines',
        cancerTypes: [typeId],
        status: 'current',
        passages: [{ passageId: 'p-one', heading: 'Stents', text: PASSAGE }],
      },
      overrideAccess: true,
    })
  ).id
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [typeId], name: 'Dr Stent' })
  editorCookie = await rest.login((await createUser(payload, { roles: ['editor'] })).email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const clean = {
  summary: 'A stent can keep a blocked bile duct open for several months.',
  keyTakeaway: 'Ask your care team how long a stent may last for you.',
}
const stentDraft = async () =>
  createCompleteDraft(
    payload,
    { cancerTypeId: typeId, sourceId },
    {
      ...clean,
      body: await markdownWithCitations(payload.config, '## Stents\n\nStents can keep a blocked bile duct open for several months. [1]', [
        { source: sourceId, passageId: 'p-one', quote: 'Stents can keep a blocked bile duct open' },
      ]),
      citations: [{ source: sourceId, passageId: 'p-one', quote: 'Stents can keep a blocked bile duct open' }],
    },
  )
const codes = (answer: Pick<Answer, 'safetyWarnings'>) => (answer.safetyWarnings ?? []).map((flag) => flag.code)
const reread = async (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0, overrideAccess: true })

describe('checks on every save', () => {
  it("an editor's edit over REST is checked on save: the issue's stent example is flagged, and the review screen shows it first", async () => {
    const draft = await stentDraft()
    expect(codes(draft)).not.toContain('directive_wording')
    const body = await markdownToLexical(
      payload.config,
      '## Stents\n\nStents can keep a blocked bile duct open for several months.\n\nA stent always works and the result is guaranteed. You should stop taking blood thinners.',
    )
    const edited = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { body } })
    expect(edited.status, edited.text).toBe(200)
    const saved = await reread(draft.id)
    expect(saved.safetyWarnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'directive_wording', severity: 'high', where: 'section "Stents"' }),
        expect.objectContaining({ code: 'absolute_wording', severity: 'medium', where: 'section "Stents"' }),
      ]),
    )

    expect((await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    const review = await loadReview(
      await createLocalReq({ user: { ...reviewer, collection: 'users' } as never }, payload),
      String(draft.id),
    )
    const flags = review!.safetyWarnings
    expect(flags[0]).toMatchObject({ code: 'directive_wording', severity: 'high' })
    const ranks = flags.map((flag) => ['high', 'medium', 'low'].indexOf(flag.severity))
    expect(ranks).toEqual([...ranks].sort())

    // The dashboard counts it among the answers in review with unresolved high-severity flags.
    const dashboard = await loadEditorDashboard(payload)
    expect(dashboard.highSeverityInReview.count).toBeGreaterThanOrEqual(1)
    expect(dashboard.highSeverityInReview.answers.map((line) => line.id)).toContain(String(draft.id))
  })

  it('a figure in no cited passage is flagged; one the passage states is not', async () => {
    const draft = await stentDraft()
    const stated = await payload.update({
      collection: 'answers',
      id: draft.id,
      draft: true,
      data: { summary: 'About 3 in 10 people need the stent replaced.' },
      overrideAccess: true,
    })
    expect(codes(stated)).not.toContain('number_not_in_source')
    const invented = await payload.update({
      collection: 'answers',
      id: draft.id,
      draft: true,
      data: { summary: 'About 85% of people never need the stent replaced within 2 years.' },
      overrideAccess: true,
    })
    expect(invented.safetyWarnings).toContainEqual(
      expect.objectContaining({
        code: 'number_not_in_source',
        severity: 'high',
        where: 'direct answer',
        message: expect.stringContaining('85%'),
      }),
    )
  })

  it('an answer with no citations is flagged, and a server-set field cannot be written by a client', async () => {
    const draft = await stentDraft()
    const response = await rest.patch(`/answers/${draft.id}?draft=true`, {
      cookie: editorCookie,
      json: {
        citations: [],
        body: await markdownToLexical(payload.config, '## Stents\n\nStents keep a bile duct open.'),
        safetyWarnings: [],
      },
    })
    expect(response.status, response.text).toBe(200)
    expect((await reread(draft.id)).safetyWarnings).toContainEqual(expect.objectContaining({ code: 'no_citations', severity: 'high' }))
  })

  it('a save that changes no content keeps the stored flags; any save reads the passages once', async () => {
    const draft = await stentDraft()
    await payload.update({ collection: 'answers', id: draft.id, draft: true, data: { keyTakeaway: '' }, overrideAccess: true })
    const before = (await reread(draft.id)).safetyWarnings!
    expect(before.map((flag) => flag.code)).toEqual(['missing_key_takeaway'])
    let sourceReads = 0
    const find = payload.find.bind(payload)
    payload.find = (async (args: Parameters<Payload['find']>[0]) => {
      // A read that returns passages (none selected means every field).
      if (args.collection === 'guideline-sources' && (!args.select || (args.select as { passages?: unknown }).passages)) sourceReads += 1
      return find(args)
    }) as Payload['find']
    const rowIds = async () => ((await reread(draft.id)).safetyWarnings ?? []).map((flag) => flag.id)
    try {
      // Kept as stored (same rows), not recomputed: highRisk is not content.
      await payload.update({ collection: 'answers', id: draft.id, draft: true, data: { highRisk: true }, overrideAccess: true })
      expect(await rowIds()).toEqual(before.map((flag) => flag.id))
      sourceReads = 0
      await payload.update({
        collection: 'answers',
        id: draft.id,
        draft: true,
        data: { summary: 'A stent always works.' },
        depth: 0,
        overrideAccess: true,
      })
      // validateCitations and the checks share one read of the cited passages (depth 0: no population).
      expect(sourceReads).toBe(1)
    } finally {
      payload.find = find
    }
    expect(codes(await reread(draft.id))).toEqual(['absolute_wording', 'missing_key_takeaway'])
  })

  it('the drafter stores exactly what the checks compute for the answer it saved', async () => {
    const question = await payload.create({
      collection: 'questions',
      data: {
        text: 'Should blood thinners be stopped before a stent is placed?',
        cancerType: typeId,
        priority: 'normal',
        origin: 'editorial',
        status: 'new',
        submittedAt: new Date().toISOString(),
      },
      overrideAccess: true,
    })
    const response = await rest.post('/questions/draft', { cookie: editorCookie, json: { ids: [question.id] } })
    expect(response.status, response.text).toBe(202)
    await payload.jobs.run({ queue: 'drafting', limit: 10 })
    const [answer] = (await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 }))
      .docs as Answer[]
    expect(answer, 'the extractive drafter saved an answer').toBeDefined()
    const expected = checkAnswer({
      question: question.text,
      answer: answer!,
      passages: { [`${sourceId}:p-one`]: passageText({ heading: 'Stents', text: PASSAGE }) },
    })
    // The passage speaks to clinicians ("Patients should stop taking..."): copied into a patient
    // answer, it is directive wording, and the drafted answer carries the flag.
    expect(expected.map((flag) => flag.code)).toContain('directive_wording')
    expect(
      (answer!.safetyWarnings ?? []).map(({ code, severity, where, message, claim }) => ({ code, severity, where, message, claim })),
    ).toEqual(expected)
  })
})
