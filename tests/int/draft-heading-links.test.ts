/**
 * A model's section heading is pasted into the body's Markdown (`## heading`): the drafter's "no
 * links in the model's text" rule covers headings, and a heading is one line, so a heading cannot
 * carry a link, paragraphs or headings of its own into the saved draft (found by a review: it was
 * saved, with the model's link, as "drafted").
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import type { CancerType, Question } from '@/payload-types'
import { validDraft } from '../helpers/draftReplies'
import { FakeAnthropic } from '../helpers/fakeAnthropic'
import { createCancerType, createQuestion, createSource, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

const fake = await new FakeAnthropic().start()
Object.assign(process.env, {
  ANTHROPIC_API_KEY: 'sk-ant-test-key',
  ANTHROPIC_BASE_URL: fake.baseURL,
  DRAFTER: 'model',
  JOBS_AUTORUN: 'false',
  DRAFT_RETRY_DELAY_MS: '0',
})
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let type: CancerType
let cookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  await createSource(payload, type.id)
  const editor = await createUser(payload, { roles: ['editor'] })
  cookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => {
  await stopPayload(payload)
  await fake.stop()
})

async function draftWithHeading(heading: string): Promise<Question> {
  const question = await createQuestion(payload, type.id, { text: `Is there a test for this (${Math.random().toString(36).slice(2, 7)})?` })
  // A model that keeps returning the same heading (the repair turn included).
  fake.respond = (request) => {
    const [first, ...others] = validDraft(request).sections
    return fake.toolUse(request, 'submit_draft', validDraft(request, { sections: [{ ...first!, heading }, ...others] }))
  }
  const queued = await rest.post(`/questions/${question.id}/draft`, { cookie })
  expect(queued.status, queued.text).toBe(202)
  await payload.jobs.run({ queue: 'drafting', limit: 10 })
  return payload.findByID({ collection: 'questions', id: question.id, depth: 0 })
}

const linksIn = (node: unknown): string[] => {
  if (!node || typeof node !== 'object') return []
  const { type, fields, children } = node as { type?: string; fields?: { url?: string }; children?: unknown[] }
  return [...(type === 'link' || type === 'autolink' ? [String(fields?.url)] : []), ...(children ?? []).flatMap(linksIn)]
}

it("a model's section heading cannot put a link into the saved draft (the no-links rule covers headings too)", async () => {
  const question = await draftWithHeading('Why surgery is rare\n\nRead [the full guidance](https://evil.example/phish) first')
  const { docs } = await payload.find({
    collection: 'answers',
    where: { question: { equals: question.id } },
    draft: true,
    depth: 0,
    overrideAccess: true,
  })
  const links = docs.flatMap((answer) => linksIn((answer.body as { root?: unknown } | null)?.root))
  expect(links).toEqual([])
  // The repair turn returns the same heading: the question fails with the reasons, nothing saved.
  expect(docs).toEqual([])
  expect(question.status).toBe('draft_failed')
  expect(question.draftFailureReason).toMatch(/a heading is one line/)
  expect(question.draftFailureReason).toMatch(/no links/)
})
