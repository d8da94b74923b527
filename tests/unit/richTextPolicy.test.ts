/**
 * Issue 10 item 1, each layer on its own: the allow-list refuses what the editor does not offer,
 * and the renderer (lexicalToHtml, AnswerContent, the public JSON) never lets markup through even
 * when a body skipped the allow-list (stored before it existed, or a converter bug).
 */
import React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { AnswerContent } from '@/components/answer/AnswerContent'
import { lexicalToHtml } from '@/lib/richText'
import { linkProtocolAllowed, richTextRefusal, richTextViolations, sanitizeRichTextHtml } from '@/lib/richTextPolicy'
import { paragraph, root, text } from '../helpers/lexical'

const link = (url: string) => ({
  type: 'link',
  version: 3,
  children: [text('read more')],
  direction: 'ltr',
  format: '',
  indent: 0,
  id: 'x1',
  fields: { url, newTab: false, linkType: 'custom' },
})

/** The table-cell payload of the issue: headerState lands raw in class="..." in Payload's converter. */
const MARKER = 'window.__xssRan=1'
const headerStateTable = root({
  type: 'table',
  version: 1,
  children: [
    {
      type: 'tablerow',
      version: 1,
      children: [
        { type: 'tablecell', version: 1, headerState: `0"><img src=x onerror="${MARKER}"><b class="`, children: [paragraph(text('cell'))] },
      ],
    },
  ],
})
/** An upload node with an inline value: Payload's converter renders it as <a href="javascript:...">. */
const inlineUpload = root({
  type: 'upload',
  version: 3,
  relationTo: 'media',
  value: { url: `javascript:${MARKER}`, mimeType: 'application/pdf', filename: 'leaflet.pdf' },
  fields: null,
})

describe('rich-text allow-list', () => {
  it('accepts what the editor and the Markdown converter make', () => {
    const body = root(
      { type: 'heading', version: 1, tag: 'h2', children: [text('Why')], direction: 'ltr', format: '', indent: 0 },
      paragraph(
        text('Bold and italic', 3),
        { type: 'linebreak', version: 1 },
        link('https://www.nccn.org/patients'),
        link('mailto:team@example.org'),
      ),
      {
        type: 'list',
        version: 1,
        listType: 'bullet',
        start: 1,
        tag: 'ul',
        children: [{ type: 'listitem', version: 1, value: 1, children: [text('A reason')], direction: 'ltr', format: '', indent: 0 }],
        direction: 'ltr',
        format: '',
        indent: 0,
      },
      {
        type: 'quote',
        version: 1,
        children: [text('<img src=x onerror=alert(1)> stays text')],
        direction: 'ltr',
        format: 'center',
        indent: 1,
      },
      { type: 'horizontalrule', version: 1 },
    )
    expect(richTextViolations(body)).toEqual([])
    expect(richTextViolations(null)).toEqual([])
  })

  it('refuses the table-cell headerState payload, naming the node by path and type', () => {
    const refusal = richTextRefusal(headerStateTable)
    expect(refusal).toContain('body.root.children[0] (table): node type "table" is not offered by the editor')
  })

  it('refuses an upload node with an inline value', () => {
    expect(richTextRefusal(inlineUpload)).toContain('body.root.children[0] (upload): node type "upload" is not offered')
  })

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    '/relative/path',
    '//evil.example/x',
  ])('refuses the link %j', (url) => {
    expect(richTextRefusal(root(paragraph(link(url))))).toMatch(
      /body\.root\.children\[0\]\.children\[0\] \(link\): link address .* is not allowed: use an http, https or mailto address/,
    )
  })

  it('allows http, https and mailto links only', () => {
    expect(['http://a.example/', 'https://a.example/x?y=1', 'mailto:a@example.org'].every(linkProtocolAllowed)).toBe(true)
    expect(linkProtocolAllowed('ftp://a.example/')).toBe(false)
  })

  it('refuses attributes and formats the editor does not offer', () => {
    const styled = root(paragraph({ ...text('x'), style: 'background:url(javascript:alert(1))' }))
    expect(richTextRefusal(styled)).toContain('body.root.children[0].children[0] (text): attribute "style"')
    const highlighted = root(paragraph(text('x', 128)))
    expect(richTextRefusal(highlighted)).toContain('(text): attribute "format"')
    const extra = root({ ...paragraph(text('x')), onclick: 'alert(1)' })
    expect(richTextRefusal(extra)).toContain('body.root.children[0] (paragraph): attribute "onclick" is not allowed')
    const internal = root(
      paragraph({ ...link('https://a.example'), fields: { linkType: 'internal', doc: { relationTo: 'users', value: 1 } } }),
    )
    expect(richTextRefusal(internal)).toContain('(link): link field "linkType"')
    const heading = root({ type: 'heading', version: 1, tag: 'script', children: [], direction: null, format: '', indent: 0 })
    expect(richTextRefusal(heading)).toContain('(heading): attribute "tag"')
  })

  it('refuses values that are not a Lexical document, and nesting deep enough to exhaust the stack', () => {
    expect(richTextRefusal('<script>alert(1)</script>')).toContain('single "root" node')
    expect(richTextRefusal({ root: { type: 'paragraph', version: 1, children: [] } })).toContain('(paragraph): node type "paragraph"')
    let deep: Record<string, unknown> = text('x')
    // Lists in list items: nesting the editor allows, as deep as the stack would go.
    for (let i = 0; i < 50; i++) {
      const item = { type: 'listitem', version: 1, value: 1, children: [deep], direction: null, format: '', indent: 0 }
      deep = { type: 'list', version: 1, listType: 'bullet', start: 1, tag: 'ul', children: [item], direction: null, format: '', indent: 0 }
    }
    expect(richTextRefusal(root(deep))).toContain('nested deeper than')
  })

  it('refuses node types, attributes and link fields named like Object.prototype members (a 500 before)', () => {
    const proto = JSON.parse(
      '{"root":{"type":"root","version":1,"children":[],"direction":"ltr","format":"","indent":0,"__proto__":{"x":1}}}',
    )
    expect(richTextRefusal(proto)).toContain('body.root (root): attribute "__proto__" is not allowed on root')
    expect(richTextRefusal(root(paragraph({ ...text('x'), constructor: 'x' })))).toContain('attribute "constructor" is not allowed on text')
    expect(richTextRefusal(root({ type: 'constructor', version: 1, children: [] }))).toContain('node type "constructor" is not offered')
    expect(richTextRefusal(root({ type: 'toString', version: 1, children: [] }))).toContain('node type "toString" is not offered')
    const linkField = root(paragraph({ ...link('https://a.example'), fields: { url: 'https://a.example', hasOwnProperty: 1 } }))
    expect(richTextRefusal(linkField)).toContain('link field "hasOwnProperty" is not allowed')
  })
})

