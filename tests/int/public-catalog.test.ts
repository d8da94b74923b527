/**
 * The public catalog's read of the published answers (src/lib/public/catalog.ts): in pages by id,
 * every published answer once, none skipped when one is withdrawn during the read.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Answer, CancerType, User } from '@/payload-types'
import { approveAs, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'

process.env.JOBS_AUTORUN = 'false'
const { startPayload, stopPayload } = await import('../helpers/payload')
const { readPublished } = await import('@/lib/public/catalog')

let payload: Payload
let type: CancerType
let published: Answer[]

beforeAll(async () => {
  payload = await startPayload()
  type = await createCancerType(payload)
  const source = await createSource(payload, type.id)
  const reviewer: User = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
  published = []
  for (let i = 0; i < 5; i++) {
    const answer = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
    await approveAs(payload, reviewer, answer.id)
    published.push((await payload.findByID({ collection: 'answers', id: answer.id, depth: 0 })) as Answer)
  }
})
afterAll(async () => stopPayload(payload))

const types = () => [{ id: type.id, slug: type.slug, name: type.name }]

describe('reading the published answers for the catalog', () => {
  it('reads them in pages by id: every published answer once', async () => {
    const find = vi.spyOn(payload, 'find')
    try {
      const documents = await readPublished(payload, types(), { pageSize: 2 })
      expect(documents.map((document) => document.item.slug).sort()).toEqual(published.map((answer) => answer.slug).sort())
      expect(documents.every((document) => document.cancerType === type.slug && document.text.length > 0)).toBe(true)
      expect(find).toHaveBeenCalledTimes(3) // 2 + 2 + 1
    } finally {
      find.mockRestore()
    }
  })

  it('an answer withdrawn during the read skips no other (page numbers would shift the rest by one)', async () => {
    const find = payload.find.bind(payload)
    let pages = 0
    const spy = vi.spyOn(payload, 'find').mockImplementation(async (args) => {
      const result = await find(args)
      // After the first page: the first answer read leaves the public, as another editor's withdrawal would.
      if (args.collection === 'answers' && ++pages === 1)
        await payload.db.updateOne({ collection: 'answers', id: result.docs[0]!.id, data: { _status: 'draft' }, returning: false })
      return result
    })
    let documents
    try {
      documents = await readPublished(payload, types(), { pageSize: 2 })
    } finally {
      spy.mockRestore()
    }
    const slugs = documents.map((document) => document.item.slug)
    expect(slugs.sort()).toEqual(published.map((answer) => answer.slug).sort()) // the read began before it
    expect(await readPublished(payload, types(), { pageSize: 2 })).toHaveLength(4)
  })
})
