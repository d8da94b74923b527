/** DRAFTER=model without ANTHROPIC_API_KEY: a clear reason at once, and nothing queued forever. */
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createCancerType, createQuestion, createSource } from '../helpers/fixtures'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { DRAFTER: 'model', JOBS_AUTORUN: 'false', DRAFT_RETRY_DELAY_MS: '0' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
})
afterAll(async () => stopPayload(payload))

it('fails the draft with a reason naming the variable, once, without retries', async () => {
  const type = await createCancerType(payload)
  await createSource(payload, type.id)
  const question = await createQuestion(payload, type.id, { text: 'What does the guidance say about this for the test?' })
  const { withTransaction } = await import('@/lib/transaction')
  const { queueDraft } = await import('@/lib/drafting/queueDraft')
  const { createLocalReq } = await import('payload')
  await withTransaction(await createLocalReq({}, payload), (req) => queueDraft(req, question.id))
  for (let round = 0; round < 3; round++) await payload.jobs.run({ queue: 'drafting' })
  const after = await payload.findByID({ collection: 'questions', id: question.id })
  expect(after.status).toBe('draft_failed')
  expect(after.draftFailureReason).toMatch(/DRAFTER=model but ANTHROPIC_API_KEY is not set/)
  const { docs: jobs } = await payload.find({ collection: 'payload-jobs', where: { completedAt: { exists: false } } })
  expect(jobs).toHaveLength(0)
})
