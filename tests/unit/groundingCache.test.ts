/**
 * Issue 15 (publishing at volume): the grounding checks keep the results of their two pure inner
 * steps, a word's term (lemmatiser and stemmer) and the figures of a passage, instead of computing
 * them again for every claim. What they return must not change, and a caller must not be able to
 * change what the next caller gets.
 */
import { describe, expect, it } from 'vitest'

import { extractNumbers, figuresNotIn } from '@/lib/grounding/numbers'
import { contentTerms, term } from '@/lib/grounding/terms'

describe('grounding caches', () => {
  it('a word has the same term the first and every later time', () => {
    const words = ['children', 'kept', 'operation', 'tumours', 'chemotherapy', 'survival', 'removed', 'pancreatic']
    const first = words.map(term)
    expect(words.map(term)).toEqual(first)
    expect(first).toEqual(['child', 'keep', 'surgeri', 'tumor', 'chemotherapi', 'surviv', 'remov', 'pancreat'])
    expect([...contentTerms('Surgery is rarely offered when the tumour has spread.')]).toEqual([
      ...contentTerms('Surgery is rarely offered when the tumour has spread.'),
    ])
  })

  it("a passage's figures are copies: changing one does not change the next answer", () => {
    const passage = 'About 1 in 5 people (20%) can have surgery; median survival is 11 months.'
    const first = extractNumbers(passage)
    const again = extractNumbers(passage)
    expect(again).toEqual(first)
    expect(again).not.toBe(first)
    first[0]!.value = 999
    first.pop()
    expect(extractNumbers(passage)).toEqual(again)
    expect(figuresNotIn('About 1 in 5 people can have surgery.', [passage])).toEqual([])
    expect(figuresNotIn('About 1 in 3 people can have surgery.', [passage]).map((figure) => figure.text)).toEqual(['1 in 3'])
  })
})
