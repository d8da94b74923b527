/**
 * One test per cell of the access matrix (tests/helpers/accessMatrix.ts), through the real REST
 * handler with real sessions. Conditional cells check both sides: e.g. "own" means the caller's
 * own record works AND someone else's does not.
 */
import crypto from 'node:crypto'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { ACCESS_MATRIX, ACTORS, COLLECTIONS, KEY_ACTORS, type Actor, type MatrixCollection } from '../helpers/accessMatrix'
import { createApiKey } from '@/lib/apiKeys'
import {
  PASSWORD,
  approveAs,
  createAnswerInReview,
  createCompleteDraft,
  createCancerType,
  createNotification,
  createQuestion,
  createSource,
  createUser,
  unique,
} from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'
import { relationId, type Id } from '@/lib/relationId'

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
const people = {} as Record<'admin' | 'editor' | 'reviewer' | 'otherReviewer', User>
/** How each actor authenticates: a session cookie for people, `Authorization: Bearer ck_...` for API keys. */
const auth = {} as Record<Actor, { cookie?: string; headers?: Record<string, string> }>

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  people.admin = await createUser(payload, { roles: ['admin'] })
  people.editor = await createUser(payload, { roles: ['editor'] })
  people.reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
  people.otherReviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
  auth.anonymous = {}
  for (const actor of ['admin', 'editor', 'reviewer'] as const) {
    auth[actor] = { cookie: await rest.login(people[actor].email, PASSWORD) }
  }
  for (const role of KEY_ACTORS) {
    const { key } = await createApiKey(payload, { name: `Matrix ${role}`, role })
    auth[role] = { headers: { authorization: `Bearer ${key}` } }
  }
})
afterAll(async () => stopPayload(payload))

const answerFor = (reviewers: User[]) => createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers })

async function publishedAnswer(): Promise<Answer> {
  const answer = await answerFor([people.otherReviewer])
  await approveAs(payload, people.otherReviewer, answer.id)
  return answer
}

async function requestChangesAs(reviewer: User) {
  const answer = await answerFor([reviewer])
  return payload.create({
    collection: 'approvals',
    data: { answer: answer.id, decision: 'request_changes', comment: 'Please check the wording.' },
    user: reviewer,
    overrideAccess: false,
  })
}

/** A document belonging to this person, for "own" cells: their account, their decision, their claim mark. */
const ownDoc: Partial<Record<MatrixCollection, (person: User) => Promise<{ id: Id }>>> = {
  users: async (person) => person,
  approvals: requestChangesAs,
  'claim-checks': async (person) =>
    payload.create({
      collection: 'claim-checks',
      data: {
        answer: (await answerFor([person])).id,
        claimId: crypto.randomBytes(8).toString('hex'),
        reviewer: person.id,
        verifiedAt: new Date().toISOString(),
      },
      overrideAccess: true,
    }),
}

/** A fresh document per collection, made by server code, for read/update/delete cells. */
const freshDoc: Record<MatrixCollection, () => Promise<{ id: Id }>> = {
  users: () => createUser(payload, { roles: ['editor'] }),
  'cancer-types': () => createCancerType(payload),
  questions: () => createQuestion(payload, type.id),
  'guideline-sources': () => createSource(payload, type.id),
  // A draft: an answer in review is locked for everyone (issue 12, tests/int/review-lock.test.ts).
  answers: () => createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id }, { assignedReviewers: [people.reviewer.id] }),
  approvals: () => requestChangesAs(people.reviewer),
  notifications: () => createNotification(payload),
  'model-usage': () =>
    payload.create({
      collection: 'model-usage',
      data: { month: '2026-11', model: 'claude-sonnet-5', purpose: 'draft', outcome: 'used', tokensIn: 10, tokensOut: 5, costUsd: 0.0001 },
      overrideAccess: true,
    }),
  'question-imports': () =>
    payload.create({
      collection: 'question-imports',
      data: { fileName: 'questions.csv', importedBy: people.editor.id, totalRows: 0, importedCount: 0, rejectedCount: 0, rows: [] },
      overrideAccess: true,
    }),
  'workflow-events': async () =>
    payload.create({
      collection: 'workflow-events',
      data: { answer: (await answerFor([people.reviewer])).id, event: 'submit', from: 'draft', to: 'in_review', byName: 'the system' },
      overrideAccess: true,
    }),
  'claim-checks': async () =>
    payload.create({
      collection: 'claim-checks',
      data: {
        answer: (await answerFor([people.reviewer])).id,
        claimId: '0123456789abcdef',
        reviewer: people.reviewer.id,
        verifiedAt: new Date().toISOString(),
      },
      overrideAccess: true,
    }),
  'evidence-changes': () =>
    payload.create({
      collection: 'evidence-changes',
      data: { source: source.id, kind: 'edited', changedOn: new Date().toISOString(), status: 'queued' },
      overrideAccess: true,
    }),
  'cdn-purges': () =>
    payload.create({ collection: 'cdn-purges', data: { tags: 'answers', kind: 'site', status: 'pending' }, overrideAccess: true }),
  'api-keys': async () => (await createApiKey(payload, { name: unique('Key'), role: 'site' })).doc,
  'webhook-endpoints': () => payload.create({ collection: 'webhook-endpoints', data: webhookEndpointData(), overrideAccess: true }),
  'webhook-deliveries': async () =>
    payload.create({
      collection: 'webhook-deliveries',
      data: {
        endpoint: (await payload.create({ collection: 'webhook-endpoints', data: webhookEndpointData(), overrideAccess: true })).id,
        event: 'answer.review_overdue',
        answerKey: '1',
        messageId: unique('msg'),
        dedupeKey: unique('key'),
        body: '{}',
        // Delivered already: nothing is sent while the matrix runs.
        status: 'delivered',
      },
      overrideAccess: true,
    }),
}

