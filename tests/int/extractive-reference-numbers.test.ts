/**
 * The offline extractive drafter and guideline text that carries its own bracketed reference
 * numbers, as NCI PDQ summaries do ("...has spread to the liver [2]."): the numbers are left out of
 * the draft's text, so they neither cite another passage nor fail the draft.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType, GuidelineSource, Question } from '@/payload-types'
import { createCancerType, createQuestion, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { DRAFTER: 'auto', JOBS_AUTORUN: 'false', DRAFT_JOB_ATTEMPTS: '3', DRAFT_RETRY_DELAY_MS: '0' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let cookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  const editor = await createUser(payload, { roles: ['editor'] })
  cookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

async function pdqStyleSource(cancerType: CancerType, surgeryText: string): Promise<GuidelineSource> {
  return (await payload.create({
    collection: 'guideline-sources',
    data: {
      publisher: 'nci-pdq',
      title: 'PDQ Pancreatic Cancer Treatment',
      version: '2026-01',
      publicationDate: '2026-01-15',
      url: 'https://www.cancer.gov/types/pancreatic/hp/pancreatic-treatment-pdq',
      cancerTypes: [cancerType.id],
      status: 'current',
      passages: [
        { passageId: 'surgery', heading: 'Surgery when the cancer has spread', text: surgeryText },
        {
          passageId: 'chemo',
          heading: 'Chemotherapy when the cancer has spread',
          text: 'Chemotherapy is the usual first treatment when pancreatic cancer has spread to the liver. It treats cancer throughout the body.',
        },
        {
          passageId: 'palliative',
          heading: 'Care for symptoms when the cancer has spread',
          text: 'A small procedure can relieve a blocked bile duct when pancreatic cancer has spread. Care for symptoms starts early.',
        },
      ],
    },
    overrideAccess: true,
  })) as GuidelineSource
}

type Node = { type?: string; text?: string; children?: Node[]; fields?: { blockType?: string; passageId?: string } }
const allNodes = (node: Node): Node[] => [node, ...(node.children ?? []).flatMap(allNodes)]
const textOf = (node: Node): string =>
  allNodes(node)
    .map((child) => child.text ?? '')
    .join('')

async function draft(question: Question) {
  const response = await rest.post(`/questions/${question.id}/draft`, { cookie })
  expect(response.status, response.text).toBe(202)
  for (let run = 0; run < 4; run++) await payload.jobs.run({ queue: 'drafting', limit: 10 })
  const after = await payload.findByID({ collection: 'questions', id: question.id, depth: 0 })
  const answer = (await payload.find({ collection: 'answers', where: { question: { equals: question.id } }, draft: true, depth: 0 }))
    .docs[0]
  return { after, answer }
}

describe('extractive drafter and reference numbers inside guideline text', () => {
  it('a bullet copied from a passage cites that passage, not another section’s passage named by the passage’s own "[2]"', async () => {
    const cancerType = await createCancerType(payload)
    await pdqStyleSource(
      cancerType,
      'Surgery is rarely offered when pancreatic cancer has spread to the liver [2]. Removing the main tumor does not reach cancer in the liver.',
    )
    const question = await createQuestion(payload, cancerType.id, {
      text: 'Is surgery an option when pancreatic cancer has spread to the liver?',
    })
    const { after, answer } = await draft(question)
    expect(after.status, after.draftFailureReason ?? '').toBe('drafted')
    const items = allNodes(answer!.body!.root as Node).filter((node) => node.type === 'listitem')
    const surgeryBullet = items.find((item) => textOf(item).includes('Surgery is rarely offered'))!
    expect(surgeryBullet).toBeTruthy()
    const cited = allNodes(surgeryBullet)
      .filter((node) => node.fields?.blockType === 'cite')
      .map((node) => node.fields!.passageId)
    // The sentence comes from passage "surgery": by construction, it cites that passage and no other.
    expect(cited).toEqual(['surgery'])
  })

  it('a passage whose text holds "[7]" is still drafted (it failed every attempt as an "unexpected error"), its quote the passage\'s own words', async () => {
    const cancerType = await createCancerType(payload)
    await pdqStyleSource(
      cancerType,
      'Surgery is rarely offered when pancreatic cancer has spread to the liver [7]. Removing the main tumor does not reach cancer in the liver.',
    )
    const question = await createQuestion(payload, cancerType.id, {
      text: 'Is surgery an option when pancreatic cancer has spread to the liver?',
    })
    const { after, answer } = await draft(question)
    expect(after.draftFailureReason ?? '').toBe('')
    expect(after.status).toBe('drafted')
    expect(answer).toBeTruthy()
    expect(textOf(answer!.body!.root as Node)).not.toContain('[7]')
    expect(answer!.summary).not.toContain('[7]')
    expect(answer!.citations?.map((citation) => citation.quote)).toContain(
      'Surgery is rarely offered when pancreatic cancer has spread to the liver [7].',
    )
  })
})
