/** The public page's reference list and the direct answer's numbers (issue 13), as server HTML. */
import React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { AnswerContent } from '@/components/answer/AnswerContent'
import { AnswerReferences } from '@/components/answer/AnswerReferences'
import type { PublicReference } from '@/lib/public/publicAnswer'

const sources = [{ publisher: 'NCCN', title: 'NCCN Pancreatic', version: 'Version 1.2026', url: 'https://www.nccn.org/' }]
const reference = (n: number, passageHeading: string): PublicReference => ({
  n,
  publisher: 'NCCN',
  title: 'NCCN Pancreatic',
  version: 'Version 1.2026',
  url: 'https://www.nccn.org/',
  passageId: `p-${n}`,
  passageHeading,
})

describe('AnswerReferences', () => {
  it('lists each reference under its number, as the superscripts link to it', () => {
    const html = renderToStaticMarkup(
      React.createElement(AnswerReferences, { answer: { sources, references: [reference(1, 'Surgery'), reference(2, '')] } }),
    )
    expect(html).toContain('<h2 id="references">References</h2>')
    expect(html).toContain(
      '<li id="ref-1" value="1">NCCN: <a href="https://www.nccn.org/">NCCN Pancreatic</a>, Version 1.2026<span class="passage">Section: Surgery</span></li>',
    )
    expect(html).toContain('<li id="ref-2" value="2">NCCN: <a href="https://www.nccn.org/">NCCN Pancreatic</a>, Version 1.2026</li>')
    expect(html).not.toContain('id="sources"')
  })

  it('a passage heading an attacker wrote is text, never markup', () => {
    const html = renderToStaticMarkup(
      React.createElement(AnswerReferences, { answer: { sources, references: [reference(1, '<script>alert(1)</script><img src=x>')] } }),
    )
    expect(html).not.toMatch(/<script|<img/)
    expect(html).toContain('Section: &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x&gt;')
  })

  it('a record published before references shows its sources list instead', () => {
    const html = renderToStaticMarkup(React.createElement(AnswerReferences, { answer: { sources, references: [] } }))
    expect(html).toContain('<h2 id="sources">Sources</h2>')
    expect(html).toContain('NCCN: <a href="https://www.nccn.org/">NCCN Pancreatic</a>, Version 1.2026')
    expect(html).not.toContain('ref-')
  })
})

describe('AnswerContent: the direct answer followed by its reference numbers', () => {
  const content = { summary: 'Usually not.', bodyHtml: '', questionsToAsk: [], keyTakeaway: 'Ask.' }
  it('links each number to its reference', () => {
    const html = renderToStaticMarkup(React.createElement(AnswerContent, { answer: { ...content, summaryReferences: [1, 3] } }))
    expect(html).toContain(
      '<p><strong>Usually not.</strong><sup class="cite"><a href="#ref-1" aria-label="Reference 1">[1]</a></sup><sup class="cite"><a href="#ref-3" aria-label="Reference 3">[3]</a></sup></p>',
    )
  })
  it('shows none when there are none (older records, the review screen)', () => {
    expect(renderToStaticMarkup(React.createElement(AnswerContent, { answer: content }))).toContain('<p><strong>Usually not.</strong></p>')
  })
})
