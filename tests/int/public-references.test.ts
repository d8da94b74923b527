/**
 * Claim-level references in the public record (issue 13): built once at publication from the
 * answer's citation nodes, served by the read API, and records published before them still served.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { markdownWithCitations } from '@/lib/claims/markers'
import { buildPublicAnswer, type PublicAnswer } from '@/lib/public/publicAnswer'
import { clearPublicResponses } from '@/lib/public/responseCache'
import { ANSWERS, GUIDELINE_SOURCES } from '@collections/slugs'
import { approveAs, createAnswerInReview, createCancerType, createUser, unique } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')
const { publicApi } = await import('../helpers/publicApi')

const HOSTILE_HEADING = '<script>alert("heading")</script> Stages of the cancer'
const HOSTILE_QUOTE = 'organs <script>alert("quote")</script>'

let payload: Payload
let type: CancerType
let nccn: GuidelineSource
let nci: GuidelineSource
let reviewer: User

const createSourceWith = (publisher: 'nccn' | 'nci-pdq', passages: { passageId: string; heading: string; text: string }[]) =>
  payload.create({
    collection: GUIDELINE_SOURCES,
    data: {
      publisher,
      title: unique(`${publisher} guideline`),
      version: 'Version 1.2026',
      publicationDate: '2026-01-15',
      url: `https://example.org/${publisher}`,
      cancerTypes: [type.id],
      status: 'current',
      passages,
    },
    overrideAccess: true,
  })

beforeAll(async () => {
  payload = await startPayload()
  type = await createCancerType(payload)
  nccn = await createSourceWith('nccn', [
    { passageId: 'met-surgery', heading: 'Surgery for metastatic disease', text: 'Surgery is not recommended once the cancer has spread.' },
    { passageId: 'chemo', heading: 'First-line treatment', text: 'Chemotherapy is the first treatment for most people.' },
  ])
  // Cited only in the body, with a heading and a passage an attacker wrote.
  nci = await createSourceWith('nci-pdq', [
    { passageId: 'staging', heading: HOSTILE_HEADING, text: `The cancer has spread to other ${HOSTILE_QUOTE}.` },
  ])
  reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr R', credentials: 'MD', specialties: [type.id] })
})
afterAll(async () => stopPayload(payload))

/** An answer whose body cites with "[n]" markers, as the drafter and the seed write it. */
async function citedContent(): Promise<Partial<Answer>> {
  const body = await markdownWithCitations(
    payload.config,
    '## Why surgery is rare\n\nThe cancer has usually spread. [1] Chemotherapy comes first. [2]\n\n- Surgery may follow a good response. [3][1]',
    [
      { source: nccn.id, passageId: 'met-surgery', quote: 'not recommended' },
      { source: nci.id, passageId: 'staging', quote: HOSTILE_QUOTE },
      { source: nccn.id, passageId: 'chemo' },
    ],
  )
  return {
    summary: 'Usually not. Treatment for the whole body comes first.',
    body: body as Answer['body'],
    citations: [{ source: nccn.id, passageId: 'met-surgery', quote: 'Surgery is not recommended' }],
  }
}

const EXPECTED_REFERENCES = () => [
  {
    n: 1,
    publisher: 'NCCN',
    title: nccn.title,
    version: 'Version 1.2026',
    url: 'https://example.org/nccn',
    passageId: 'met-surgery',
    passageHeading: 'Surgery for metastatic disease',
  },
  {
    n: 2,
    publisher: 'NCI PDQ',
    title: nci.title,
    version: 'Version 1.2026',
    url: 'https://example.org/nci-pdq',
    passageId: 'staging',
    passageHeading: HOSTILE_HEADING,
  },
  {
    n: 3,
    publisher: 'NCCN',
    title: nccn.title,
    version: 'Version 1.2026',
    url: 'https://example.org/nccn',
    passageId: 'chemo',
    passageHeading: 'First-line treatment',
  },
]