/** An endpoint nothing in this file sends to: subscribed to overdue reviews only, at a public address. */
const webhookEndpointData = () => ({
  name: unique('Endpoint'),
  url: 'https://receiver.example.org/hooks',
  events: ['answer.review_overdue' as const],
  secret: `whsec_${Buffer.alloc(32, 5).toString('base64')}`,
})

/** A valid body for POST, so that a refusal can only come from access control. */
const createBody: Record<MatrixCollection, () => Promise<Record<string, unknown>>> = {
  users: async () => ({ email: `${unique('new')}@example.org`, password: PASSWORD, name: 'New Person', roles: ['editor'] }),
  'cancer-types': async () => ({ name: unique('Type') }),
  questions: async () => ({ text: 'What does a new patient question look like here?', cancerType: type.id }),
  'guideline-sources': async () => ({
    publisher: 'asco',
    title: unique('Guideline'),
    version: 'v1',
    publicationDate: '2026-01-01',
    url: 'https://www.asco.org/',
    cancerTypes: [type.id],
    passages: [{ passageId: 'a-1', text: 'Paraphrase.' }],
  }),
  answers: async () => ({
    question: (await createQuestion(payload, type.id)).id,
    title: 'A new answer about treatment',
    cancerType: type.id,
  }),
  approvals: async () => ({ answer: (await answerFor([people.reviewer])).id, decision: 'request_changes', comment: 'Needs work.' }),
  notifications: async () => ({ to: 'x@example.org', subject: 'Hello', template: 'review_assigned', text: 'Body' }),
  'model-usage': async () => ({ month: '2026-11', model: 'claude-sonnet-5', purpose: 'draft', outcome: 'used', costUsd: 0 }),
  'question-imports': async () => ({ fileName: 'questions.csv', totalRows: 0, importedCount: 0, rejectedCount: 0, rows: [] }),
  'workflow-events': async () => ({
    answer: (await answerFor([people.reviewer])).id,
    event: 'publish',
    from: 'draft',
    to: 'published',
    byName: 'Someone',
  }),
  'claim-checks': async () => ({
    answer: (await answerFor([people.reviewer])).id,
    claimId: '0123456789abcdef',
    reviewer: people.reviewer.id,
    verifiedAt: new Date().toISOString(),
  }),
  'evidence-changes': async () => ({ source: source.id, kind: 'edited', changedOn: new Date().toISOString(), status: 'flagged' }),
  'cdn-purges': async () => ({ tags: 'public', kind: 'site' }),
  'api-keys': async () => ({ name: unique('Portal importer'), role: 'importer' }),
  'webhook-endpoints': async () => webhookEndpointData(),
  'webhook-deliveries': async () => ({
    event: 'answer.published',
    answerKey: '1',
    messageId: 'msg_x',
    dedupeKey: unique('key'),
    body: '{}',
  }),
}

