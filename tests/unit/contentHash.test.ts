import { describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { buildPublicAnswer, DISCLAIMER, type PublicAnswer, REVIEW_RECORD_FIELDS } from '@/lib/public/publicAnswer'
import { citeNode } from '@/lib/claims/markers'
import { citedEvidence, citedSourceIds, contentHash, pageContext, passageTextHash, type PageContext } from '@/lib/workflow/contentHash'
import { isHighRisk } from '@/lib/workflow/publishable'
import type { Json } from '../helpers/json'

const page: PageContext = {
  questionText: 'Is surgery an option for metastatic pancreatic cancer?',
  cancerType: { slug: 'pancreatic', name: 'Pancreatic cancer' },
  sources: [{ id: 3, publisher: 'nccn', title: 'NCCN Pancreatic', version: 'Version 1.2026', url: 'https://www.nccn.org/' }],
}

const base = {
  question: 9,
  cancerType: 7,
  title: 'Can surgery help?',
  slug: 'can-surgery-help',
  summary: 'Usually not.',
  body: { root: { type: 'root', children: [{ type: 'paragraph', text: 'Body' }] } },
  questionsToAsk: [{ id: 'row1', question: 'What is the goal?', why: 'It frames choices.' }],
  keyTakeaway: 'Ask your team.',
  citations: [{ id: 'c1', source: 3, passageId: 'met-surgery', quote: 'not recommended' }],
  provenance: { draftedBy: 'model' },
} as never

describe('contentHash', () => {
  it('is a SHA-256 hex digest and stable', () => {
    expect(contentHash(base, page)).toMatch(/^[0-9a-f]{64}$/)
    expect(contentHash(base, page)).toBe(contentHash(structuredClone(base), structuredClone(page)))
  })

  it('ignores key order, array-row ids and populated relationships', () => {
    const b = base as Record<string, Json>
    const reordered = {
      provenance: { draftedBy: 'model', costUsd: 0.01 },
      citations: [{ quote: 'not recommended', passageId: 'met-surgery', source: { id: 3, title: 'NCCN' }, id: 'other-row-id' }],
      keyTakeaway: b.keyTakeaway,
      questionsToAsk: [{ why: 'It frames choices.', question: 'What is the goal?', id: 'another' }],
      body: { root: { children: [{ text: 'Body', type: 'paragraph' }], type: 'root' } },
      summary: b.summary,
      slug: b.slug,
      title: b.title,
      cancerType: { id: 7, name: 'Pancreatic cancer' },
      question: { id: 9, text: 'ignored: the page context says what is shown' },
    }
    expect(contentHash(reordered as never, page)).toBe(contentHash(base, page))
  })

  it.each([
    ['title', { title: 'Can surgery help at all?' }],
    ['summary', { summary: 'Rarely.' }],
    ['body', { body: { root: { type: 'root', children: [{ type: 'paragraph', text: 'Body!' }] } } }],
    ['question to ask', { questionsToAsk: [{ question: 'What is the aim?', why: 'It frames choices.' }] }],
    ['key takeaway', { keyTakeaway: 'Talk to your team.' }],
    ['citation passage', { citations: [{ source: 3, passageId: 'first-line-chemo', quote: 'not recommended' }] }],
    ['citation source', { citations: [{ source: 4, passageId: 'met-surgery', quote: 'not recommended' }] }],
    ['question it answers', { question: 10 }],
    ['cancer type', { cancerType: 8 }],
    ['slug', { slug: 'can-surgery-help-2' }],
    ['drafter named in the disclosure', { provenance: { draftedBy: 'person' } }],
  ])('changes when the %s changes', (_label, change) => {
    expect(contentHash({ ...(base as object), ...change } as never, page)).not.toBe(contentHash(base, page))
  })

  it.each([
    ['patient question shown', { questionText: 'Can my CHILD take this chemotherapy at double the dose?' }],
    ['cancer type name shown', { cancerType: { slug: 'pancreatic', name: 'Breast cancer' } }],
    ['credited guideline version', { sources: [{ ...page.sources[0], version: 'Version 2.2026' }] }],
  ])('changes when the %s changes (outside the answer document)', (_label, change) => {
    expect(contentHash(base, { ...page, ...change })).not.toBe(contentHash(base, page))
  })

  it('changes when the order of questions changes', () => {
    const two = {
      ...(base as object),
      questionsToAsk: [
        { question: 'A?', why: 'a' },
        { question: 'B?', why: 'b' },
      ],
    }
    const swapped = {
      ...(base as object),
      questionsToAsk: [
        { question: 'B?', why: 'b' },
        { question: 'A?', why: 'a' },
      ],
    }
    expect(contentHash(two as never, page)).not.toBe(contentHash(swapped as never, page))
  })
})

describe('the evidence is in the content hash (issue 14)', () => {
  const withText = (text: string, version = 'Version 1.2026', other = 'Uncited passage.'): PageContext => ({
    ...page,
    sources: [
      {
        ...page.sources[0],
        version,
        passages: [
          { passageId: 'met-surgery', heading: 'Surgery', text },
          { passageId: 'uncited', heading: 'Other', text: other },
        ],
      },
    ],
  })
  const before = withText('Surgery is not recommended.')

  it('changes when the text of a cited passage changes', () => {
    expect(contentHash(base, withText('Surgery is rarely recommended.'))).not.toBe(contentHash(base, before))
  })

  it("changes when the cited passage's source version changes, even with the same text", () => {
    expect(contentHash(base, withText('Surgery is not recommended.', 'Version 2.2026'))).not.toBe(contentHash(base, before))
  })

  it('does not change when a passage the answer does not cite changes', () => {
    expect(contentHash(base, withText('Surgery is not recommended.', 'Version 1.2026', 'Edited.'))).toBe(contentHash(base, before))
  })

  it('lists each cited passage once with its version and text hash (a missing passage hashes as empty text)', () => {
    const answer = {
      ...(base as object),
      body: { root: { type: 'root', children: [{ type: 'paragraph', children: [citeNode({ source: 3, passageId: 'gone' })] }] } },
    } as never
    expect(citedEvidence(answer, before.sources)).toEqual([
      { source: '3', passageId: 'met-surgery', version: 'Version 1.2026', textHash: passageTextHash('Surgery is not recommended.') },
      { source: '3', passageId: 'gone', version: 'Version 1.2026', textHash: passageTextHash('') },
    ])
  })
})

/**
 * The list of what a patient reads is not written down here: it is derived from the public record
 * that publication builds. Every leaf of every input (the answer, its question, cancer type and
 * guideline sources) is changed in turn; whenever that changes the public record (apart from the
 * review record the approval itself produces), the content hash must change, and so must the
 * high-risk verdict when the change puts "children" into the text patients read. Every public leaf
 * must be reached by some change, so a field added to the public record with no input here, or
 * left out of the hash, fails this test.
 */
describe('everything on the patient page is in the content hash and the high-risk check', () => {
  type Inputs = { answer: Answer; question: { text: string }; cancerType: CancerType; sources: GuidelineSource[] }
  const inputs: Inputs = {
    answer: {
      id: 1,
      question: 9,
      cancerType: 7,
      title: 'Is surgery an option for metastatic pancreatic cancer?',
      slug: 'is-surgery-an-option',
      summary: 'Usually not: treatment that works through the whole body comes first.',
      body: {
        root: {
          type: 'root',
          format: '',
          indent: 0,
          version: 1,
          direction: 'ltr',
          children: [
            {
              type: 'heading',
              tag: 'h2',
              format: '',
              indent: 0,
              version: 1,
              direction: 'ltr',
              children: [{ type: 'text', text: 'Why', format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
            },
            {
              type: 'paragraph',
              format: '',
              indent: 0,
              version: 1,
              direction: 'ltr',
              textFormat: 0,
              textStyle: '',
              children: [
                { type: 'text', text: 'The cancer has spread.', format: 0, detail: 0, mode: 'normal', style: '', version: 1 },
                // One passage the direct answer cites too, one only the body cites, of a source only the body cites.
                citeNode({ source: 3, passageId: 'met-surgery' }),
                citeNode({ source: 5, passageId: 'staging', quote: 'has spread' }),
              ],
            },
          ],
        },
      },
      questionsToAsk: [{ id: 'q1', question: 'What is the goal of treatment?', why: 'It frames the choices.' }],
      keyTakeaway: 'Ask your team what fits you.',
      citations: [
        { id: 'c1', source: 3, passageId: 'met-surgery', quote: 'not recommended' },
        { id: 'c2', source: 4, passageId: 'chemo', quote: 'first line' },
      ],
      provenance: { draftedBy: 'model', modelId: 'claude-sonnet-5', costUsd: 0.02 },
      highRisk: false,
      workflowStage: 'in_review',
      updatedAt: '2026-01-01T00:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
    } as Answer,
    question: { text: 'Is surgery an option for metastatic pancreatic cancer?' },
    cancerType: { id: 7, name: 'Pancreatic cancer', slug: 'pancreatic' } as CancerType,
    sources: [
      {
        id: 3,
        publisher: 'nccn',
        title: 'NCCN Guidelines: Pancreatic Adenocarcinoma',
        version: 'Version 1.2026',
        url: 'https://www.nccn.org/guidelines',
        passages: [{ passageId: 'met-surgery', heading: 'Surgery for metastatic disease', text: 'Surgery is not recommended.' }],
      },
      {
        id: 4,
        publisher: 'esmo',
        title: 'ESMO Pancreatic Cancer',
        version: '2023',
        url: 'https://www.esmo.org/guidelines',
        passages: [{ passageId: 'chemo', heading: 'First-line treatment', text: 'Chemotherapy is the first line.' }],
      },
      {
        id: 5,
        publisher: 'nci',
        title: 'NCI PDQ Pancreatic Cancer Treatment',
        version: '2025',
        url: 'https://www.cancer.gov/types/pancreatic',
        passages: [{ passageId: 'staging', heading: 'Stages of pancreatic cancer', text: 'The cancer has spread to other organs.' }],
      },
    ] as GuidelineSource[],
  }
  const reviewers = [{ id: 5, name: 'Dr A', credentials: 'MD' }] as User[]

  const cited = (i: Inputs) => i.sources.filter((source) => citedSourceIds(i.answer).includes(String(source.id)))
  const pageOf = (i: Inputs) => pageContext(i.question, i.cancerType, cited(i))
  const hashOf = (i: Inputs) => contentHash(i.answer, pageOf(i))
  const publicRecord = (i: Inputs): Record<string, unknown> => {
    const record: Record<string, unknown> = buildPublicAnswer({
      answer: i.answer,
      questionText: i.question.text,
      cancerType: i.cancerType,
      sources: cited(i),
      reviewers,
      publishedAt: '2026-02-01T00:00:00.000Z',
      lastReviewedAt: '2026-02-01T00:00:00.000Z',
      nextReviewDue: '2027-02-01T00:00:00.000Z',
    })
    for (const field of REVIEW_RECORD_FIELDS) delete record[field]
    return record
  }
  /** Leaf path -> value, for every string, number and boolean in a value. */
  const leaves = (value: unknown, path = ''): Map<string, unknown> => {
    const found = new Map<string, unknown>()
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) for (const [p, v] of leaves(child, path ? `${path}.${key}` : key)) found.set(p, v)
    } else if (['string', 'number', 'boolean'].includes(typeof value)) {
      found.set(path, value)
    }
    return found
  }
  const changedLeaves = (before: Map<string, unknown>, after: Map<string, unknown>) =>
    [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path))
  const setAt = (target: Record<string, Json>, path: string, value: unknown) => {
    const keys = path.split('.')
    const last = keys.pop()!
    keys.reduce((node, key) => node[key], target)[last] = value
  }
  /** Text patients read as prose (the high-risk rule's scope): not the rich-text JSON, slugs or URLs. */
  const prose = (record: Record<string, unknown>) =>
    [...leaves(record)]
      .filter(([path]) => !/^body\.|(^|\.)slug$|\.url$|^references\.\d+\.passageId$/.test(path))
      .map(([, value]) => String(value))
      .join('\n')

  const basePublic = leaves(publicRecord(inputs))
  const baseHash = hashOf(inputs)
  const perturbations = [...leaves(inputs)].map(([path, value]) => {
    const changed = structuredClone(inputs) as unknown as Record<string, Json>
    setAt(changed, path, typeof value === 'string' ? `${value} for children` : typeof value === 'number' ? value + 1 : !value)
    return { path, inputs: changed as unknown as Inputs }
  })

  it('the fixture is a complete, normal-risk page', () => {
    expect(isHighRisk(inputs.answer, pageOf(inputs))).toBe(false)
    expect(perturbations.length).toBeGreaterThan(60)
    expect(basePublic.get('question')).toBe(inputs.question.text)
  })

  it('any input change that changes the public record changes the hash', () => {
    const escaped = perturbations.flatMap(({ path, inputs: changed }) => {
      const fields = changedLeaves(basePublic, leaves(publicRecord(changed)))
      return fields.length > 0 && hashOf(changed) === baseHash ? [`${path} changes ${fields.join(', ')} but not the hash`] : []
    })
    expect(escaped).toEqual([])
  })

  it('every field of the public record is reached by some input (the test covers the whole page)', () => {
    const reached = new Set(perturbations.flatMap(({ inputs: changed }) => changedLeaves(basePublic, leaves(publicRecord(changed)))))
    const base = publicRecord(inputs) as unknown as PublicAnswer
    // Numbers that follow from position alone: references are numbered 1, 2, ... and the direct
    // answer's come first, under the same label on every page. What they point at is reached.
    const directClaims = base.claims.flatMap((claim, index) => (claim.part === 'direct answer' ? [index] : []))
    const positional = (path: string) =>
      /^references\.\d+\.n$|^summaryReferences\.\d+$/.test(path) ||
      directClaims.some((index) => new RegExp(`^claims\\.${index}\\.(part|references\\.\\d+)$`).test(path))
    const unreached = [...basePublic.keys()].filter((path) => !reached.has(path))
    // The disclaimer is the same sentence on every page, not content of this answer.
    expect(unreached.filter((path) => !positional(path))).toEqual(['disclaimer'])
    expect(basePublic.get('disclaimer')).toBe(DISCLAIMER)
    expect(base.references.map((reference) => reference.n)).toEqual([1, 2, 3])
    expect(base.summaryReferences).toEqual([1, 2])
    expect(directClaims.map((index) => base.claims[index]!.references)).toEqual([[1, 2]])
  })

  it('"children" anywhere in the text patients read makes the answer high-risk', () => {
    const missed = perturbations.flatMap(({ path, inputs: changed }) =>
      /children/.test(prose(publicRecord(changed))) && !isHighRisk(changed.answer, pageOf(changed)) ? [path] : [],
    )
    expect(missed).toEqual([])
    // The check is not vacuous: the question text alone is enough.
    const onlyQuestion = { ...inputs, question: { text: 'Can my CHILD take this chemotherapy at double the dose?' } }
    expect(isHighRisk(onlyQuestion.answer, pageOf(onlyQuestion))).toBe(true)
  })
})
