/** The light answer page (issue 15): a complete document from the public JSON, no script but JSON-LD, the site's frame. */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import FrontendLayout from '@/app/(frontend)/layout'
import { SITE_STYLESHEET, SiteFooter, SiteHeader } from '@/components/site/SiteChrome'
import { answerJsonLd } from '@/components/answer/AnswerArticle'
import { renderAnswerPage } from '@/lib/public/pages/answerPage'
import { renderNotFoundPage } from '@/lib/public/pages/document'
import type { PublicAnswer } from '@/lib/public/publicAnswer'

const answer: PublicAnswer = {
  slug: 'can-surgery-help',
  title: 'Can surgery help? </script><script>alert(1)</script>',
  question: 'Is surgery an option?',
  cancerType: { slug: 'pancreatic', name: 'Pancreatic cancer' },
  summary: 'Surgery is not the usual first treatment once the cancer has spread.',
  summaryReferences: [1],
  body: null,
  bodyHtml: '<h2>Why</h2><p>A reason.<img src=x onerror="alert(2)"></p>',
  claims: [],
  references: [
    {
      n: 1,
      publisher: 'NCI PDQ',
      title: 'Pancreatic Cancer Treatment',
      version: '2026',
      url: 'https://www.cancer.gov/x',
      passageId: 'p',
      passageHeading: 'Stages',
    },
  ],
  questionsToAsk: [{ question: 'What is the goal of treatment?', why: 'It frames the choices.' }],
  keyTakeaway: 'Ask your team what fits you.',
  sources: [{ publisher: 'NCI PDQ', title: 'Pancreatic Cancer Treatment', version: '2026', url: 'https://www.cancer.gov/x' }],
  reviewedBy: [{ name: 'Dr Maya Okafor', credentials: 'MD, Medical Oncology' }],
  publishedAt: '2026-01-10T00:00:00.000Z',
  lastReviewedAt: '2026-01-10T00:00:00.000Z',
  nextReviewDue: '2027-01-10T00:00:00.000Z',
  notice: { kind: 'review_overdue', since: '2026-06-01T00:00:00.000Z', message: 'Review overdue: it is being reviewed again.' },
  disclosure: 'This answer was drafted with AI from these guidelines: NCI PDQ. It was then reviewed and approved by Dr Maya Okafor.',
  disclaimer:
    'For informational purposes only. This is not medical advice and does not replace a conversation with your own oncology team.',
}

describe('renderAnswerPage', () => {
  const html = renderAnswerPage(answer)

  it('is a complete HTML document with the title, description and the one site stylesheet', () => {
    expect(html.startsWith('<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>')).toBe(true)
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>')
    expect(html).toContain('<title>Can surgery help? &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>')
    expect(html).toContain(`<link rel="stylesheet" href="${SITE_STYLESHEET}"/>`)
    expect(html.endsWith('</body></html>')).toBe(true)
  })

  it('has the same header and footer as the Next-rendered pages', () => {
    const header = renderToStaticMarkup(createElement(SiteHeader))
    const footer = renderToStaticMarkup(createElement(SiteFooter))
    expect(html).toContain(`<body>${header}<main>`)
    expect(html).toContain(`</main>${footer}</body>`)
    const layout = renderToStaticMarkup(createElement(FrontendLayout, null, 'content'))
    expect(layout).toContain(`<body>${header}<main>content</main>${footer}</body>`)
    expect(layout).toContain(`<link rel="stylesheet" href="${SITE_STYLESHEET}"/>`)
  })

  it('has no script but its JSON-LD, which parses to the schema.org description; hostile text stays data', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>([^]*?)<\/script>/g)]
    expect(scripts).toHaveLength(1)
    expect(scripts[0]![1]).toBe(' type="application/ld+json"')
    expect(JSON.parse(scripts[0]![2]!)).toEqual(answerJsonLd(answer))
    expect(JSON.parse(scripts[0]![2]!)).toMatchObject({ '@type': 'MedicalWebPage', reviewedBy: [{ name: 'Dr Maya Okafor' }] })
    expect(html).not.toMatch(/onerror|<img/)
  })

  it('a short top block: the live notice, a one-line notice with the disclosure one tap away, then the direct answer', () => {
    const top = html.slice(html.indexOf('<h1>'), html.indexOf('<strong>Surgery is not'))
    expect(top).toContain('data-notice="review_overdue"')
    expect(top).toContain(
      '<details class="notice disclosure"><summary>For information only, not medical advice. How this was written</summary>',
    )
    expect(top).toContain(answer.disclosure)
    expect(html).toContain(`<strong>${answer.summary}</strong><sup class="cite"><a href="#ref-1"`)
    expect(html).toMatch(
      /Medically reviewed by Dr Maya Okafor, MD, Medical Oncology on January 10, 2026 – next review\s+due January 10, 2027\./,
    )
  })

  it('the 404 page is the branded one, in the same frame', () => {
    const notFound = renderNotFoundPage()
    expect(notFound).toContain('<title>Page not found</title>')
    expect(notFound).toContain('<h1>Page not found</h1>')
    expect(notFound).toContain(renderToStaticMarkup(createElement(SiteHeader)))
    expect(notFound).not.toContain('<script')
  })
})
