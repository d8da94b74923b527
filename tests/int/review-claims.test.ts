/**
 * Issue 13, review aid: the review screen shows each claim beside the passages it cites, flagged and
 * unverified claims first, and the assigned reviewer marks claims verified one by one
 * (POST /api/answers/:id/claims/:claimId/verify). A mark counts while the claim's words and
 * citations stay the same.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, GuidelineSource, User } from '@/payload-types'
import { markdownWithCitations } from '@/lib/claims/markers'
import { loadReview } from '@/lib/review/loadReview'
import { reviewClaims } from '@/lib/review/reviewClaims'
import type { Id } from '@/lib/relationId'
import { createAnswerInReview, createCancerType, createCompleteDraft, createUser, PASSWORD, unique } from '../helpers/fixtures'
import { expectRefused } from '../helpers/refusals'
import { errorMessage as errorText, RestClient } from '../helpers/rest'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { missingId, startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let typeId: Id
let source: GuidelineSource
let reviewer: User
let otherReviewer: User
let editor: User
let admin: User
const cookies = {} as Record<'reviewer' | 'otherReviewer' | 'editor' | 'admin', string>

const CHEMO = 'Chemotherapy with FOLFIRINOX is the usual first treatment for metastatic pancreatic cancer.'
const SURGERY = 'Surgery is rarely offered when pancreatic cancer has spread to the liver.'

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  typeId = (await createCancerType(payload)).id
  source = await createPancreaticSource(typeId)
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [typeId], name: 'Dr Assigned' })
  otherReviewer = await createUser(payload, { roles: ['reviewer'], specialties: [typeId], name: 'Dr Elsewhere' })
  editor = await createUser(payload, { roles: ['editor'] })
  admin = await createUser(payload, { roles: ['admin'] })
  for (const [key, person] of Object.entries({ reviewer, otherReviewer, editor, admin }))
    cookies[key as keyof typeof cookies] = await rest.login(person.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

async function createPancreaticSource(cancerTypeId: Id): Promise<GuidelineSource> {
  return payload.create({
    collection: 'guideline-sources',
    data: {
      publisher: 'nccn',
      title: unique('Pancreatic guideline'),
      version: 'Version 2.2026',
      publicationDate: '2026-01-15',
      url: 'https://www.nccn.org/guidelines',
      cancerTypes: [cancerTypeId],
      status: 'current',
      passages: [
        { passageId: 'p-chemo', heading: 'First treatment', text: CHEMO },
        { passageId: 'p-surgery', heading: 'Surgery', text: SURGERY },
      ],
    },
    overrideAccess: true,
  })
}

const reqAs = async (user: User) => createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)

/** Body claims: clean, a figure the passage lacks, absolute wording, uncited directive wording. */
const BODY = [
  '## Treatment',
  '',
  '- Chemotherapy with FOLFIRINOX is the usual first treatment. [1]',
  '- Surgery cures 45% of people whose pancreatic cancer has spread to the liver. [2]',
  '- Chemotherapy with FOLFIRINOX is always the first treatment for metastatic pancreatic cancer. [1]',
  '- You must stop taking blood thinners before chemotherapy.',
].join('\n')

const bodyCiting = async (sourceId: Id, markdown = BODY) =>
  (await markdownWithCitations(payload.config, markdown, [
    { source: sourceId, passageId: 'p-chemo', quote: 'the usual first treatment' },
    { source: sourceId, passageId: 'p-surgery' },
  ])) as Answer['body']

async function answerInReview(setting = { cancerTypeId: typeId, source, reviewer }): Promise<Answer> {
  return createAnswerInReview(
    payload,
    { cancerTypeId: setting.cancerTypeId, sourceId: setting.source.id, reviewers: [setting.reviewer] },
    {
      summary: SURGERY,
      citations: [{ source: setting.source.id, passageId: 'p-surgery', quote: 'Surgery is rarely offered' }],
      body: await bodyCiting(setting.source.id),
    },
  )
}

