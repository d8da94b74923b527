/**
 * Issue 13, claims end to end: which sentence a citation node supports, the numbered references a
 * reader sees, and the allow-list's view of the node.
 */
import { describe, expect, it } from 'vitest'

import type { Answer } from '@/payload-types'
import { answerClaims, citationNodes, markedMarkdownClaims } from '@/lib/claims/answerClaims'
import { citeNode } from '@/lib/claims/markers'
import { answerReferences, referenceNumbering } from '@/lib/claims/references'
import { lexicalToHtml } from '@/lib/richText'
import { richTextRefusal } from '@/lib/richTextPolicy'
import { paragraph, root, text } from '../helpers/lexical'

const heading = (value: string) => ({ ...paragraph(text(value)), type: 'heading', tag: 'h2' })
const list = (...items: unknown[][]) => ({
  type: 'list',
  version: 1,
  listType: 'bullet',
  start: 1,
  tag: 'ul',
  direction: 'ltr',
  format: '',
  indent: 0,
  children: items.map((children, index) => ({ ...paragraph(...children), type: 'listitem', value: index + 1 })),
})
const a = { source: 1, passageId: 'met-surgery', quote: 'generally not recommended' }
const b = { source: 2, passageId: 'stents' }

const asBody = (value: ReturnType<typeof root>) => value as unknown as Answer['body']
const body = asBody(
  root(
    heading('Why'),
    paragraph(
      text('Surgery is generally not recommended once the cancer has spread.'),
      citeNode(a),
      text(' It is a big operation. Stents can relieve a blockage.'),
      citeNode(b),
      citeNode(a),
    ),
    heading('Exceptions'),
    list([text('A stent '), citeNode(b), text('can relieve jaundice.')], [text('Nothing cited here.')]),
  ),
)

describe('answerClaims', () => {
  const parts = answerClaims({ summary: 'Usually not. Chemotherapy comes first.', citations: [{ ...b, claimCitation: false }], body })

  it('the direct answer is a part whose claims share its citations', () => {
    expect(parts[0]).toMatchObject({
      part: 'direct answer',
      claims: [
        { text: 'Usually not.', citations: [{ source: 2, passageId: 'stents' }] },
        { text: 'Chemotherapy comes first.', citations: [{ source: 2, passageId: 'stents' }] },
      ],
    })
  })

  it('a body claim cites the nodes that follow it, a node inside a sentence belongs to it, and an uncited sentence has none', () => {
    const claims = parts.slice(1).map(({ part, claims }) => ({ part, claims: claims.map((claim) => [claim.text, claim.citations.length]) }))
    expect(claims).toEqual([
      {
        part: 'Why',
        claims: [
          ['Surgery is generally not recommended once the cancer has spread.', 1],
          ['It is a big operation.', 0],
          ['Stents can relieve a blockage.', 2],
        ],
      },
      {
        part: 'Exceptions',
        claims: [
          ['A stent can relieve jaundice.', 1],
          ['Nothing cited here.', 0],
        ],
      },
    ])
  })

  it("a claim's id stays while its words and citations stay, and changes when either does", () => {
    const id = (value: unknown) => answerClaims({ body: value as Answer['body'] }).flatMap((part) => part.claims)[0]!.id
    const same = root(
      heading('Other heading'),
      paragraph(text('Surgery is generally not recommended once the cancer has spread.'), citeNode(a)),
    )
    const reworded = root(heading('Why'), paragraph(text('Surgery is rarely recommended once the cancer has spread.'), citeNode(a)))
    const recited = root(heading('Why'), paragraph(text('Surgery is generally not recommended once the cancer has spread.'), citeNode(b)))
    expect(id(same)).toBe(id(body))
    expect(id(reworded)).not.toBe(id(body))
    expect(id(recited)).not.toBe(id(body))
  })

  it('copies of the body citations in the list are not the direct answer\u2019s', () => {
    const [direct] = answerClaims({ summary: 'Usually not.', citations: [{ ...a, claimCitation: true }], body: null })
    expect(direct!.claims[0]!.citations).toEqual([])
  })

  it('reads "[n]" markers in Markdown with the same rule', () => {
    expect(markedMarkdownClaims('First claim. [1] Second claim.[2][1]\n\n- A bullet [2]\n- Uncited bullet')).toEqual([
      { text: 'First claim.', markers: [1] },
      { text: 'Second claim.', markers: [2, 1] },
      { text: 'A bullet', markers: [2] },
      { text: 'Uncited bullet', markers: [] },
    ])
  })
})

describe('numbered references', () => {
  const answer = { citations: [{ ...b, claimCitation: false }], body }
  it('are numbered by first appearance, the direct answer first, one number per passage', () => {
    expect(answerReferences(answer)).toEqual([
      { n: 1, source: 2, passageId: 'stents' },
      { n: 2, source: 1, passageId: 'met-surgery' },
    ])
    expect(citationNodes(body)).toHaveLength(4)
  })

  it('render as linked superscripts after their claims', () => {
    const html = lexicalToHtml(body, referenceNumbering(answerReferences(answer)))
    expect(html).toContain(
      'has spread.<sup class="cite"><a href="#ref-2" aria-label="Reference 2">[2]</a></sup> It is a big operation. Stents can relieve a blockage.<sup class="cite"><a href="#ref-1" aria-label="Reference 1">[1]</a></sup><sup class="cite"><a href="#ref-2"',
    )
  })
})

describe('the allow-list and the citation node', () => {
  it('accepts the node the editor makes', () => {
    expect(richTextRefusal(body)).toBeNull()
  })

  it.each([
    ['another block type', { blockType: 'video' }, 'citation field "blockType" has a value the editor does not offer'],
    ['markup in the passage id', { passageId: '<img src=x onerror=alert(1)>'.repeat(10) }, 'citation field "passageId"'],
    ['an unknown field', { html: '<script>' }, 'citation field "html" is not allowed'],
    ['a source that is not an id', { source: 'javascript:alert(1)' }, 'citation field "source"'],
    ['no passage', { passageId: undefined }, 'a citation needs a passage id'],
  ])('refuses %s', (_, change, problem) => {
    const node = citeNode(a)
    const fields = { ...node.fields, ...change } as Record<string, unknown>
    for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key]
    expect(richTextRefusal(root(paragraph(text('A claim.'), { ...node, fields })))).toContain(problem)
  })

  it('refuses a citation outside a paragraph', () => {
    expect(richTextRefusal(root(citeNode(a)))).toContain('a citation belongs inside a paragraph')
  })
})
