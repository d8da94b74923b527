/**
 * The offline drafter on a passage pasted with a line wrapped mid-sentence (text copied from a PDF).
 * Its sentences went into the draft's Markdown with their line breaks, and a line that starts a block
 * of its own (a pasted "- " list) split the bullet into uncited list items: the draft opened with an
 * uncited-claim warning on guideline text (found by the twenty-fifth session's review). A list
 * numbered inline ("...in steps. 1. A stent...") made "2." a sentence, and a quote of its own: the
 * draft failed ("the quote "2" is too short").
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer } from '@/payload-types'
import { createCancerType, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'
import type { Id } from '@/lib/relationId'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { DRAFTER: 'auto', JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

// As pasted from a PDF: a sentence wrapped mid-line, a list pasted as hyphenated lines, and one
// numbered inline.
const STENTS =
  'A stent placed during an endoscopy can relieve\na blocked bile duct without a large operation. Options for a blocked bile duct include:\n- a stent placed during an endoscopy\n- surgical bypass for some people. Treatment goes in steps. 1. A stent is placed first. 2. Surgical bypass may follow for some people.'
const SURGERY = 'Removing the tumor with surgery is generally not recommended once pancreatic cancer has spread to the liver.'

let payload: Payload
let rest: RestClient
let typeId: Id
let editorCookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  typeId = (await createCancerType(payload)).id
  await payload.create({
    collection: 'guideline-sources',
    data: {
      publisher: 'nccn',
      title: 'Claim guideline',
      version: 'Version 1.2026',
      publicationDate: '2026-01-15',
      url: 'https://www.nccn.org/guidelines',
      cancerTypes: [typeId],
      status: 'current',
      passages: [
        { passageId: 'p-one', heading: 'Stents', text: STENTS },
        { passageId: 'p-two', heading: 'Surgery', text: SURGERY },
      ],
    },
    overrideAccess: true,
  })
  editorCookie = await rest.login((await createUser(payload, { roles: ['editor'] })).email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

describe('the offline drafter on a passage with a line wrapped mid-sentence', () => {
  it('still cites every bullet: no uncited-claim warning on guideline text', async () => {
    const question = await payload.create({
      collection: 'questions',
      data: {
        text: 'Can a stent or surgery help a blocked bile duct when pancreatic cancer has spread to the liver?',
        cancerType: typeId,
        priority: 'normal',
        origin: 'editorial',
        status: 'new',
        submittedAt: new Date().toISOString(),
      },
      overrideAccess: true,
    })
    const queued = await rest.post('/questions/draft', { cookie: editorCookie, json: { ids: [question.id] } })
    expect(queued.status, queued.text).toBe(202)
    await payload.jobs.run({ queue: 'drafting', limit: 10 })
    const { docs } = await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 })
    const answer = docs[0] as Answer
    const { draftFailureReason } = await payload.findByID({ collection: 'questions', id: question.id, depth: 0, overrideAccess: true })
    expect(answer, String(draftFailureReason)).toBeDefined()
    // The wrapped sentence is in the draft.
    expect(JSON.stringify(answer.body)).toContain('can relieve')
    expect(JSON.stringify(answer.body)).toContain('surgical bypass for some people')
    // The numbered sentences are bullets of their own, without their numbers: every bullet has words.
    expect(JSON.stringify(answer.body)).toContain('"text":"Surgical bypass may follow for some people."')
    type Node = { type: string; text?: string; children?: Node[] }
    const bullets = (node: Node): Node[] => [...(node.type === 'listitem' ? [node] : []), ...(node.children ?? []).flatMap(bullets)]
    const items = bullets((answer.body as unknown as { root: Node }).root)
    expect(items.length).toBeGreaterThan(3)
    expect(items.filter((item) => !item.children?.some((child) => child.type === 'text' && /\p{L}{2}/u.test(child.text ?? '')))).toEqual([])
    expect(answer.safetyWarnings?.filter((flag) => flag.code === 'uncited_claim').map((flag) => flag.claim)).toEqual([])
  })
})