describe('buildPublicAnswer: references and claims', () => {
  let record: PublicAnswer
  beforeAll(async () => {
    const content = await citedContent()
    record = buildPublicAnswer({
      answer: { id: 1, slug: 'a', title: 'A', cancerType: type.id, question: 1, ...content } as Answer,
      questionText: 'Can surgery help?',
      cancerType: type,
      sources: [nccn, nci],
      reviewers: [reviewer],
      publishedAt: '2026-02-01T00:00:00.000Z',
      lastReviewedAt: '2026-02-01T00:00:00.000Z',
      nextReviewDue: '2027-02-01T00:00:00.000Z',
    })
  })

  it('numbers each cited passage once, by first appearance: the direct answer first, then the body', () => {
    expect(record.references).toEqual(EXPECTED_REFERENCES())
    expect(record.summaryReferences).toEqual([1])
  })

  it('lists every claim with the numbers of the passages that support it', () => {
    expect(record.claims).toEqual([
      { part: 'direct answer', text: 'Usually not.', references: [1] },
      { part: 'direct answer', text: 'Treatment for the whole body comes first.', references: [1] },
      { part: 'Why surgery is rare', text: 'The cancer has usually spread.', references: [1] },
      { part: 'Why surgery is rare', text: 'Chemotherapy comes first.', references: [2] },
      { part: 'Why surgery is rare', text: 'Surgery may follow a good response.', references: [3, 1] },
    ])
  })

  it('bodyHtml links each claim to its reference; the body JSON carries the number, not CMS ids or quotes', () => {
    const sup = (n: number) => `<sup class="cite"><a href="#ref-${n}" aria-label="Reference ${n}">[${n}]</a></sup>`
    expect(record.bodyHtml).toContain(`The cancer has usually spread.${sup(1)}`)
    expect(record.bodyHtml).toContain(`Chemotherapy comes first.${sup(2)}`)
    expect(record.bodyHtml).toContain(`Surgery may follow a good response.${sup(3)}${sup(1)}`)
    const nodes: unknown[] = []
    const walk = (node: { type?: string; children?: unknown[] }) => {
      if (node.type === 'inlineBlock') nodes.push(node)
      node.children?.forEach((child) => walk(child as never))
    }
    walk((record.body as { root: never }).root)
    expect(nodes).toEqual([1, 2, 3, 1].map((reference) => ({ type: 'inlineBlock', version: 1, fields: { blockType: 'cite', reference } })))
    expect(JSON.stringify(record.body)).not.toMatch(/"source"|"passageId"|"quote"|script/)
  })
  it('a hostile passage id in a citation node reaches the HTML as a number only', async () => {
    const hostile = '"><script>alert(1)</script>'
    const body = await markdownWithCitations(payload.config, 'The cancer has spread. [1]', [{ source: nci.id, passageId: hostile }])
    const built = buildPublicAnswer({
      answer: { id: 2, slug: 'b', title: 'B', cancerType: type.id, question: 1, summary: 'No.', body, citations: [] } as unknown as Answer,
      questionText: 'Q?',
      cancerType: type,
      sources: [nci],
      reviewers: [reviewer],
      publishedAt: '2026-02-01T00:00:00.000Z',
      lastReviewedAt: '2026-02-01T00:00:00.000Z',
      nextReviewDue: '2027-02-01T00:00:00.000Z',
    })
    expect(built.bodyHtml).toBe('<p>The cancer has spread.<sup class="cite"><a href="#ref-1" aria-label="Reference 1">[1]</a></sup></p>')
    // In the JSON it is data, with no heading since no such passage exists.
    expect(built.references).toEqual([expect.objectContaining({ n: 1, passageId: hostile, passageHeading: '' })])
  })
})

describe('publication and the read API', () => {
  let published: Answer
  beforeAll(async () => {
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: nccn.id, reviewers: [reviewer] },
      await citedContent(),
    )
    await approveAs(payload, reviewer, answer.id)
    published = await payload.findByID({ collection: ANSWERS, id: answer.id, depth: 0, draft: false })
    expect(published._status).toBe('published')
  })

  it('the public JSON carries the numbered references, the direct answer’s numbers and the claims', async () => {
    const response = await publicApi(`/answers/${published.slug}`)
    expect(response.status).toBe(200)
    expect(response.body.references).toEqual(EXPECTED_REFERENCES())
    expect(response.body.summaryReferences).toEqual([1])
    expect(response.body.claims).toHaveLength(5)
    expect(response.body.bodyHtml).toContain('<a href="#ref-2" aria-label="Reference 2">[2]</a>')
    // The per-guideline list credits the source only the body cites too.
    expect(response.body.sources.map((source: { title: string }) => source.title).sort()).toEqual([nccn.title, nci.title].sort())
    // A heading or quote an attacker wrote is data: never markup in the HTML, never the quote in the JSON.
    expect(response.body.bodyHtml).not.toMatch(/<script|alert/)
    expect(response.text).not.toContain('alert(\\"quote\\")')
  })

  it('a record published before references is still served, with empty lists, until it is published again', async () => {
    const legacy = { ...(published.publicJson as Record<string, unknown>) }
    for (const field of ['references', 'summaryReferences', 'claims']) delete legacy[field]
    await payload.db.updateOne({ collection: ANSWERS, id: published.id, data: { publicJson: legacy } })
    clearPublicResponses()
    const response = await publicApi(`/answers/${published.slug}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ references: [], summaryReferences: [], claims: [], title: published.title })
    expect(response.body.sources.length).toBe(2)
  })
})
