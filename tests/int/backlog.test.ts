/** The backlog's bulk actions (POST /api/questions/bulk): per-question results, reasons, no partial writes. */
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Question } from '@/payload-types'
import { relationId, type Id } from '@/lib/relationId'
import { createCancerType, createCompleteDraft, createQuestion, createSource, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload, missingId } = await import('../helpers/payload')
const { loadBacklog, parseBacklogFilters } = await import('@/lib/backlog/loadBacklog')

let payload: Payload
let rest: RestClient
let editorCookie: string
let typeId: Id
let sourceId: Id

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  const type = await createCancerType(payload)
  typeId = type.id
  sourceId = (await createSource(payload, type.id)).id
  await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Routed' })
  const editor = await createUser(payload, { roles: ['editor'] })
  editorCookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const bulk = (json: unknown, cookie = editorCookie) => rest.post('/questions/bulk', { cookie, json })
const statusOf = async (id: Id) => ((await payload.findByID({ collection: 'questions', id, depth: 0 })) as Question).status

describe('POST /api/questions/bulk', () => {
  it('archive: done where allowed, each refusal with its reason, refused questions untouched', async () => {
    const fresh = await createQuestion(payload, typeId)
    const inReview = await createQuestion(payload, typeId, { status: 'in_review' })
    const published = await createQuestion(payload, typeId, { status: 'published' })
    const response = await bulk({ action: 'archive', ids: [fresh.id, inReview.id, published.id, missingId()] })
    expect(response.status).toBe(200)
    expect(response.body.summary).toBe('Archived: 1 of 4.')
    expect(response.body.done.map((item: { id: string }) => item.id)).toEqual([String(fresh.id)])
    expect(response.body.refused).toEqual([
      { id: String(inReview.id), status: 409, reason: 'Its answer is in review; the reviewer decides first.' },
      { id: String(published.id), status: 409, reason: 'It has a published answer; an admin must take that offline first.' },
      { id: String(missingId()), status: 404, reason: `Question ${missingId()} does not exist.` },
    ])
    expect(await statusOf(fresh.id)).toBe('archived')
    expect(await statusOf(inReview.id)).toBe('in_review')
    expect(await statusOf(published.id)).toBe('published')
  })

  it('an item whose write fails mid-step (a stored text that no longer validates) is reported and rolled back; the others are done', async () => {
    const [first, broken, last] = [
      await createQuestion(payload, typeId),
      await createQuestion(payload, typeId),
      await createQuestion(payload, typeId),
    ]
    // Stored before today's length rule, as an old import might have: written past the validation.
    await payload.db.updateOne({ collection: 'questions', id: broken.id, data: { text: 'Chemo?' } })
    const response = await bulk({ action: 'archive', ids: [first.id, broken.id, last.id] })
    expect(response.status, response.text).toBe(200)
    expect(response.body.summary).toBe('Archived: 2 of 3.')
    expect(response.body.done.map((item: { id: string }) => item.id)).toEqual([String(first.id), String(last.id)])
    expect(response.body.refused).toHaveLength(1)
    expect(response.body.refused[0]).toMatchObject({ id: String(broken.id), status: 500 })
    expect(response.body.refused[0].reason).toMatch(/^Not changed: Question \S+ could not move \(archive\)/)
    expect(await statusOf(first.id)).toBe('archived')
    expect(await statusOf(broken.id)).toBe('new')
    expect(await statusOf(last.id)).toBe('archived')
  })

  it('with the database failing, three unexpected errors in a row stop the run: the rest is reported as not tried (503)', async () => {
    const questions = []
    for (let i = 0; i < 6; i++) questions.push(await createQuestion(payload, typeId))
    const findByID = payload.findByID.bind(payload)
    let reads = 0
    const spy = vi.spyOn(payload, 'findByID').mockImplementation((args) => {
      if (args.collection !== 'questions') return findByID(args)
      reads++
      // The first question is read fine; from the second on, the database is gone.
      return reads === 1 ? findByID(args) : Promise.reject(new Error('SQLITE_IOERR: disk I/O error (injected)'))
    })
    let response
    try {
      response = await bulk({ action: 'archive', ids: questions.map((question) => question.id) })
    } finally {
      spy.mockRestore()
    }
    expect(response.status, response.text).toBe(200)
    expect(response.body.summary).toBe('Archived: 1 of 6.')
    expect(reads).toBe(4) // the fourth item onwards were not tried
    expect(response.body.refused.map((item: { status: number }) => item.status)).toEqual([500, 500, 500, 503, 503])
    expect(response.body.refused[3].reason).toBe(
      'Not tried: the 3 items before it failed with unexpected errors, as when the database cannot be reached. Nothing was changed; try again later.',
    )
    expect(response.body.refused.map((item: { id: string }) => item.id)).toEqual(questions.slice(1).map((question) => String(question.id)))
    for (const question of questions.slice(1)) expect(await statusOf(question.id)).toBe('new')
  })

  it('duplicate: links each to the original; the original itself is refused', async () => {
    const original = await createQuestion(payload, typeId)
    const copy = await createQuestion(payload, typeId)
    const response = await bulk({ action: 'duplicate', ids: [copy.id, original.id], duplicateOf: original.id })
    expect(response.status).toBe(200)
    expect(response.body.summary).toBe('Marked as duplicate: 1 of 2.')
    expect(response.body.refused).toEqual([{ id: String(original.id), status: 409, reason: 'A question cannot be a duplicate of itself.' }])
    const saved = (await payload.findByID({ collection: 'questions', id: copy.id, depth: 0 })) as Question
    expect(saved).toMatchObject({ status: 'duplicate', duplicateOf: original.id })
    expect(await statusOf(original.id)).toBe('new')
  })

  it('duplicate of a duplicate is refused (no cycle can leave the backlog without its original); an original with duplicates is not deleted', async () => {
    const original = await createQuestion(payload, typeId)
    const copy = await createQuestion(payload, typeId)
    expect((await bulk({ action: 'duplicate', ids: [copy.id], duplicateOf: original.id })).body.done).toHaveLength(1)
    const back = await bulk({ action: 'duplicate', ids: [original.id], duplicateOf: copy.id })
    expect(back.status).toBe(409)
    expect(back.body.errors[0].message).toBe(
      `Question ${copy.id} is itself marked as a duplicate of question ${original.id}; mark these as duplicates of the question it duplicates.`,
    )
    expect(await statusOf(original.id)).toBe('new')
    // Nor may the original become a duplicate of a third question: its copy would name a duplicate.
    const third = await createQuestion(payload, typeId)
    const chained = await bulk({ action: 'duplicate', ids: [original.id], duplicateOf: third.id })
    expect(chained.status).toBe(200)
    expect(chained.body.refused).toEqual([
      {
        id: String(original.id),
        status: 409,
        reason: 'One question is marked as a duplicate of this one; mark it as a duplicate of the other question first, or reopen it.',
      },
    ])
    // Below the backlog, the save itself refuses both.
    const markBelowBacklog = (duplicateOf: Id) =>
      payload.update({ collection: 'questions', id: original.id, data: { status: 'duplicate', duplicateOf }, overrideAccess: true })
    await expect(markBelowBacklog(third.id)).rejects.toMatchObject({ status: 400 })
    await expect(markBelowBacklog(copy.id)).rejects.toMatchObject({ status: 400 })
    expect(await statusOf(original.id)).toBe('new')

    const deleted = await rest.delete(`/questions/${original.id}`, { cookie: editorCookie })
    expect(deleted.status).toBe(409)
    expect(deleted.body.errors[0].message).toBe(
      'One question is marked as a duplicate of this one. Reopen it from the backlog before deleting it, or archive this question instead.',
    )
    expect(await payload.findByID({ collection: 'questions', id: copy.id, depth: 0 })).toMatchObject({
      status: 'duplicate',
      duplicateOf: original.id,
    })
    // Reopened, the copy names nothing, and the original may go.
    expect((await bulk({ action: 'reopen', ids: [copy.id] })).body.done).toHaveLength(1)
    expect((await rest.delete(`/questions/${original.id}`, { cookie: editorCookie })).status).toBe(200)
  })

  it('duplicate without an existing original: 400, nothing changed', async () => {
    const question = await createQuestion(payload, typeId)
    expect((await bulk({ action: 'duplicate', ids: [question.id] })).body.errors[0].message).toBe(
      'Say which question these duplicate (duplicateOf).',
    )
    const unknown = await bulk({ action: 'duplicate', ids: [question.id], duplicateOf: missingId() })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].message).toBe(`Question ${missingId()} (the original) does not exist.`)
    expect(await statusOf(question.id)).toBe('new')
  })

  it('draft: queues drafting jobs, refuses questions already in the pipeline', async () => {
    const fresh = await createQuestion(payload, typeId)
    const archived = await createQuestion(payload, typeId, { status: 'archived' })
    const response = await bulk({ action: 'draft', ids: [fresh.id, archived.id] })
    expect(response.body.summary).toBe('Sent to drafting: 1 of 2.')
    expect(response.body.done[0]).toMatchObject({ id: String(fresh.id), jobId: expect.anything() })
    expect(response.body.refused[0].reason).toMatch(/archived/)
    expect(await statusOf(fresh.id)).toBe('drafting')
  })

  it('submit: the newest draft of each question goes to review and is routed; no draft is a reason', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    const questionId = relationId(draft.question)!
    const noDraft = await createQuestion(payload, typeId)
    const response = await bulk({ action: 'submit', ids: [questionId, noDraft.id] })
    expect(response.status).toBe(200)
    expect(response.body.done).toEqual([{ id: String(questionId), answerId: draft.id, stage: 'in_review', reviewers: ['Dr Routed'] }])
    expect(response.body.refused).toEqual([
      { id: String(noDraft.id), status: 409, reason: 'It has no answer draft yet; send it to drafting first.' },
    ])
    const answer = await payload.findByID({ collection: 'answers', id: draft.id, draft: true, depth: 0 })
    expect(answer.workflowStage).toBe('in_review')
    // Submitting it again is refused with the workflow's own reason, and changes nothing.
    const again = await bulk({ action: 'submit', ids: [questionId] })
    expect(again.body.done).toEqual([])
    expect(again.body.refused[0].status).toBe(409)
  })

  it('submit: an archived question stays archived, its draft is not sent to a reviewer', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: typeId, sourceId })
    const questionId = relationId(draft.question)!
    expect((await bulk({ action: 'archive', ids: [questionId] })).body.done).toHaveLength(1)
    const response = await bulk({ action: 'submit', ids: [questionId] })
    expect(response.body.refused).toEqual([
      { id: String(questionId), status: 409, reason: 'It is archived; reopen it before its draft goes to review.' },
    ])
    expect(await statusOf(questionId)).toBe('archived')
    expect((await payload.findByID({ collection: 'answers', id: draft.id, draft: true, depth: 0 })).workflowStage).toBe('draft')
  })

  it('bad bodies: 400 with a message; reviewers 403; anonymous 401', async () => {
    const cases: [unknown, RegExp][] = [
      [{ action: 'delete', ids: [1] }, /action must be one of: draft, submit, archive, duplicate/],
      [{ action: 'archive', ids: [] }, /Select at least one question/],
      [{ action: 'archive', ids: 'all' }, /ids must be a list of question ids/],
      [{ action: 'archive', ids: Array.from({ length: 501 }, (_, i) => i + 1) }, /at most 500/],
    ]
    for (const [json, message] of cases) {
      const response = await bulk(json)
      expect(response.status, JSON.stringify(json).slice(0, 60)).toBe(400)
      expect(response.body.errors[0].message).toMatch(message)
    }
    const reviewer = await createUser(payload, { roles: ['reviewer'] })
    const question = await createQuestion(payload, typeId)
    expect((await bulk({ action: 'archive', ids: [question.id] }, await rest.login(reviewer.email, PASSWORD))).status).toBe(403)
    const anonymous = await rest.post('/questions/bulk', { json: { action: 'archive', ids: [question.id] } })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.errors[0].message).toBe('Sign in as an editor or admin to work the question backlog.')
    expect(await statusOf(question.id)).toBe('new')
  })
})