/** As the assigned reviewer unless another session (or null: signed out) is given. */
const verify = (answerId: Id, claimId: string, json: unknown, cookie: string | null = cookies.reviewer) =>
  rest.post(`/answers/${answerId}/claims/${claimId}/verify`, { cookie: cookie ?? undefined, json })

const texts = (claims: { text: string }[]) => claims.map((claim) => claim.text)
const claimOf = (claims: { id: string; text: string }[], start: string) => claims.find((claim) => claim.text.startsWith(start))!

describe('loadReview: claims beside their passages', () => {
  it('gives each claim its part, cited passages (text, quote), support result and flags; flagged first, then reading order', async () => {
    const answer = await answerInReview()
    const review = (await loadReview(await reqAs(reviewer), String(answer.id)))!
    // High flags (a figure the passage lacks; uncited directive wording), then medium (absolute
    // wording), then the unflagged, unverified ones in reading order: direct answer before the body.
    expect(texts(review.claims)).toEqual([
      'Surgery cures 45% of people whose pancreatic cancer has spread to the liver.',
      'You must stop taking blood thinners before chemotherapy.',
      'Chemotherapy with FOLFIRINOX is always the first treatment for metastatic pancreatic cancer.',
      SURGERY,
      'Chemotherapy with FOLFIRINOX is the usual first treatment.',
    ])
    expect(review.claims.map((claim) => claim.position)).toEqual([2, 4, 3, 0, 1])
    expect(review.claims.map((claim) => claim.severity)).toEqual(['high', 'high', 'medium', null, null])

    const [figure, directive, absolute, direct, clean] = review.claims
    expect(figure!.part).toBe('Treatment')
    expect(figure!.flags).toEqual(
      expect.arrayContaining([{ code: 'number_not_in_source', severity: 'high', message: '"45%" is not in the cited passages.' }]),
    )
    expect(figure!.support).toMatchObject({ missingFigures: ['45%'] })
    expect(directive!.passages).toEqual([])
    expect(directive!.flags.map((flag) => flag.code)).toEqual(['directive_wording', 'uncited_claim'])
    expect(absolute!.flags).toEqual([expect.objectContaining({ code: 'absolute_wording', severity: 'medium' })])

    // The direct answer's claims cite the answer-level citations; each passage in full, quote marked.
    expect(direct!.part).toBe('direct answer')
    expect(direct!.passages).toEqual([
      {
        title: source.title,
        version: 'Version 2.2026',
        status: 'current',
        passageId: 'p-surgery',
        heading: 'Surgery',
        quote: 'Surgery is rarely offered',
        found: true,
        pieces: [
          { text: 'Surgery is rarely offered', quoted: true },
          { text: ' when pancreatic cancer has spread to the liver.', quoted: false },
        ],
      },
    ])
    expect(clean!.flags).toEqual([])
    expect(clean!.support).toMatchObject({ verdict: 'supported' })
    expect(clean!.passages[0]!.pieces.map((piece) => piece.text).join('')).toBe(CHEMO)
    expect(clean!.passages[0]!.pieces.find((piece) => piece.quoted)?.text).toBe('the usual first treatment')
    expect(review.claims.every((claim) => /^[0-9a-f]{16}$/.test(claim.id) && !claim.verified)).toBe(true)
    expect(review.claimsVerified).toBe(0)
  })
})