/** A harmless change per collection, and how to see whether it landed. */
const change: Record<MatrixCollection, { data: Record<string, unknown>; field: string; query?: string }> = {
  // Not the name: patients read reviewers' names, so only an admin changes it. A new address each time (unique).
  users: {
    get data() {
      return { email: `${unique('moved')}@example.org` }
    },
    field: 'email',
  },
  'cancer-types': { data: { reviewIntervalMonths: 7 }, field: 'reviewIntervalMonths' },
  questions: { data: { notes: 'An editorial note.' }, field: 'notes' },
  'guideline-sources': { data: { version: 'Version 9' }, field: 'version' },
  answers: { data: { summary: 'A corrected summary.' }, field: 'summary', query: '?draft=true' },
  approvals: { data: { comment: 'Rewritten history.' }, field: 'comment' },
  notifications: { data: { attempts: 3 }, field: 'attempts' },
  'model-usage': { data: { costUsd: 99 }, field: 'costUsd' },
  'question-imports': { data: { importedCount: 99 }, field: 'importedCount' },
  'workflow-events': { data: { why: 'Rewritten history.' }, field: 'why' },
  'claim-checks': { data: { claimId: 'fedcba9876543210' }, field: 'claimId' },
  'evidence-changes': { data: { note: 'Rewritten history.' }, field: 'note' },
  'cdn-purges': { data: { tags: 'answers cancer-types' }, field: 'tags' },
  'api-keys': { data: { name: 'Renamed key' }, field: 'name' },
  'webhook-endpoints': { data: { name: 'Renamed endpoint' }, field: 'name' },
  'webhook-deliveries': { data: { status: 'skipped' }, field: 'status' },
}

const read = (collection: MatrixCollection, id: Id, draft = true) =>
  payload.findByID({ collection, id, depth: 0, overrideAccess: true, disableErrors: true, draft } as never) as unknown as Promise<Record<
    string,
    unknown
  > | null>

const denied = [403, 404]

