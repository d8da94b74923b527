/**
 * The use cases behind the custom endpoints (issue 12, "endpoints thin"): what they read, and that
 * the dashboard and the monthly report agree on spend.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { CancerType, GuidelineSource, User } from '@/payload-types'
import { loadEditorDashboard } from '@/lib/dashboard/loadDashboard'
import { loadMonthlyModelUsage } from '@/lib/usage/monthlyModelUsage'
import { VERSION_FIELDS } from '@/lib/answers/answerHistory'
import {
  PASSWORD,
  createAnswerInReview,
  createCancerType,
  createCompleteDraft,
  createSource,
  createUser,
  approvalBody,
} from '../helpers/fixtures'
import { adapterCalls } from '../helpers/adapterCalls'
import { missingId, startPayload, stopPayload } from '../helpers/payload'
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
    const approval = await approvalBody(payload, answer.id) // what the reviewer read, before the request
    const reads = await countAnswerReads(async () => {
      const response = await rest.post(`/answers/${answer.id}/decision`, { cookie, json: approval })
      status = response.status
    })
    expect(status).toBe(201)
    expect((await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 }))._status).toBe('published')
    // recordDecision reads it; verifyRelationsExist checks it exists. Everything after reuses the first read.
    // Plus one query that is not a read of this answer: publication reads how many live answers fall
    // due on each day of the review window, to spread due dates (issue 14, src/lib/lifecycle/dueDates.ts).
    // And one primary-key read of the live row at the database (issue 15, rememberLiveAnswer in
    // hooks/refreshPublicReads.ts): Payload's previousDoc is the latest version, which cannot tell a
    // first publication from a revision, so the public change's kind and CDN purge need what was live.
    expect(reads.localApi).toBeLessThanOrEqual(2 + 1)
    expect(reads.database).toBeLessThanOrEqual(5 + 1 + 1)
  })
})

describe('model spend', () => {
  it('the dashboard and the monthly report give the same figure for the same ledger (0.1 + 0.2 used to be 0.30000000000000004 on one)', async () => {
    const month = new Date().toISOString().slice(0, 7)
    for (const costUsd of [0.1, 0.2, null]) {
      await payload.create({
        collection: 'model-usage',
        data: { month, model: 'claude-sonnet-4-6', purpose: 'draft', outcome: 'used', tokensIn: 10, tokensOut: 5, costUsd },
        overrideAccess: true,
      })
    }
    const dashboard = (await loadEditorDashboard(payload)).spend
    const response = await rest.get('/model-usage/monthly', { cookie: editorCookie })
    expect(response.status).toBe(200)
    const [row] = response.body.months
    expect(dashboard).toEqual({ month, calls: 3, costUsd: 0.3 })
    expect(row).toMatchObject({ month, calls: 3, costUsd: 0.3, unpricedCalls: 1, tokensIn: 30, tokensOut: 15 })
    expect(row.costUsd).toBe(dashboard.costUsd)
    const req = { payload, context: {} } as never
    expect((await loadMonthlyModelUsage(req, 1))[0]!.costUsd).toBe(dashboard.costUsd)
  })

  it('the dashboard keeps the month’s sum until a usage row is added: a view then counts the rows and reads none', async () => {
    const month = new Date().toISOString().slice(0, 7)
    const record = (costUsd: number) =>
      payload.create({
        collection: 'model-usage',
        data: { month, model: 'claude-sonnet-4-6', purpose: 'draft', outcome: 'used', tokensIn: 10, tokensOut: 5, costUsd },
        overrideAccess: true,
      })
    await record(1.25)
    const before = (await loadEditorDashboard(payload)).spend
    const usageReads = async () =>
      (await adapterCalls(payload, () => loadEditorDashboard(payload))).filter((call) => call.collection === 'model-usage')
    expect(await usageReads()).toEqual([{ operation: 'count', collection: 'model-usage' }])
    await record(0.5)
    const after = (await loadEditorDashboard(payload)).spend
    expect(after).toEqual({ month, calls: before.calls + 1, costUsd: Math.round((before.costUsd + 0.5) * 1e6) / 1e6 })
  })

  it('months out of range or not a number: 400 naming the parameter (it was silently 12)', async () => {
    for (const months of ['0', 'abc', '121', '1.5']) {
      const response = await rest.get(`/model-usage/monthly?months=${months}`, { cookie: editorCookie })
      expect(response.status, months).toBe(400)
      expect(response.body.errors[0].message).toBe('months must be a whole number from 1 to 120.')
    }
    expect((await rest.get('/model-usage/monthly?months=2', { cookie: editorCookie })).status).toBe(200)
  })
})

describe('answer history', () => {
  it('reads only the fields a version line shows, not whole versions, and still shows who and what', async () => {
    const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Versions' })
    const answer = await createCompleteDraft(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id },
      { assignedReviewers: [reviewer.id] },
    )
    await payload.update({ collection: 'answers', id: answer.id, data: { keyTakeaway: 'Changed.' }, draft: true, overrideAccess: true })
    const selects: unknown[] = []
    const findVersions = payload.findVersions.bind(payload)
    const spy = vi.spyOn(payload, 'findVersions').mockImplementation(((args: Parameters<typeof findVersions>[0]) => {
      selects.push(args.select)
      return findVersions(args).then((result) => {
        // What the database gave back: no body, summary or citations of any version.
        for (const doc of result.docs) expect(Object.keys(doc.version).sort()).not.toEqual(expect.arrayContaining(['body']))
        for (const doc of result.docs) expect(doc.version).not.toHaveProperty('summary')
        return result
      })
    }) as never)
    try {
      const response = await rest.get(`/answers/${answer.id}/history`, { cookie: editorCookie })
      expect(response.status, response.text).toBe(200)
      expect(selects).toEqual([{ updatedAt: true, version: Object.fromEntries(VERSION_FIELDS.map((field) => [field, true])) }])
      const versions = response.body.events.filter((event: { kind: string }) => event.kind === 'version')
      expect(versions).toHaveLength(2)
      expect(versions[0].summary).toBe('Saved (stage: draft, reviewers: Dr Versions) by Eddie History')
      expect(response.body.versions).toEqual({ shown: 2, total: 2 })
      expect(JSON.stringify(response.body)).not.toContain('Usually another treatment comes first')
    } finally {
      spy.mockRestore()
    }
  })

  // Versions are the record of what was approved and live: none is deleted to keep a cap (it was 100,
  // and each save read the versions beyond it).
  it('keeps every version of an answer: after 101 saves the first version is still there', async () => {
    const answer = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id, editorId: editor.id })
    const versions = (sort: string) =>
      payload.findVersions({
        collection: 'answers',
        where: { parent: { equals: answer.id } },
        sort,
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
    const first = (await versions('createdAt')).docs[0]!
    for (let save = 1; save <= 101; save++)
      await payload.update({
        collection: 'answers',
        id: answer.id,
        data: { keyTakeaway: `Ask your team what fits you (save ${save}).` },
        draft: true,
        overrideAccess: true,
      })
    const all = await versions('createdAt')
    expect(all.totalDocs).toBe(102)
    expect(all.docs[0]!.id).toBe(first.id)
    expect((await versions('-createdAt')).docs[0]!.version.keyTakeaway).toBe('Ask your team what fits you (save 101).')
  })

  it('an unknown answer: 404 that says so', async () => {
    const response = await rest.get(`/answers/${missingId()}/history`, { cookie: editorCookie })
    expect(response.status).toBe(404)
    expect(response.body.errors[0].message).toBe(`Answer ${missingId()} does not exist.`)
  })
})

describe('forgot-password through the shared parser', () => {
  /** The admin's "Forgot password?" form posts multipart form data with the JSON in `_payload`. */
  const form = (payloadJson: string) => {
    const boundary = 'endpointsTestBoundary'
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n${payloadJson}\r\n--${boundary}--\r\n`
    return rest.request('POST', '/users/forgot-password', {
      stream: new Blob([body]).stream(),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-forwarded-for': '10.9.8.7' },
    })
  }

  it("still takes the admin form's multipart body, and refuses one without an email with the same message", async () => {
    const ok = await form(JSON.stringify({ email: 'someone@example.org' }))
    expect(ok.status, ok.text).toBe(200)
    const missing = await form(JSON.stringify({}))
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].message).toBe('Give the email address of your account, e.g. name@example.org.')
  })
})
