/** URL slugs (src/lib/slugify.ts): ASCII words, cut at a word boundary; a hash for text with nothing to spell in ASCII. */
import { describe, expect, it } from 'vitest'

import { SLUG_PATTERN, toSlug } from '@/lib/slugify'

describe('toSlug', () => {
  it('spells text in lower-case ASCII words, accents removed', () => {
    expect(toSlug('Is surgery an option for metastatic pancreatic cancer?', 'question')).toBe(
      'is-surgery-an-option-for-metastatic-pancreatic-cancer',
    )
    expect(toSlug('Tumeur du pancréas : quelles options ?', 'question')).toBe('tumeur-du-pancreas-quelles-options')
  })

  it('cuts a long text at a word boundary, within 96 characters', () => {
    const slug = toSlug('word '.repeat(40), 'question')
    expect(slug.length).toBeLessThanOrEqual(96)
    expect(slug.endsWith('-')).toBe(false)
    expect(SLUG_PATTERN.test(slug)).toBe(true)
  })

  it('gives text with nothing to spell in ASCII the prefix and a hash, the same for the same words', () => {
    const chinese = '胰腺癌转移后还能做手术吗？我想知道'
    const slug = toSlug(chinese, 'question')
    expect(slug).toMatch(/^question-[0-9a-f]{10}$/)
    expect(SLUG_PATTERN.test(slug)).toBe(true)
    expect(toSlug(`  ${chinese}  `, 'question')).toBe(slug)
    expect(toSlug('胰腺癌转移后还能做手术吗？  我想知道', 'question')).toBe(toSlug('胰腺癌转移后还能做手术吗？ 我想知道', 'question'))
    // The same Greek words in composed and decomposed Unicode forms.
    expect(toSlug('Καρκίνος'.normalize('NFD'), 'answer')).toBe(toSlug('Καρκίνος'.normalize('NFC'), 'answer'))
    expect(toSlug('胃癌', 'answer')).not.toBe(toSlug('肺癌', 'answer'))
  })

  it('leaves empty text empty (the field then says a slug is required)', () => {
    expect(toSlug('   ', 'question')).toBe('')
  })
})
