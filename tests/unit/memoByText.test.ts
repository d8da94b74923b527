/**
 * The grounding checks remember what they derive from a passage's text (memoByText): computed once
 * per text, the same answer every time, the oldest text forgotten beyond the limit.
 */
import { describe, expect, it, vi } from 'vitest'

import { checkSupport } from '@/lib/grounding/support'
import { memoByText } from '@/lib/grounding/memo'

describe('memoByText', () => {
  it('computes once per text and forgets the oldest text beyond its size', () => {
    const compute = vi.fn((text: string) => text.length)
    const length = memoByText(compute, 2)
    expect([length('a'), length('bb'), length('a')]).toEqual([1, 2, 1])
    expect(compute).toHaveBeenCalledTimes(2)
    length('ccc') // forgets "a"
    length('a')
    expect(compute).toHaveBeenCalledTimes(4)
  })

  it('leaves the support check unchanged when the same passage is compared with claim after claim', () => {
    const passage = 'Surgery is not usually an option when pancreatic cancer has spread. Chemotherapy may help some people live longer.'
    const claims = [
      'Surgery is usually an option when pancreatic cancer has spread.',
      'Chemotherapy may help some people with pancreatic cancer live longer.',
      'Most people live 5 years after chemotherapy.',
    ]
    const first = claims.map((claim) => checkSupport(claim, [passage]))
    const again = claims.map((claim) => checkSupport(claim, [passage]))
    expect(again).toEqual(first)
    expect(first.map((result) => result.verdict)).toEqual(['unsupported', 'supported', 'unsupported'])
  })
})
