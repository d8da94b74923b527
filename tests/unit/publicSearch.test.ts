/** Public search (src/lib/public/search): stems, prefixes, typos, ranking, literal wildcards, filter, pages. */
import { describe, expect, it, vi } from 'vitest'

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
const search = await createMiniSearch(documents)
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

  it('every word is a prefix from 3 letters, wherever it stands: patient shorthand is found in any order', async () => {
    expect(await slugs('whi')).toEqual(['surgery'])
    expect(await slugs('whi procedure')).toEqual(['surgery'])
    expect(await slugs('pancre surgery')).toEqual(['surgery'])
    for (const q of ['mets bone pain radiotherapy', 'bone pain mets radiotherapy', 'bone pain mets rad', 'rad met pai bone'])
      expect(await slugs(q), q).toEqual(['bone'])
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

describe('how patients type', () => {
  it('apostrophes: a possessive or "what\'s" keeps its word, a contraction is dropped, curly or straight', async () => {
    expect(await slugs("what's the whipple procedure")).toEqual(['surgery'])
    expect(await slugs("Whipple's procedure")).toEqual(['surgery'])
    expect(await slugs('Whipple\u2019s operation')).toEqual(['surgery'])
    expect(await slugs("can't a stent help? I don't")).toEqual(['stent'])
    expect(searchTerms("what's don't I'd you'll they're we've I'm Whipple's O'Brien")).toEqual(['whippl', 'o', 'brien'])
  })

  it('a typo match ranks below the word as typed, even from the title', async () => {
    const index = await createMiniSearch([
      doc('living', 'Living well after pancreatic cancer treatment'),
      doc('liver', 'What do the spots on my scan mean?', { text: 'Spots on the liver are often harmless cysts.' }),
      doc('drain', 'Why do I need a drain after surgery?'),
      doc('brain', 'What do headaches mean after breast cancer?', { text: 'Headaches can mean the cancer has reached the brain.' }),
    ])
    const found = async (q: string) => (await index.search(q)).docs.map((item) => item.slug)
    expect(await found('liver')).toEqual(['liver', 'living'])
    expect(await found('brain')).toEqual(['brain', 'drain'])
    expect(await found('brainn')).toEqual(['brain']) // one edit from "brain", two from "drain"
    expect(await found('livr spots')).toEqual([]) // four letters: never a typo match
  })

  it('two letters swapped ("surgrey", "pancraetic") is a typo match, ranked as one', async () => {
    expect(await slugs('surgrey')).toEqual(['surgery'])
    expect(await slugs('pancraetic whipple')).toEqual(['surgery'])
    expect(await slugs('whipple pancraetic')).toEqual(['surgery'])
    const index = await createMiniSearch([
      doc('swapped', 'Why do I need a drain after surgrey?'),
      doc('typed', 'What is a stent?', { text: 'A short note about surgery.' }),
    ])
    // The title's "surgrey" is "surgery" with two letters swapped: it counts like a typo match
    // (boost 3 x 0.1), below the word as typed in a body (1).
    expect((await index.search('surgery')).docs.map((item) => item.slug)).toEqual(['typed', 'swapped'])
    expect(searchTerms('scna')).toEqual(['scna']) // four letters: no typo lookups at all
  })

  it('British and American spellings find each other; invisible characters do not split a word', async () => {
    const index = await createMiniSearch([
      doc('localized', 'What does localized prostate cancer mean?', { cancerType: 'prostate' }),
      doc('randomised', 'What is a randomised trial?', { cancerType: 'prostate' }),
      doc('exercise', 'Can exercise help during treatment?', { cancerType: 'prostate' }),
    ])
    const found = async (q: string) => (await index.search(q)).docs.map((item) => item.slug)
    expect(await found('localised')).toEqual(['localized'])
    expect(await found('randomized')).toEqual(['randomised'])
    expect(await found('exercising')).toEqual(['exercise'])
    expect(await found('exercise')).toEqual(['exercise'])
    expect(await slugs('pan\u00adcreas')).toEqual(await slugs('pancreas')) // soft hyphen
    expect(await slugs('whip\u200bple')).toEqual(['surgery']) // zero-width space
  })

  it('word families the stemmer splits match as one word, and rank as one: "metastasis" and "metastatic", "surgical" and "surgery"', async () => {
    const index = await createMiniSearch([
      doc('title-pancreas', 'Can the pancreas be removed completely?', { summary: 'Removing the whole pancreas is rare.' }),
      doc('body-only', 'How do I cope with tiredness?', { text: 'Tiredness is common with pancreatic cancer.' }),
      doc('spread', 'What does metastatic breast cancer mean?', { cancerType: 'breast' }),
      doc('operation', 'Which surgical options are there for lung cancer?', { cancerType: 'lung' }),
    ])
    const found = async (q: string) => (await index.search(q)).docs.map((item) => item.slug)
    expect(await found('pancreatic')).toEqual(['title-pancreas', 'body-only'])
    expect(await found('metastasis')).toEqual(['spread'])
    expect(await found('metastases')).toEqual(['spread'])
    expect(await found('surgery lung')).toEqual(['operation'])
    expect(searchTerms('tumour oesophageal anaemia diarrhoea centre fibre')).toEqual(
      searchTerms('tumor esophageal anemia diarrhea center fiber'),
    )
  })

  it('a long query: repeated words count once, and only the first 10 distinct words count', async () => {
    expect(await slugs('pancreas '.repeat(40))).toEqual(await slugs('pancreas'))
    const tenThatMatch = 'surgery pancreatic metastatic whipple procedure major operation spread help option'
    expect(await slugs(tenThatMatch)).toEqual(['surgery'])
    expect(await slugs(`${tenThatMatch} unmatchedword`)).toEqual(['surgery'])
    expect(await slugs(`unmatchedword ${tenThatMatch}`)).toEqual([])
  })
})

describe('building the index', () => {
  it('a full build yields to other work between chunks (the server keeps answering while it builds)', async () => {
    const many = Array.from({ length: 350 }, (_, i) => doc(`answer-${i}`, `Question ${i} about pancreatic surgery`))
    let otherWorkRan = false
    setTimeout(() => (otherWorkRan = true), 0)
    const index = await createMiniSearch(many)
    expect(otherWorkRan).toBe(true)
    expect((await index.search('pancreatic', { limit: 100 })).totalDocs).toBe(350)
    expect(index.listed()).toHaveLength(350)
  })
})

describe('updating the index in place (the catalog after a change to some answers)', () => {
  it('replace drops the named answers and adds the new versions; lists and search follow', async () => {
    const index = await createMiniSearch(documents)
    await index.replace(
      ['bone', 'no-such-answer'],
      [doc('bone-new', 'Can radiotherapy help with bone pain? Revised', { cancerType: 'breast' })],
    )
    expect(await (async () => (await index.search('radiotherapy')).docs.map((item) => item.slug))()).toEqual(['bone-new'])
    await index.replace(['stent'], [])
    expect((await index.search('pancreas')).docs.map((item) => item.slug)).toEqual(['surgery'])
    expect(index.listed().map(({ item }) => item.slug)).not.toContain('stent')
    expect(index.listed()).toHaveLength(documents.length - 1)
  })

  it('the first ranking after a replace is the one every later search gives (no trace of the dropped answer)', async () => {
    const stents = [
      doc('a', 'Can a stent help a blocked stent duct?', { text: 'A stent keeps the duct open; a stent is small.' }),
      doc('x', 'An older answer about a stent', { text: 'stent' }),
      doc('b', 'Will I need a stent?', { text: 'Maybe.' }),
      doc('c', 'Another question', { text: 'Nothing here.' }),
    ]
    const index = await createMiniSearch(stents)
    const fresh = await createMiniSearch(stents.filter((document) => document.item.slug !== 'x'))
    const ranked = async (searched: typeof index) => (await searched.search('stent')).docs.map((item) => item.slug)
    await index.replace(['x'], [])
    expect(await ranked(index)).toEqual(await ranked(fresh))
    expect(await ranked(index)).toEqual(await ranked(fresh))
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

  it('the safety net: a full rebuild at most 10 minutes after the last one, however often changes update the value', async () => {
    let now = Date.UTC(2026, 0, 1)
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now)
    try {
      const kinds: string[] = []
      const build = async (stale?: StaleValue<number>) => {
        kinds.push(stale ? 'update' : 'full')
        return 1
      }
      const key = `test-${Math.random()}`
      await cachedValue(key, ['answers'], build)
      for (let minute = 9; minute <= 27; minute += 9) {
        now += 9 * 60_000
        evictTaggedValues(['answer-a', 'answers'])
        await cachedValue(key, ['answers'], build)
      }
      // Minute 9 updated; minute 18 is past the 10 minutes since the full build at 0, and so on.
      expect(kinds).toEqual(['full', 'update', 'full', 'update'])
    } finally {
      clock.mockRestore()
    }
  })
})
