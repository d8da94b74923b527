/**
 * An answer already in review at the upgrade that made the content hash name superseded sources,
 * citing a source superseded before it, stored the hash made without it: an API client approving
 * with the stored hash got 409 for ever. At start (onInit, either database) such answers are saved
 * again; the next start has nothing to do. The same for any earlier change of the hash rule (evidence
 * binding added each cited passage's text and its source's version), found by a review.
 */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType } from '@/payload-types'
import { contentHash, currentContentHash, loadPageContext } from '@/lib/workflow/contentHash'
import { restampStaleHashes } from '@/lib/workflow/restamp'
import { migrateDatabase } from '@/lib/database/migrate'
import { PASSWORD, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'
import type { Id } from '@/lib/relationId'

let payload: Payload
let rest: RestClient
let type: CancerType

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
})
afterAll(async () => stopPayload(payload))

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true, overrideAccess: true }) as Promise<Answer>

describe('answers in review with a hash made before superseded sources counted', () => {
  it('are saved again at start, and an approval with the stored hash (as API clients send it) publishes', async () => {
    const source = await createSource(payload, type.id)
    const replacement = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr Upgrade', credentials: 'MD', specialties: [type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    // As the earlier code left it: the source superseded, the answer's stored hash not remade.
    await payload.db.updateOne({
      collection: 'guideline-sources',
      id: source.id,
      data: { status: 'superseded', supersededBy: replacement.id },
    })
    const stale = (await latest(answer.id)).contentHash
    expect(stale).not.toBe(await currentContentHash(await createLocalReq({}, payload), await latest(answer.id)))

    // The production server's start: the adapter migrated while connecting, then onInit.
    const nodeEnv = process.env.NODE_ENV
    Object.assign(process.env, { NODE_ENV: 'production' })
    try {
      await payload.config.onInit!(payload)
    } finally {
      Object.assign(process.env, { NODE_ENV: nodeEnv })
    }
    const stored = (await latest(answer.id)).contentHash
    expect(stored).toBe(await currentContentHash(await createLocalReq({}, payload), await latest(answer.id)))
    expect(await restampStaleHashes(payload)).toBe(0)

    const cookie = await rest.login(reviewer.email, PASSWORD)
    const read = await rest.get(`/answers/${answer.id}?draft=true&depth=0`, { cookie })
    const decision = await rest.post(`/answers/${answer.id}/decision`, {
      cookie,
      json: { decision: 'approve', attestation: true, contentHash: (read.body as { contentHash: string }).contentHash },
    })
    expect(decision.status, decision.text).toBe(201)
    const live = await payload.findByID({ collection: 'answers', id: answer.id, depth: 0, overrideAccess: true })
    expect(live._status).toBe('published')
  })

  it('the seed CLI and the tests, which migrate after Payload has started, do the same after migrating', async () => {
    const source = await createSource(payload, type.id)
    const replacement = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], credentials: 'MD', specialties: [type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    await payload.db.updateOne({
      collection: 'guideline-sources',
      id: source.id,
      data: { status: 'superseded', supersededBy: replacement.id },
    })
    const current = async () => currentContentHash(await createLocalReq({}, payload), await latest(answer.id))
    expect((await latest(answer.id)).contentHash).not.toBe(await current())
    await migrateDatabase(payload)
    expect((await latest(answer.id)).contentHash).toBe(await current())
  })
  it('an answer in review with a hash made before evidence binding (current sources only) is saved again, and its stored hash approves', async () => {
    const source = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], credentials: 'MD', specialties: [type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    // The rule before evidence binding: the page without the cited passages' text and the sources'
    // versions. Stored as that release left it, on the answer and its latest version.
    const req = await createLocalReq({}, payload)
    const page = await loadPageContext(req, await latest(answer.id))
    const old = contentHash(await latest(answer.id), {
      ...page,
      sources: page.sources.map((cited) => ({ ...cited, version: '', passages: null })),
    })
    expect(old).not.toBe(await currentContentHash(req, await latest(answer.id)))
    await payload.db.updateOne({ collection: 'answers', id: answer.id, data: { contentHash: old } })
    const {
      docs: [version],
    } = await payload.findVersions({
      collection: 'answers',
      where: { and: [{ parent: { equals: answer.id } }, { latest: { equals: true } }] },
      limit: 1,
      depth: 0,
    })
    await payload.db.updateVersion({
      collection: 'answers',
      id: version!.id,
      versionData: { ...version!, version: { ...version!.version, contentHash: old } },
    })
    expect((await latest(answer.id)).contentHash).toBe(old)

    await migrateDatabase(payload)
    expect((await latest(answer.id)).contentHash).toBe(await currentContentHash(req, await latest(answer.id)))
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const read = await rest.get(`/answers/${answer.id}?draft=true&depth=0`, { cookie })
    const decision = await rest.post(`/answers/${answer.id}/decision`, {
      cookie,
      json: { decision: 'approve', attestation: true, contentHash: (read.body as { contentHash: string }).contentHash },
    })
    expect(decision.status, decision.text).toBe(201)
  })
})
