/**
 * A reviewer reads the questions of the answers assigned to them, and never the editors' notes
 * (which may hold what a patient wrote about themselves): not the whole backlog of what patients
 * asked. Through Payload's real REST and GraphQL handlers.
 */
import type { Payload } from 'payload'
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

const NOTE = 'Caller said she is 34, pregnant, and her sister died of the same cancer.'

describe("a reviewer and the patients' questions", () => {
  it('reads the question of an answer assigned to them without its notes, and no other question', async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
    const other = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
    const editor = await createUser(payload, { roles: ['editor'] })
    const mine = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    const theirs = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [other] })
    const backlog = await createQuestion(payload, type.id, { text: 'A question nobody has answered yet about this cancer?' })
    const myQuestion = relationId(mine.question)!
    for (const id of [myQuestion, relationId(theirs.question)!, backlog.id])
      await payload.update({ collection: 'questions', id, data: { notes: NOTE }, overrideAccess: true })

    const cookie = await rest.login(reviewer.email, PASSWORD)
    const read = await rest.get(`/questions/${myQuestion}`, { cookie })
    expect(read.status, read.text).toBe(200)
    expect(read.body.text).toBe((await payload.findByID({ collection: 'questions', id: myQuestion })).text)
    expect(read.text).not.toContain(NOTE)
    expect(Object.keys(read.body)).not.toContain('notes')
    for (const id of [relationId(theirs.question)!, backlog.id]) expect((await rest.get(`/questions/${id}`, { cookie })).status).toBe(404)
    const list = await rest.get('/questions?limit=100', { cookie })
    expect(list.body.docs.map((doc: { id: unknown }) => doc.id)).toEqual([myQuestion])
    expect(list.text).not.toContain(NOTE)
    // The notes are no filter either: a where on them finds nothing to tell the note by.
    const probe = await rest.get(`/questions?where[notes][like]=pregnant`, { cookie })
    expect(probe.body.docs ?? []).toEqual([])
    const graph = await rest.graphql(`{ Questions(limit: 100) { docs { id text notes } } }`, cookie)
    expect(graph.text).not.toContain(NOTE)
    expect(graph.text).not.toContain('A question nobody has answered yet')

    // An editor reads every question with its notes.
    const editorCookie = await rest.login(editor.email, PASSWORD)
    const asEditor = await rest.get(`/questions/${backlog.id}`, { cookie: editorCookie })
    expect(asEditor.body.notes).toBe(NOTE)
  })
})
