/** What the public page tells patients about review and authorship: an override publication declares no review (page header, JSON-LD), and a model's text restored from an earlier version is still disclosed as AI-drafted. */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import type { Id } from '@/lib/relationId'
import { PASSWORD, approveAs, createCancerType, createCompleteDraft, createSource, createUser } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
const { startPayload, stopPayload } = await import('../helpers/payload')
const { publicApi } = await import('../helpers/publicApi')
const answerPage = await import('@/app/(frontend)/answers/[slug]/route')

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let admin: User, editor: User, reviewer: User
let editorCookie: string, adminCookie: string, reviewerCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Rev', credentials: 'MD' })
  editorCookie = await rest.login(editor.email, PASSWORD)
  adminCookie = await rest.login(admin.email, PASSWORD)
  reviewerCookie = await rest.login(reviewer.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, draft: true, depth: 0 }) as Promise<Answer>
const versionsOf = async (id: Id) =>
  (await payload.findVersions({ collection: 'answers', where: { parent: { equals: id } }, sort: 'createdAt', pagination: false, depth: 0 }))
    .docs

const page = async (slug: string) => {
  const response = await answerPage.GET(new Request(`http://localhost:3000/answers/${slug}`), { params: Promise.resolve({ slug }) })
  return { status: response.status, text: await response.text() }
}

describe('an answer published by an admin override, without clinician review', () => {
  it('its page does not tell patients in its header line that it was "reviewed" on a date', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    const override = await rest.post(`/answers/${draft.id}/override-publish`, {
      cookie: adminCookie,
      json: { reason: 'Urgent safety information must go out today.' },
    })
    expect(override.status, override.text).toBe(200)
    const json = (await publicApi(`/answers/${draft.slug}`)).body
    expect(json.reviewedBy).toEqual([])
    expect(json.disclosure).toContain('without clinician review')
    const { status, text } = await page(draft.slug!)
    expect(status).toBe(200)
    // The page itself knows: further down it says so.
    expect(text).toContain('Not reviewed by a clinician')
    // ...but the first line under the site header, above the title, says "reviewed <date>".
    const meta = text.match(/<p class="meta">([^]*?)<\/p>/)![1]!
    expect(meta, 'header line of a page no clinician reviewed').not.toMatch(/reviewed/)
  })

  it('its JSON-LD does not declare a review date (schema.org lastReviewed) for search engines', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    const override = await rest.post(`/answers/${draft.id}/override-publish`, {
      cookie: adminCookie,
      json: { reason: 'Urgent safety information must go out today.' },
    })
    expect(override.status, override.text).toBe(200)
    const { text } = await page(draft.slug!)
    const jsonLd = JSON.parse(text.match(/<script type="application\/ld\+json">([^]*?)<\/script>/)![1]!)
    expect(jsonLd, 'MedicalWebPage of a page no clinician reviewed').not.toHaveProperty('reviewedBy')
    expect(jsonLd.datePublished).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(jsonLd, 'MedicalWebPage of a page no clinician reviewed').not.toHaveProperty('lastReviewed')
  })
})

describe('the disclosure of an AI-drafted text that was restored from an earlier version', () => {
  it('still says the text was drafted with AI once it is published', async () => {
    // The drafter's output (provenance "model"), edited by an editor, sent to review.
    const draft = await createCompleteDraft(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id },
      { provenance: { draftedBy: 'model' } as Answer['provenance'] },
    )
    expect((await latest(draft.id)).provenance?.draftedBy).toBe('model')
    const edited = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie: editorCookie, json: { keyTakeaway: 'An edit.' } })
    expect(edited.status, edited.text).toBe(200)
    expect((await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    const submitted = await latest(draft.id)
    const decided = await rest.post('/approvals', {
      cookie: reviewerCookie,
      json: {
        answer: draft.id,
        decision: 'request_changes',
        comment: 'Please go back to the original wording.',
        attestation: true,
        contentHash: submitted.contentHash,
      },
    })
    expect(decided.status, decided.text).toBe(201)
    // The editor restores the model's original text, word for word, and sends it to review again.
    const [first] = await versionsOf(draft.id)
    expect((first!.version as Answer).provenance?.draftedBy).toBe('model')
    const restored = await rest.post(`/answers/versions/${first!.id}?draft=true`, { cookie: editorCookie })
    expect(restored.status, restored.text).toBe(200)
    expect((await rest.post(`/answers/${draft.id}/submit`, { cookie: editorCookie })).status).toBe(200)
    await approveAs(payload, reviewer, draft.id)
    const live = await payload.findByID({ collection: 'answers', id: draft.id, depth: 0, draft: false })
    expect(live._status).toBe('published')
    expect(live.summary).toBe((first!.version as Answer).summary)
    const json = (await publicApi(`/answers/${live.slug}`)).body
    expect(json.disclosure, 'the public disclosure of a model-written text').toMatch(/drafted with AI/)
  })
})
