/** A reviewer's read of questions (the questions of the answers assigned to them): what they legitimately read works, and their assignments are looked up once per request for answers and questions together. */
import { createLocalReq, getAccessResults, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { relationId } from '@/lib/relationId'
import { PASSWORD, createAnswerInReview, createCancerType, createQuestion, createSource, createUser } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
})
afterAll(async () => stopPayload(payload))

describe('reviewer question access', () => {
  it('a reviewer with nothing assigned lists no questions (200, empty)', async () => {
    const type = await createCancerType(payload)
    await createQuestion(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const list = await rest.get('/questions?limit=10', { cookie })
    expect({ status: list.status, docs: list.body?.docs }).toEqual({ status: 200, docs: [] })
    const count = await rest.get('/questions/count', { cookie })
    expect(count.status, count.text).toBe(200)
    const graph = await rest.graphql(`{ Questions(limit: 10) { docs { id text } } }`, cookie)
    expect(graph.text).not.toContain('errors')
  })

  it("a reviewer's assigned answers populate their questions (REST depth 1 and GraphQL)", async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], credentials: 'MD' })
    const answers = []
    for (let i = 0; i < 3; i++)
      answers.push(await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] }))
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const list = await rest.get('/answers?depth=1&draft=true&limit=10', { cookie })
    expect(list.status, list.text).toBe(200)
    expect(list.body.docs.map((doc: { question: { text?: string } }) => typeof doc.question?.text)).toEqual(['string', 'string', 'string'])
    const one = await rest.get(`/answers/${answers[0]!.id}?depth=1&draft=true`, { cookie })
    expect(typeof one.body.question?.text, one.text).toBe('string')
    const graph = await rest.graphql(`{ Answers(draft: true, limit: 10) { docs { id question { id text } } } }`, cookie)
    expect(graph.text).not.toContain('"errors"')
    expect(graph.text).toContain(String(relationId(answers[0]!.question)))
  })

  it("a page's permission checks read a reviewer's assigned answers once per request (questions' read access included)", async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], credentials: 'MD' })
    await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    const headers = new Headers()
    const asReviewer = () => createLocalReq({ user: { ...reviewer, collection: 'users' } as never, req: { headers } as never }, payload)
    const db = payload.db as unknown as Record<string, (args: unknown) => unknown>
    const original = db.queryDrafts!.bind(payload.db)
    let drafts = 0
    db.queryDrafts = (args: unknown) => {
      drafts += 1
      return original(args)
    }
    try {
      // The admin's root layout and its page: two reqs of one HTTP request, each computing every collection's permissions.
      for (const req of [await asReviewer(), await asReviewer()]) await getAccessResults({ req })
    } finally {
      db.queryDrafts = original as never
    }
    expect(drafts).toBe(1)
  })
})
