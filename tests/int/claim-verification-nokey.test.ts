/** Issue 13: without ANTHROPIC_API_KEY, claims are checked offline only: no verification is queued. */
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { markdownWithCitations } from '@/lib/claims/markers'
import { createCancerType, createCompleteDraft, createSource, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { DRAFTER: 'auto', JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
})
afterAll(async () => stopPayload(payload))

it('a new answer and a human edit queue no claim verification', async () => {
  const type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  const answer = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
  const rest = new RestClient(payload)
  const cookie = await rest.login((await createUser(payload, { roles: ['editor'] })).email, PASSWORD)
  const body = await markdownWithCitations(payload.config, '## Why\n\n- A reason from the guideline. [1]', [
    { source: source.id, passageId: 'p-two' },
  ])
  const edited = await rest.patch(`/answers/${answer.id}?draft=true`, { cookie, json: { body } })
  expect(edited.status, edited.text).toBe(200)
  const { totalDocs } = await payload.count({ collection: 'payload-jobs', where: { taskSlug: { equals: 'verifyClaims' } } })
  expect(totalDocs).toBe(0)
  const stored = await payload.findByID({ collection: 'answers', id: answer.id, draft: true, depth: 0 })
  expect(stored.claimVerification ?? null).toBeNull()
})