describe('the backlog view', () => {
  it('filters by cancer type, status and priority from the URL; sorts by age or urgency; shows the assigned reviewer', async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    await createUser(payload, { roles: ['reviewer'], specialties: [type.id], name: 'Dr Backlog' })
    const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString()
    const low = await createQuestion(payload, type.id, { priority: 'low', submittedAt: day(1) })
    const urgent = await createQuestion(payload, type.id, { priority: 'urgent', submittedAt: day(3) })
    const high = await createQuestion(payload, type.id, { priority: 'high', submittedAt: day(2) })
    await createQuestion(payload, type.id, { status: 'archived', submittedAt: day(4) })
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    await bulk({ action: 'submit', ids: [relationId(draft.question)] })

    const editor = await createUser(payload, { roles: ['editor'] })
    const req = await createLocalReq({ user: { ...editor, collection: 'users' } as never }, payload)
    const load = async (params: Record<string, string>) =>
      (await loadBacklog(req, parseBacklogFilters({ cancerType: String(type.id), ...params }))).rows
    expect((await load({ sort: 'oldest' })).slice(0, 3).map((row) => row.id)).toEqual([low, high, urgent].map((q) => String(q.id)))
    expect((await load({ sort: 'priority' })).slice(0, 3).map((row) => row.priority)).toEqual(['urgent', 'high', 'normal'])
    expect((await load({ sort: 'priority' })).at(-1)!.priority).toBe('low')
    expect((await load({ priority: 'high' })).map((row) => row.id)).toEqual([String(high.id)])
    expect((await load({})).map((row) => row.status)).not.toContain('archived') // open questions by default
    expect(await load({ status: 'archived' })).toHaveLength(1)
    const inReview = await load({ status: 'in_review' })
    expect(inReview).toEqual([
      expect.objectContaining({ id: String(relationId(draft.question)), reviewers: ['Dr Backlog'], cancerType: type.name }),
    ])
    // Values that are not real options are ignored rather than trusted.
    expect(parseBacklogFilters({ status: 'everything', priority: 'asap', sort: 'random', cancerType: "1' OR 1=1", page: '0' })).toEqual({
      status: undefined,
      priority: undefined,
      sort: 'oldest',
      cancerType: undefined,
      page: 1,
    })
    expect(parseBacklogFilters({ page: '3' }).page).toBe(3)
    expect(parseBacklogFilters({ page: '-2' }).page).toBe(1)
  })

  it('pages: every question is reachable, in the same order as one long list, also sorted by urgency across levels', async () => {
    const type = await createCancerType(payload)
    const day = (n: number) => new Date(Date.UTC(2026, 1, n)).toISOString()
    const levels = ['urgent', 'urgent', 'urgent', 'high', 'normal', 'normal', 'normal', 'normal', 'low', 'low', 'low'] as const
    for (const [i, priority] of levels.entries()) await createQuestion(payload, type.id, { priority, submittedAt: day(i + 1) })
    const editor = await createUser(payload, { roles: ['editor'] })
    const req = await createLocalReq({ user: { ...editor, collection: 'users' } as never }, payload)
    // Page sizes that split levels in every way (a page starting mid-level reads two of its pages).
    for (const sort of ['oldest', 'newest', 'priority'])
      for (const pageSize of [2, 3, 4, 5]) {
        const filters = (page: number) => parseBacklogFilters({ cancerType: String(type.id), sort, page: String(page) })
        const whole = await loadBacklog(req, filters(1), { pageSize: 100 })
        expect(whole.rows, sort).toHaveLength(levels.length)
        const pages = Math.ceil(levels.length / pageSize)
        const paged: string[] = []
        for (let page = 1; page <= pages; page++) {
          const { rows, totalDocs } = await loadBacklog(req, filters(page), { pageSize })
          expect(totalDocs, sort).toBe(levels.length)
          expect(rows.length, `${sort}, ${pageSize} a page, page ${page}`).toBe(Math.min(pageSize, levels.length - (page - 1) * pageSize))
          paged.push(...rows.map((row) => row.id))
        }
        expect(paged, `${sort}, ${pageSize} a page`).toEqual(whole.rows.map((row) => row.id))
        expect((await loadBacklog(req, filters(pages + 1), { pageSize })).rows, sort).toEqual([])
      }
    const byUrgency = await loadBacklog(req, parseBacklogFilters({ cancerType: String(type.id), sort: 'priority' }), { pageSize: 100 })
    expect(byUrgency.rows.map((row) => row.priority)).toEqual([...levels])
  })

  it('reads only what a row shows: no question comes with its answers (a join read per row) or its notes', async () => {
    const type = await createCancerType(payload)
    const source = await createSource(payload, type.id)
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    await payload.update({ collection: 'questions', id: relationId(draft.question)!, data: { notes: 'Internal: asked twice by phone.' } })
    const editor = await createUser(payload, { roles: ['editor'] })
    const req = await createLocalReq({ user: { ...editor, collection: 'users' } as never }, payload)
    const read: Record<string, unknown>[] = []
    const find = payload.db.find.bind(payload.db)
    const spy = vi.spyOn(payload.db, 'find').mockImplementation((async (args: Parameters<typeof find>[0]) => {
      const result = await find(args)
      if (args.collection === 'questions') read.push(...(result.docs as Record<string, unknown>[]))
      return result
    }) as never)
    try {
      const { rows } = await loadBacklog(req, parseBacklogFilters({ cancerType: String(type.id) }))
      expect(rows).toEqual([
        expect.objectContaining({
          id: String(relationId(draft.question)),
          status: 'drafted',
          cancerType: type.name,
          lastChange: expect.any(String),
        }),
      ])
    } finally {
      spy.mockRestore()
    }
    expect(read.length).toBeGreaterThan(0)
    for (const question of read) {
      expect(question).not.toHaveProperty('answers')
      expect(question).not.toHaveProperty('notes')
      expect(question).toHaveProperty('text')
    }
  })
})