describe.each(COLLECTIONS)('%s', (collection) => {
  describe.each(ACTORS)('%s', (actor) => {
    const row = ACCESS_MATRIX[collection][actor]

    it(`create: ${row.create}`, async () => {
      const who = auth[actor]
      const response = await rest.post(`/${collection}`, { ...who, json: await createBody[collection]() })
      if (row.create === 'intake') {
        // Payload's create body is not intake's: the key gets intake's 400, never Payload's create.
        expect(response.status, response.text).toBe(400)
        const intake = await rest.post(`/${collection}`, {
          ...who,
          json: { questions: [{ question: unique('Can an importer send this question'), cancerType: type.name }] },
        })
        expect(intake.status, intake.text).toBe(201)
        const id = intake.body.created[0].id
        expect((await read(collection, id))?.intakeKey).toBeTruthy()
      } else if (row.create === 'yes') {
        expect(response.status, response.text).toBe(201)
      } else if (row.create === 'assigned') {
        expect(response.status, response.text).toBe(201)
        const notMine = await answerFor([people.otherReviewer])
        const refused = await rest.post(`/${collection}`, {
          ...who,
          json: { answer: notMine.id, decision: 'request_changes', comment: 'x' },
        })
        // Refused as an unknown answer is, so the refusal does not tell that it exists.
        expect(refused.status, refused.text).toBe(400)
        expect(refused.text).toContain(`No answer with id ${notMine.id} exists.`)
      } else {
        expect(response.status, response.text).toBe(403)
      }
    })

    it(`read: ${row.read}`, async () => {
      const who = auth[actor]
      if (row.read === 'yes' || row.read === 'no') {
        const doc = await freshDoc[collection]()
        const response = await rest.get(`/${collection}/${doc.id}?draft=true`, who)
        if (row.read === 'yes') {
          expect(response.status, response.text).toBe(200)
          expect(response.body.id).toBe(doc.id)
        } else {
          expect(response.status, response.text).toBe(403)
        }
        const list = await rest.get(`/${collection}?limit=100&draft=true`, who)
        if (row.read === 'yes') expect(list.body.docs.some((d: { id: Id }) => d.id === doc.id)).toBe(true)
        else expect(list.status).toBe(403)
      } else if (row.read === 'own') {
        const ownedBy = ownDoc[collection]
        if (!ownedBy) throw new Error(`No "own" document for ${collection}: add one to ownDoc`)
        const own = await ownedBy(people[actor as 'reviewer'])
        const others = await ownedBy(collection === 'users' ? people.admin : people.otherReviewer)
        expect((await rest.get(`/${collection}/${own.id}`, who)).status).toBe(200)
        expect((await rest.get(`/${collection}/${others.id}`, who)).status).toBe(404)
        const list = await rest.get(`/${collection}?limit=100`, who)
        expect(list.body.docs.map((d: { id: Id }) => d.id)).toContain(own.id)
        expect(list.body.docs.map((d: { id: Id }) => d.id)).not.toContain(others.id)
      } else if (row.read === 'published') {
        const live = await publishedAnswer()
        const draft = await answerFor([people.reviewer])
        expect((await rest.get(`/${collection}/${live.id}`, who)).status).toBe(200)
        expect((await rest.get(`/${collection}/${draft.id}`, who)).status).toBe(404)
        expect((await rest.get(`/${collection}/${draft.id}?draft=true`, who)).status).toBe(404)
        const list = await rest.get(`/${collection}?limit=100&draft=true`, who)
        const ids = list.body.docs.map((d: { id: Id }) => d.id)
        expect(ids).toContain(live.id)
        expect(ids).not.toContain(draft.id)
      } else if (row.read === 'sent') {
        const sent = await rest.post(`/${collection}`, {
          ...who,
          json: { questions: [{ question: unique('Which question did this key send'), cancerType: type.name }] },
        })
        const mine = sent.body.created[0].id
        const other = await freshDoc[collection]()
        const status = await rest.get(`/${collection}/intake/${mine}`, who)
        expect(status.status, status.text).toBe(200)
        expect(status.body).toMatchObject({ id: mine, status: 'new' })
        expect((await rest.get(`/${collection}/intake/${other.id}`, who)).status).toBe(404)
        expect((await rest.get(`/${collection}/${mine}`, who)).status).toBe(403)
        expect((await rest.get(`/${collection}?limit=100`, who)).status).toBe(403)
      } else if (row.read === 'assigned') {
        const mine = await answerFor([people.reviewer])
        const notMine = await answerFor([people.otherReviewer])
        // Answers themselves, or (questions) the question of each.
        const idOf = (answer: Answer) => (collection === 'questions' ? relationId(answer.question)! : answer.id)
        expect((await rest.get(`/${collection}/${idOf(mine)}?draft=true`, who)).status).toBe(200)
        expect((await rest.get(`/${collection}/${idOf(notMine)}?draft=true`, who)).status).toBe(404)
        const list = await rest.get(`/${collection}?limit=100&draft=true`, who)
        const ids = list.body.docs.map((d: { id: Id }) => d.id)
        expect(ids).toContain(idOf(mine))
        expect(ids).not.toContain(idOf(notMine))
      } else {
        throw new Error(`No read check for "${row.read}"`)
      }
    })

    it(`update: ${row.update}`, async () => {
      const who = auth[actor]
      const { data, field, query = '' } = change[collection]
      if (row.update === 'own') {
        const self = people[actor as 'editor' | 'reviewer']
        // Changing one's own email asks for the current password (requireCurrentPassword).
        const mine = await rest.patch(`/${collection}/${self.id}`, {
          ...who,
          json: collection === 'users' ? { ...data, currentPassword: PASSWORD } : data,
        })
        expect(mine.status, mine.text).toBe(200)
        expect((await read(collection, self.id))?.[field]).toBe(data[field])
        const other = await freshDoc[collection]()
        const theirs = await rest.patch(`/${collection}/${other.id}`, { ...who, json: data })
        expect(denied).toContain(theirs.status)
        expect((await read(collection, other.id))?.[field]).not.toBe(data[field])
        return
      }
      const doc = await freshDoc[collection]()
      const response = await rest.patch(`/${collection}/${doc.id}${query}`, { ...who, json: data })
      if (row.update === 'yes') {
        expect(response.status, response.text).toBe(200)
        expect((await read(collection, doc.id))?.[field]).toBe(data[field])
      } else {
        expect(denied, response.text).toContain(response.status)
        expect((await read(collection, doc.id))?.[field]).not.toBe(data[field])
      }
    })

    it(`delete: ${row.delete}`, async () => {
      const who = auth[actor]
      if (row.delete === 'unpublished') {
        const draft = await freshDoc[collection]()
        expect((await rest.delete(`/${collection}/${draft.id}`, who)).status).toBe(200)
        expect(await read(collection, draft.id)).toBeNull()
        const live = await publishedAnswer()
        const refused = await rest.delete(`/${collection}/${live.id}`, who)
        expect(denied, refused.text).toContain(refused.status)
        expect(await read(collection, live.id, false)).not.toBeNull()
        return
      }
      const doc = await freshDoc[collection]()
      const response = await rest.delete(`/${collection}/${doc.id}`, who)
      if (row.delete === 'yes') {
        expect(response.status, response.text).toBe(200)
        expect(await read(collection, doc.id)).toBeNull()
      } else {
        expect(denied, response.text).toContain(response.status)
        expect(await read(collection, doc.id)).not.toBeNull()
      }
    })
  })
})
