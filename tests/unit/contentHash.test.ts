import { describe, expect, it } from 'vitest'

import { contentHash } from '@/lib/workflow/contentHash'

const base = {
  title: 'Can surgery help?',
  summary: 'Usually not.',
  body: { root: { type: 'root', children: [{ type: 'paragraph', text: 'Body' }] } },
  questionsToAsk: [{ id: 'row1', question: 'What is the goal?', why: 'It frames choices.' }],
  keyTakeaway: 'Ask your team.',
  citations: [{ id: 'c1', source: 3, passageId: 'met-surgery', quote: 'not recommended' }],
} as never

describe('contentHash', () => {
  it('is a SHA-256 hex digest and stable', () => {
    expect(contentHash(base)).toMatch(/^[0-9a-f]{64}$/)
    expect(contentHash(base)).toBe(contentHash(structuredClone(base)))
  })

  it('ignores key order, array-row ids and populated relationships', () => {
    const b = base as Record<string, any>
    const reordered = {
      citations: [{ quote: 'not recommended', passageId: 'met-surgery', source: { id: 3, title: 'NCCN' }, id: 'other-row-id' }],
      keyTakeaway: b.keyTakeaway,
      questionsToAsk: [{ why: 'It frames choices.', question: 'What is the goal?', id: 'another' }],
      body: { root: { children: [{ text: 'Body', type: 'paragraph' }], type: 'root' } },
      summary: b.summary,
      title: b.title,
    }
    expect(contentHash(reordered as never)).toBe(contentHash(base))
  })

  it.each([
    ['title', { title: 'Can surgery help at all?' }],
    ['summary', { summary: 'Rarely.' }],
    ['body', { body: { root: { type: 'root', children: [{ type: 'paragraph', text: 'Body!' }] } } }],
    ['question to ask', { questionsToAsk: [{ question: 'What is the aim?', why: 'It frames choices.' }] }],
    ['key takeaway', { keyTakeaway: 'Talk to your team.' }],
    ['citation passage', { citations: [{ source: 3, passageId: 'first-line-chemo', quote: 'not recommended' }] }],
    ['citation source', { citations: [{ source: 4, passageId: 'met-surgery', quote: 'not recommended' }] }],
  ])('changes when the %s changes', (_label, change) => {
    expect(contentHash({ ...(base as object), ...change } as never)).not.toBe(contentHash(base))
  })

  it('changes when the order of questions changes', () => {
    const two = { ...(base as object), questionsToAsk: [{ question: 'A?', why: 'a' }, { question: 'B?', why: 'b' }] }
    const swapped = { ...(base as object), questionsToAsk: [{ question: 'B?', why: 'b' }, { question: 'A?', why: 'a' }] }
    expect(contentHash(two as never)).not.toBe(contentHash(swapped as never))
  })
})
