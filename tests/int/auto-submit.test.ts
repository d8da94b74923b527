/** AUTO_SUBMIT_DRAFTS=true: a new draft goes to review as soon as the drafting job saves it. */
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createCancerType, createQuestion, createUser, unique } from '../helpers/fixtures'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { AUTO_SUBMIT_DRAFTS: 'true', JOBS_AUTORUN: 'false', DRAFTER: 'auto' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
})
afterAll(async () => stopPayload(payload))

it('drafts, submits and routes in one go', async () => {
  const type = await createCancerType(payload)
  await payload.create({
    collection: 'guideline-sources',
    data: {
      publisher: 'esmo',
      title: unique('Auto guideline'),
      version: '2026',
      publicationDate: '2026-03-01',
      url: 'https://www.esmo.org/',
      cancerTypes: [type.id],
      status: 'current',
      passages: [
        {
          passageId: 'a',
          heading: 'Surgery',
          text: 'Surgery is not usually the first treatment once the cancer has spread. It has not been shown to help people live longer.',
        },
        {
          passageId: 'b',
          heading: 'Chemotherapy',
          text: 'Chemotherapy is the usual first treatment once the cancer has spread. It works throughout the body.',
        },
        { passageId: 'c', heading: 'Relief', text: 'A stent can relieve a blocked bile duct. Surgery may be used to relieve a blockage.' },
      ],
    },
    overrideAccess: true,
  })
  const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
  const question = await createQuestion(payload, type.id, { text: 'Is surgery an option once the cancer has spread?' })
  const { withTransaction } = await import('@/lib/transaction')
  const { queueDraft } = await import('@/lib/drafting/queueDraft')
  const { createLocalReq } = await import('payload')
  await withTransaction(await createLocalReq({}, payload), (req) => queueDraft(req, question.id))
  await payload.jobs.run({ queue: 'drafting' })
  const [answer] = (await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 })).docs
  expect(answer).toMatchObject({ workflowStage: 'in_review', assignedReviewers: [reviewer.id] })
  expect((await payload.findByID({ collection: 'questions', id: question.id })).status).toBe('in_review')
  const { docs: emails } = await payload.find({ collection: 'notifications', where: { to: { equals: reviewer.email } } })
  expect(emails.map((e) => e.template)).toEqual(['review_assigned'])
})