describe('reviewClaims (the claim view, pure)', () => {
  const parts = [
    {
      part: 'Why',
      claims: [
        {
          id: 'a'.repeat(16),
          part: 'Why',
          text: 'Chemotherapy with FOLFIRINOX is the usual first treatment.',
          citations: [{ source: 7, passageId: 'p-chemo', quote: 'an invented quote' }],
        },
        {
          id: 'b'.repeat(16),
          part: 'Why',
          text: 'Surgery is rarely offered when pancreatic cancer has spread to the liver.',
          citations: [{ source: 7, passageId: 'p-surgery' }],
        },
        {
          id: 'c'.repeat(16),
          part: 'Why',
          text: 'Chemotherapy with FOLFIRINOX is the usual first treatment for metastatic pancreatic cancer.',
          citations: [{ source: 7, passageId: 'p-chemo' }],
        },
      ],
    },
  ]
  const sources = [
    {
      id: 7,
      title: 'Guideline <b>bold</b>',
      version: 'v1',
      status: 'current' as const,
      passages: [
        { passageId: 'p-chemo', heading: 'First', text: CHEMO },
        { passageId: 'p-surgery', heading: 'Surgery', text: '<img src=x onerror=alert(1)> ' + SURGERY },
      ],
    },
  ]
  const verification = (contentHash: string) => ({
    status: 'verified',
    contentHash,
    model: 'claude-sonnet-5',
    checkedAt: '2026-11-30T00:00:00.000Z',
    claims: [{ id: 'b'.repeat(16), verdict: 'partial', reason: 'Says rarely, not never.' }],
  })
  const view = (extra: { verification?: unknown; contentHash?: string; marks?: { claimId: string; verifiedAt: string }[] }) =>
    reviewClaims({
      question: 'Is surgery an option?',
      parts,
      sources,
      verification: extra.verification,
      contentHash: extra.contentHash ?? 'h1',
      marks: extra.marks ?? [],
    })

  it('a quote not in its passage flags the claim citing it, and is not highlighted; passages stay text', () => {
    const claims = view({})
    const first = claims.find((claim) => claim.id[0] === 'a')
    const second = claims.find((claim) => claim.id[0] === 'b')
    expect(first!.id).toBe('a'.repeat(16))
    expect(first!.flags).toEqual([expect.objectContaining({ code: 'quote_not_in_passage', severity: 'high' })])
    // c cites the same passage without that quote: the flag is not about it.
    expect(claims.find((claim) => claim.id[0] === 'c')!.flags).toEqual([])
    expect(first!.passages[0]!.pieces).toEqual([{ text: CHEMO, quoted: false }])
    // Hostile passage text is returned as data (React renders it as text).
    expect(second!.passages[0]!.pieces[0]!.text).toContain('<img src=x onerror=alert(1)>')
  })

  it("shows Claude's verdict only while its check is on this exact content, and ignores a malformed record", () => {
    expect(view({ verification: verification('h1') }).find((claim) => claim.id === 'b'.repeat(16))!.modelVerdict).toEqual({
      verdict: 'partial',
      reason: 'Says rarely, not never.',
      model: 'claude-sonnet-5',
    })
    expect(view({ verification: verification('stale') }).every((claim) => claim.modelVerdict === null)).toBe(true)
    expect(view({ verification: { status: 'verified', claims: 'nope' } }).every((claim) => claim.modelVerdict === null)).toBe(true)
    expect(view({ verification: null }).every((claim) => claim.modelVerdict === null)).toBe(true)
  })

  it('a verified claim moves after the unverified ones, a flagged one stays first; a mark on an unknown id counts for nothing', () => {
    const at = '2026-11-30T01:00:00.000Z'
    expect(view({}).map((claim) => [claim.id[0], claim.severity])).toEqual([
      ['a', 'high'],
      ['b', null],
      ['c', null],
    ])
    // b verified: after c, which is not; a (flagged) stays first although verified.
    const claims = view({ marks: ['a', 'b', 'd'].map((letter) => ({ claimId: letter.repeat(16), verifiedAt: at })) })
    expect(claims.map((claim) => [claim.id[0], claim.verified])).toEqual([
      ['a', true],
      ['c', false],
      ['b', true],
    ])
    expect(claims.find((claim) => claim.id[0] === 'b')!.verifiedAt).toBe(at)
  })
})

