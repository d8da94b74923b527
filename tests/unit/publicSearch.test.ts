/** Public search (src/lib/public/search): stems, prefixes, typos, ranking, literal wildcards, filter, pages. */
import { describe, expect, it } from 'vitest'

import { createMiniSearch, searchTerms, type SearchDocument } from '@/lib/public/search'
import { cachedValue, evictTaggedValues, type StaleValue } from '@/lib/public/taggedValues'

const doc = (slug: string, title: string, { cancerType = 'pancreatic', question = '', summary = '', text = '' } = {}): SearchDocument => ({
  item: { slug, title, summary, cancerType: { slug: cancerType, name: cancerType }, lastReviewedAt: '2026-01-01T00:00:00.000Z' },
  cancerType,
  question,
  text,
})

// In list order (newest review first), as the catalog passes them.
const documents = [
  doc('surgery', 'Can surgery help when pancreatic cancer has spread?', {
    question: 'Is surgery an option for metastatic pancreatic cancer?',
    text: 'Pancreatic surgery, such as the Whipple procedure, is a major operation.',
  }),
  doc('stent', 'Can a stent help with a blocked bile duct?', { text: 'A tumour near the pancreas can block the bile duct.' }),
  doc('breast', 'What does a breast cancer stage mean?', { cancerType: 'breast', text: 'Staging describes the size of the tumour.' }),
  doc('percent', 'Does 5% of patients need a second scan?', { cancerType: 'breast' }),
  doc('underscore', 'What does the code stage_iv mean on my report?', { cancerType: 'breast' }),
  doc('backslash', 'Why does my portal show pT2\\N0 for the tumour?', { cancerType: 'breast' }),
  doc('bone', 'Can radiotherapy ease bone pain from metastases?', { cancerType: 'breast' }),
]
const search = createMiniSearch(documents)
const slugs = async (q: string, options = {}) => (await search.search(q, options)).docs.map((item) => item.slug)

describe('public search', () => {
  it('"pancreas" finds the pancreatic answers, "whipple" the surgery answer, "pancreatc" still works', async () => {
    expect((await slugs('pancreas')).sort()).toEqual(['stent', 'surgery'])
    expect(await slugs('whipple')).toEqual(['surgery'])
    expect(await slugs('Whipple')).toEqual(['surgery'])
    expect(await slugs('pancreatc')).toContain('surgery')
    expect(await slugs('metastatic pancreatc')).toEqual(['surgery'])
  })

  it('ranks by relevance: a word in the title counts more than the same word in the body', async () => {
    // "pancreatic" is in the surgery answer's title and question, only in the stent answer's body.
    expect(await slugs('pancreatic')).toEqual(['surgery', 'stent'])
    // Order of the list is not what decides: "tumour" is in the backslash title, the others' bodies.
    expect((await slugs('tumour'))[0]).toBe('backslash')
  })

  it('every word must match; short words are not fuzzy ("scan" is not "can")', async () => {
    expect(await slugs('bone radiotherapy')).toEqual(['bone'])
    expect(await slugs('bone scan')).toEqual([])
    expect(await slugs('immunotherapy')).toEqual([])
  })

  it('%, _ and \\ are literal characters', async () => {
    expect(await slugs('%')).toEqual(['percent'])
    expect(await slugs('5%')).toEqual(['percent'])
    expect(await slugs('%%')).toEqual([])
    expect(await slugs('_')).toEqual(['underscore'])
    expect(await slugs('stage_iv')).toEqual(['underscore'])
    expect(await slugs('s_a')).toEqual([])
    expect(await slugs('\\')).toEqual(['backslash'])
    expect(searchTerms('5% stage_iv')).toEqual(['5%', '5', '%', 'stage_iv', 'stage', '_', 'iv'])
  })

  it('filters by cancer type and pages the results', async () => {
    expect(await slugs('tumour', { cancerType: 'pancreatic' })).toEqual(['stent'])
    expect(await slugs('', { cancerType: 'pancreatic' })).toEqual(['surgery', 'stent'])
    expect(await slugs('', { cancerType: 'lung' })).toEqual([])
    const first = await search.search('', { limit: 3 })
    expect(first).toMatchObject({ totalDocs: 7, page: 1, totalPages: 3 })
    expect(first.docs.map((item) => item.slug)).toEqual(['surgery', 'stent', 'breast'])
    expect((await search.search('', { limit: 3, page: 3 })).docs.map((item) => item.slug)).toEqual(['bone'])
    expect((await search.search('', { limit: 3, page: 4 })).docs).toEqual([])
    expect((await search.search('', { limit: 500 })).docs).toHaveLength(7) // at most 100 per page
  })

  it('a query with no searchable word finds nothing; a blank one lists everything', async () => {
    expect(await slugs('?!')).toEqual([])
    expect(await slugs('what is')).toEqual([])
    expect(await slugs('  ')).toHaveLength(7)
  })
})

describe('updating the index in place (the catalog after a change to some answers)', () => {
  it('replace drops the named answers and adds the new versions; lists and search follow', async () => {
    const index = createMiniSearch(documents)
    index.replace(['bone', 'no-such-answer'], [doc('bone-new', 'Can radiotherapy help with bone pain? Revised', { cancerType: 'breast' })])
    expect(await (async () => (await index.search('radiotherapy')).docs.map((item) => item.slug))()).toEqual(['bone-new'])
    index.replace(['stent'], [])
    expect((await index.search('pancreas')).docs.map((item) => item.slug)).toEqual(['surgery'])
    expect(index.listed().map(({ item }) => item.slug)).not.toContain('stent')
    expect(index.listed()).toHaveLength(documents.length - 1)
  })
})

describe('cachedValue (values evicted by tags)', () => {
  it('builds once for concurrent reads; after an eviction the next build gets the stale value and the tags; PUBLIC_TAG starts over', async () => {
    const builds: (StaleValue<number> | undefined)[] = []
    const build = async (stale?: StaleValue<number>) => {
      builds.push(stale)
      return (stale?.value ?? 0) + 1
    }
    const key = `test-${Math.random()}`
    expect(await Promise.all([cachedValue(key, ['answers'], build), cachedValue(key, ['answers'], build)])).toEqual([1, 1])
    expect(builds).toEqual([undefined])
    evictTaggedValues(['cancer-types-of-something-else'])
    expect(await cachedValue(key, ['answers'], build)).toBe(1)
    evictTaggedValues(['answer-a', 'answers'])
    evictTaggedValues(['answer-b', 'answers'])
    expect(await cachedValue(key, ['answers'], build)).toBe(2)
    expect(builds[1]).toEqual({ value: 1, evicted: ['answer-a', 'answers', 'answer-b', 'answers'] })
    evictTaggedValues(['public'])
    expect(await cachedValue(key, ['answers'], build)).toBe(1)
    expect(builds[2]).toBeUndefined()
  })
})