describe('rendering rich text never inserts unsanitized HTML', () => {
  it('the converter output of the headerState payload loses the injected element', () => {
    const html = lexicalToHtml(headerStateTable as never)
    expect(html).toContain('cell')
    expect(html).not.toMatch(/onerror|<img|__xssRan/i)
  })

  it('an inline upload value does not become a javascript: link', () => {
    expect(lexicalToHtml(inlineUpload as never)).not.toMatch(/javascript:|__xssRan/i)
  })

  it('markup typed as text stays text', () => {
    const html = lexicalToHtml(
      root(paragraph(text('<img src=x onerror="alert(1)"> and <svg onload="alert(1)"> and <script>alert(1)</script>'))) as never,
    )
    expect(html).toContain('&lt;img src=x onerror=')
    expect(html).not.toMatch(/<img|<svg|<script/)
  })

  it('the sanitizer keeps what the editor makes and drops scripts, handlers and unsafe URLs', () => {
    const kept =
      '<h2>Why</h2><p style="text-align:center">A <strong>b</strong> <em>c</em> <a href="https://a.example/">d</a></p><ul class="list-bullet"><li value="1">e</li></ul>'
    expect(sanitizeRichTextHtml(kept)).toBe(kept)
    const hostile =
      '<p onclick="alert(1)">x</p><img src=x onerror="alert(1)"><svg onload="alert(1)"></svg><script>alert(1)</script><a href="javascript:alert(1)">y</a><iframe src="https://evil.example"></iframe><a href="https://a.example" target="_blank">z</a>'
    const clean = sanitizeRichTextHtml(hostile)
    expect(clean).not.toMatch(/onclick|onerror|onload|<img|<svg|<script|<iframe|javascript:/i)
    expect(clean).toContain('<a href="https://a.example" target="_blank" rel="noopener noreferrer">z</a>')
  })

  it('AnswerContent sanitizes the HTML it is given (records stored before the sanitizer)', () => {
    const markup = renderToStaticMarkup(
      React.createElement(AnswerContent, {
        answer: {
          summary: 's',
          bodyHtml: `<p>ok</p><img src=x onerror="${MARKER}"><a href="javascript:${MARKER}">l</a>`,
          questionsToAsk: [],
          keyTakeaway: 'k',
        },
      }),
    )
    expect(markup).toContain('<p>ok</p>')
    expect(markup).not.toMatch(/onerror|javascript:|__xssRan/)
  })
})