describe('POST /api/answers/:id/claims/:claimId/verify', () => {
  it('the assigned reviewer marks a claim verified and undoes it; the mark moves the claim down and counts', async () => {
    const answer = await answerInReview()
    const before = (await loadReview(await reqAs(reviewer), String(answer.id)))!
    const clean = claimOf(before.claims, 'Chemotherapy with FOLFIRINOX is the usual')

    const marked = await verify(answer.id, clean.id, { verified: true })
    expect(marked.status, marked.text).toBe(200)
    expect(marked.body).toMatchObject({ claimId: clean.id, verified: true })
    expect(Date.parse(marked.body.verifiedAt as string)).not.toBeNaN()
    // Idempotent: a second click keeps the first mark.
    const again = await verify(answer.id, clean.id, { verified: true })
    expect(again.status).toBe(200)
    expect(again.body.verifiedAt).toBe(marked.body.verifiedAt)
    expect((await payload.count({ collection: 'claim-checks', where: { answer: { equals: answer.id } } })).totalDocs).toBe(1)

    const after = (await loadReview(await reqAs(reviewer), String(answer.id)))!
    expect(after.claims.at(-1)).toMatchObject({ id: clean.id, verified: true, verifiedAt: marked.body.verifiedAt })
    expect(after.claimsVerified).toBe(1)
    // The mark is the reviewer's own: an editor's view of the same answer has none.
    expect((await loadReview(await reqAs(editor), String(answer.id)))!.claimsVerified).toBe(0)
    // A mark never gates the decision: the screen still offers it, and only the whole answer is approved.
    expect(after.decisionRefusal).toBeNull()

    const undone = await verify(answer.id, clean.id, { verified: false })
    expect(undone.status, undone.text).toBe(200)
    expect(undone.body).toEqual({ claimId: clean.id, verified: false, verifiedAt: null })
    expect((await loadReview(await reqAs(reviewer), String(answer.id)))!.claimsVerified).toBe(0)
    expect((await verify(answer.id, clean.id, { verified: false })).status).toBe(200)
  })

  it('refuses: signed out 401, editors, admins and unassigned reviewers 403, unknown answer or claim 404, bad body 400, not in review 409', async () => {
    const answer = await answerInReview()
    const claimId = (await loadReview(await reqAs(reviewer), String(answer.id)))!.claims[0]!.id
    await expectRefused(
      payload,
      () => verify(answer.id, claimId, { verified: true }, null),
      401,
      /^Sign in as a reviewer to mark claims verified\.$/,
    )
    for (const cookie of [cookies.editor, cookies.admin])
      await expectRefused(
        payload,
        () => verify(answer.id, claimId, { verified: true }, cookie),
        403,
        /Only the reviewers assigned to an answer mark its claims verified/,
      )
    // Not assigned: the 404 of an unknown answer, so the refusal does not tell that the answer exists.
    await expectRefused(
      payload,
      () => verify(answer.id, claimId, { verified: true }, cookies.otherReviewer),
      404,
      new RegExp(`^Answer ${answer.id} does not exist\\.$`),
    )
    await expectRefused(payload, () => verify(missingId(), claimId, { verified: true }), 404, /^Answer \S+ does not exist\.$/)
    await expectRefused(payload, () => verify('abc' as never, claimId, { verified: true }), 404, /No answer with id "abc" exists/)
    await expectRefused(
      payload,
      () => verify(answer.id, '0123456789abcdef', { verified: true }),
      404,
      /^This answer has no claim 0123456789abcdef: its text or citations may have changed since you opened it\. Reload the review screen\.$/,
    )
    // An id not of the claims' form is named, not repeated.
    const odd = await expectRefused(
      payload,
      () => verify(answer.id, '%3Cscript%3E', { verified: true }),
      404,
      /^This answer has no the claim named/,
    )
    expect(odd.text).not.toContain('<script>')
    for (const json of [{ verified: 'yes' }, {}, { verified: true, extra: 1 }, [true]])
      await expectRefused(
        payload,
        () => verify(answer.id, claimId, json),
        400,
        /^Expected \{ "verified": true \} or \{ "verified": false \}/,
      )
    expect(errorText(await verify(answer.id, claimId, { verified: 'yes' }))).toBe(
      'Expected { "verified": true } or { "verified": false }: verified must be true or false, not text.',
    )

    const draft = await createCompleteDraft(
      payload,
      { cancerTypeId: typeId, sourceId: source.id },
      {
        assignedReviewers: [reviewer.id],
        citations: [{ source: source.id, passageId: 'p-surgery' }],
        // The fixture's body cites a passage this source does not have.
        body: await markdownWithCitations(payload.config, '## Why\n\n- A reason from the guideline. [1]', [
          { source: source.id, passageId: 'p-surgery' },
        ]),
      },
    )
    const draftClaim = (await loadReview(await reqAs(reviewer), String(draft.id)))!.claims[0]!.id
    await expectRefused(
      payload,
      () => verify(draft.id, draftClaim, { verified: true }),
      409,
      /^This answer is not awaiting review \(its stage is "draft"\), so its claims cannot be marked\.$/,
    )
  })

  it('a claim whose words change loses its mark; an unchanged claim keeps it; deleting the answer deletes its marks', async () => {
    // Its own cancer type and only reviewer, so that re-submission routes the answer back to them.
    const cancerTypeId = (await createCancerType(payload)).id
    const own = {
      cancerTypeId,
      source: await createPancreaticSource(cancerTypeId),
      reviewer: await createUser(payload, { roles: ['reviewer'], specialties: [cancerTypeId] }),
    }
    const cookie = await rest.login(own.reviewer.email, PASSWORD)
    const answer = await answerInReview(own)
    const claims = (await loadReview(await reqAs(own.reviewer), String(answer.id)))!.claims
    const clean = claimOf(claims, 'Chemotherapy with FOLFIRINOX is the usual')
    const direct = claimOf(claims, 'Surgery is rarely offered')
    for (const claim of [clean, direct]) expect((await verify(answer.id, claim.id, { verified: true }, cookie)).status).toBe(200)

    // The editor withdraws it, rewords one claim, and submits it again to the same reviewer.
    expect((await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie: cookies.editor, json: {} })).status).toBe(200)
    const body = await bodyCiting(
      own.source.id,
      BODY.replace('is the usual first treatment. [1]', 'is the usual first treatment for most people. [1]'),
    )
    const edited = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie: cookies.editor, json: { body } })
    expect(edited.status, edited.text).toBe(200)
    const submitted = await rest.post(`/answers/${answer.id}/submit`, { cookie: cookies.editor })
    expect(submitted.status, submitted.text).toBe(200)

    const review = (await loadReview(await reqAs(own.reviewer), String(answer.id)))!
    expect(review.claims.some((claim) => claim.id === clean.id)).toBe(false)
    expect(claimOf(review.claims, 'Chemotherapy with FOLFIRINOX is the usual')).toMatchObject({ verified: false })
    expect(claimOf(review.claims, 'Surgery is rarely offered')).toMatchObject({ id: direct.id, verified: true })
    expect(review.claimsVerified).toBe(1)
    // The old id is no longer a claim of this answer.
    expect((await verify(answer.id, clean.id, { verified: false }, cookie)).status).toBe(404)

    expect((await rest.post(`/answers/${answer.id}/withdraw-review`, { cookie: cookies.editor, json: {} })).status).toBe(200)
    const deleted = await rest.delete(`/answers/${answer.id}`, { cookie: cookies.editor })
    expect(deleted.status, deleted.text).toBe(200)
    expect((await payload.count({ collection: 'claim-checks', where: { answer: { equals: answer.id } } })).totalDocs).toBe(0)
  })
})
