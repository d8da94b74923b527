/**
 * Issue 15 (publishing at volume), ninth session: two changes to Payload's save in
 * patches/payload+3.90.1.patch, each checked for what it must keep.
 * - A save releases its document's edit lock (Payload deletes the lock rows that name it). With no
 *   document locked at all, that delete (which finds its rows through a join across every lockable
 *   collection) is skipped after a count of the locks table.
 * - A save that writes the main row (publishing, taking offline) has just read that row back; the
 *   version it then writes holds the same data and is no longer read back too. The result is the
 *   main row as stored. A draft save writes only a version, which stays the result.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, Question, User } from '@/payload-types'
import { ANSWERS, QUESTIONS } from '@collections/slugs'
import { adapterCalls } from '../helpers/adapterCalls'
import { createCancerType, createCompleteDraft, createQuestion, createSource, createUser } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

const LOCKS = 'payload-locked-documents'

let payload: Payload
let editor: User
let questions: Question[]
let draft: Answer

beforeAll(async () => {
  payload = await startPayload()
  const type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  editor = await createUser(payload, { roles: ['editor'], name: 'Ed Locks' })
  questions = [await createQuestion(payload, type.id), await createQuestion(payload, type.id)]
  draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
}, 120_000)
afterAll(async () => stopPayload(payload))

const lockOn = (question: Question) =>
  payload.create({
    collection: LOCKS,
    data: { document: { relationTo: QUESTIONS, value: question.id }, globalSlug: null, user: { relationTo: 'users', value: editor.id } },
    overrideAccess: true,
  })

const locksOn = async (question: Question) =>
  (
    await payload.find({
      collection: LOCKS,
      where: { and: [{ 'document.relationTo': { equals: QUESTIONS } }, { 'document.value': { equals: question.id } }] },
      overrideAccess: true,
    })
  ).totalDocs

describe('edit locks on save', () => {
  it('with no document locked, a save makes no lock delete', async () => {
    expect((await payload.count({ collection: LOCKS, overrideAccess: true })).totalDocs).toBe(0)
    const calls = await adapterCalls(payload, () =>
      payload.update({ collection: QUESTIONS, id: questions[0]!.id, data: { notes: 'First note.' }, overrideAccess: true }),
    )
    expect(calls.filter((call) => call.collection === LOCKS).map((call) => call.operation)).toEqual(['count'])
  })

  it('a save releases the lock on its own document and keeps the locks on others', async () => {
    await lockOn(questions[0]!)
    await lockOn(questions[1]!)
    const calls = await adapterCalls(payload, () =>
      payload.update({ collection: QUESTIONS, id: questions[0]!.id, data: { notes: 'Second note.' }, overrideAccess: true }),
    )
    expect(calls.filter((call) => call.collection === LOCKS).map((call) => call.operation)).toEqual(['count', 'deleteMany'])
    expect(await locksOn(questions[0]!)).toBe(0)
    expect(await locksOn(questions[1]!)).toBe(1)
  })
})

describe('versions written by a save', () => {
  /** Records the `returning` argument of every version the adapter writes while `work` runs. */
  const versionWrites = async (work: () => Promise<unknown>) => {
    const db = payload.db as unknown as { createVersion: (args: { returning?: boolean }) => Promise<unknown> }
    const original = db.createVersion
    const returning: (boolean | undefined)[] = []
    db.createVersion = (args) => {
      returning.push(args.returning)
      return original.call(payload.db, args)
    }
    try {
      return { result: await work(), returning }
    } finally {
      db.createVersion = original
    }
  }

  it('a save of the main row returns it as stored, and its version holds the same content without being read back', async () => {
    const { result, returning } = await versionWrites(() =>
      payload.update({
        collection: ANSWERS,
        id: draft.id,
        data: { summary: 'Usually another treatment comes first; ask your team.' },
        depth: 0,
        overrideAccess: true,
      }),
    )
    expect(returning).toEqual([false])
    const saved = result as Answer
    const stored = await payload.findByID({ collection: ANSWERS, id: draft.id, depth: 0, overrideAccess: true })
    expect(saved).toEqual(stored)
    expect(saved.summary).toBe('Usually another treatment comes first; ask your team.')
    const { docs } = await payload.findVersions({
      collection: ANSWERS,
      where: { parent: { equals: draft.id } },
      sort: '-updatedAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    const version = docs[0]!.version as Answer
    for (const field of ['summary', 'title', 'keyTakeaway', 'body', 'contentHash', 'updatedAt'] as const)
      expect(version[field]).toEqual(saved[field])
    expect(version.citations?.map(({ passageId, quote }) => ({ passageId, quote }))).toEqual(
      saved.citations?.map(({ passageId, quote }) => ({ passageId, quote })),
    )
  })

  it('a draft save returns the version it wrote', async () => {
    const { result, returning } = await versionWrites(() =>
      payload.update({
        collection: ANSWERS,
        id: draft.id,
        data: { keyTakeaway: 'Ask what fits you.' },
        draft: true,
        depth: 0,
        overrideAccess: true,
      }),
    )
    expect(returning).toEqual([undefined])
    expect((result as Answer).keyTakeaway).toBe('Ask what fits you.')
    const latest = await payload.findByID({ collection: ANSWERS, id: draft.id, draft: true, depth: 0, overrideAccess: true })
    expect(latest.keyTakeaway).toBe('Ask what fits you.')
    // The main row keeps what the last non-draft save wrote.
    const main = await payload.findByID({ collection: ANSWERS, id: draft.id, depth: 0, overrideAccess: true })
    expect(main.keyTakeaway).not.toBe('Ask what fits you.')
  })
})
