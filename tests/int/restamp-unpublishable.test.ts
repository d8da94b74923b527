/**
 * restampCitingAnswers saves the answers in review citing a source whose status changed: a system
 * save (no author, no workflow step), and never one that fails the source's save (an answer whose
 * draft could not be published as it stands is left as it is).
 */
import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, User } from '@/payload-types'
import { PASSWORD, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'
import type { Id } from '@/lib/relationId'
import { relationId } from '@/lib/relationId'

let payload: Payload
let rest: RestClient
let type: CancerType
let answerEditor: User
let sourceEditor: User
let sourceEditorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  answerEditor = await createUser(payload, { roles: ['editor'], name: 'Answer Editor' })
  sourceEditor = await createUser(payload, { roles: ['editor'], name: 'Source Editor' })
  sourceEditorCookie = await rest.login(sourceEditor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true, overrideAccess: true }) as Promise<Answer>

describe('restamping the answers in review when a cited source is superseded', () => {
  it('does not make the editor who superseded the source the last editor or an author of the answer', async () => {
    const source = await createSource(payload, type.id)
    const replacement = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], credentials: 'MD', specialties: [type.id] })
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] },
      { lastEditedBy: answerEditor.id },
    )
    const before = await latest(answer.id)
    const superseded = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: sourceEditorCookie,
      json: { status: 'superseded', supersededBy: replacement.id },
    })
    expect(superseded.status, superseded.text).toBe(200)
    const after = await latest(answer.id)
    expect({
      lastEditedBy: relationId(after.lastEditedBy),
      authors: (after.authors ?? []).map((author) => String(relationId(author))),
    }).toEqual({
      lastEditedBy: relationId(before.lastEditedBy),
      authors: (before.authors ?? []).map((author) => String(relationId(author))),
    })
  })

  it('an answer in review whose stored draft does not validate does not stop the source being superseded', async () => {
    const source = await createSource(payload, type.id)
    const replacement = await createSource(payload, type.id)
    const reviewer = await createUser(payload, { roles: ['reviewer'], credentials: 'MD', specialties: [type.id] })
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    // A version saved before drafts were validated (reviewLock.isHeldForReview allows for these): a title under 10 characters.
    const db = (payload.db as unknown as { drizzle: { run: (q: unknown) => Promise<unknown> } }).drizzle
    await db.run(sql`UPDATE \`_answers_v\` SET \`version_title\` = 'Short' WHERE \`parent_id\` = ${answer.id};`)
    await db.run(sql`UPDATE \`answers\` SET \`title\` = 'Short' WHERE \`id\` = ${answer.id};`)
    const superseded = await rest.patch(`/guideline-sources/${source.id}`, {
      cookie: sourceEditorCookie,
      json: { status: 'superseded', supersededBy: replacement.id },
    })
    expect(superseded.status, superseded.text).toBe(200)
  })
})
