/**
 * The use cases behind the custom endpoints (issue 12, "endpoints thin"): what they read, and that
 * the dashboard and the monthly report agree on spend.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { CancerType, GuidelineSource, User } from '@/payload-types'
import { loadEditorDashboard } from '@/lib/dashboard/loadDashboard'
import { loadMonthlyModelUsage } from '@/lib/usage/monthlyModelUsage'
import { PASSWORD, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let editor: User
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie History' })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

type Reads = { localApi: number; database: number }

/**
 * Counts the reads of the answers collection while `run` runs: through the Local API (what the
 * project's code asks for) and at the database adapter (also what Payload reads for itself, e.g.
 * the document an update starts from, and what the answers' hooks read).
 */
async function countAnswerReads(run: () => Promise<unknown>): Promise<Reads> {
  const reads: Reads = { localApi: 0, database: 0 }
  const spies = [
    ...(['findByID', 'find', 'count', 'findVersions', 'countVersions'] as const).map((method) => {
      const original = payload[method].bind(payload) as (args: { collection: string }) => Promise<unknown>
      return vi.spyOn(payload, method).mockImplementation(((args: { collection: string }) => {
        if (args.collection === 'answers') reads.localApi += 1
        return original(args)
      }) as never)
    }),
    ...(['find', 'findOne', 'count', 'queryDrafts', 'findVersions', 'countVersions'] as const).map((method) => {
      const original = (payload.db[method] as (args: { collection: string }) => Promise<unknown>).bind(payload.db)
      return vi.spyOn(payload.db, method).mockImplementation(((args: { collection: string }) => {
        if (args.collection === 'answers') reads.database += 1
        return original(args)
      }) as never)
    }),
  ]
  try {
    await run()
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
  return reads
}

describe('recording one approval', () => {
  // Before: 6 reads through the Local API (the endpoint, verifyRelationsExist, bindApprovalToContent,
  // the approval rule, the question's status update, the publication email) and 11 at the database.
  it('reads the answer twice through the Local API (six times before), five times at the database (eleven)', async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Count' })
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    const cookie = await rest.login(reviewer.email, PASSWORD)
    let status = 0
    const reads = await countAnswerReads(async () => {
      const response = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: { decision: 'approve', attestation: true } })
      status = response.status
    })
    expect(status).toBe(201)
    expect((await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 }))._status).toBe('published')
    // recordDecision reads it; verifyRelationsExist checks it exists. Everything after reuses the first read.
    expect(reads.localApi).toBeLessThanOrEqual(2)
    expect(reads.database).toBeLessThanOrEqual(5)
  })
})
