/** A cancer type's public page (issue 15): a complete document from the catalog, its notice, its pages. */
import { describe, expect, it } from 'vitest'

import { cancerTypePageNumber, renderCancerTypePage } from '@/lib/public/pages/cancerTypePage'
import type { PublicList } from '@/lib/public/schemas'

const type = { slug: 'pancreatic', name: 'Pancreatic cancer', answerCount: 3 }
const item = (n: number) => ({
  slug: `answer-${n}`,
  title: `Question ${n} <script>alert(${n})</script>`,
  summary: `Summary ${n}.`,
  cancerType: { slug: 'pancreatic', name: 'Pancreatic cancer' },
  lastReviewedAt: '2026-01-10T00:00:00.000Z',
})
const list = (page: number, totalPages: number, docs = [item(page)]): PublicList => ({ docs, totalDocs: totalPages, page, totalPages })

describe('renderCancerTypePage', () => {
  it('a complete document: title, description, the notice, each answer linked with its summary, text escaped', () => {
    const html = renderCancerTypePage(type, list(1, 1, [item(1), item(2)]))
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true)
    expect(html).toContain('<title>Pancreatic cancer: questions answered</title>')
    expect(html).toContain('<meta name="description" content="Clinician-reviewed answers about pancreatic cancer."/>')
    expect(html).toContain('<h1>Pancreatic cancer</h1>')
    expect(html).toMatch(/For informational purposes only, not medical advice\./)
    expect(html).toContain('<a href="/answers/answer-2">Question 2 &lt;script&gt;alert(2)&lt;/script&gt;</a><p>Summary 2.</p>')
    expect(html).not.toMatch(/<script/)
    expect(html).not.toContain('Pages of answers') // one page: no page links
  })

  it('no answers yet says so', () => {
    expect(renderCancerTypePage(type, list(1, 0, []))).toContain('No reviewed answers about pancreatic cancer yet.')
  })

  it('more than one page: links to the previous and next pages, page 1 without ?page=', () => {
    const first = renderCancerTypePage(type, list(1, 3))
    expect(first).toContain('<a rel="next" href="/cancer-types/pancreatic?page=2">Next page</a>')
    expect(first).not.toContain('rel="prev"')
    const middle = renderCancerTypePage(type, list(2, 3))
    expect(middle).toContain('<a rel="prev" href="/cancer-types/pancreatic">Previous page</a>')
    expect(middle).toContain('<a rel="next" href="/cancer-types/pancreatic?page=3">Next page</a>')
    expect(middle).toContain('<span>Page 2 of 3</span>')
    const last = renderCancerTypePage(type, list(3, 3))
    expect(last).toContain('<a rel="prev" href="/cancer-types/pancreatic?page=2">Previous page</a>')
    expect(last).not.toContain('rel="next"')
  })
})

describe('cancerTypePageNumber', () => {
  it('no ?page= is page 1; a page number as the links write it is that page; anything else is null (a 404)', () => {
    const page = (query: string) => cancerTypePageNumber(new URLSearchParams(query))
    expect(page('')).toBe(1)
    expect(page('utm_source=x')).toBe(1)
    expect(page('page=2')).toBe(2)
    for (const bad of ['page=0', 'page=-1', 'page=01', 'page=1e3', 'page=2.5', 'page=abc', 'page=', 'page=1&page=2', 'page=9999999'])
      expect(page(bad), bad).toBeNull()
  })
})
