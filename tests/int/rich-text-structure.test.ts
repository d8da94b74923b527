/**
 * The allow-list also says where each node may sit and how much a body may hold (found by a review):
 * a text node at the top (Lexical then refuses to load the answer, so nobody can open it in the
 * admin again), a list item outside a list, a heading inside a paragraph were saved; and 5,000 short
 * paragraphs, well under the 1 MB request limit, were a 500 (one stored check result each overflowed
 * the SQLite adapter's insert). Each is now a 400 naming it, nothing saved.
 */
import { createHeadlessEditor } from '@lexical/headless'
import { $createLinkNode, editorConfigFactory, getEnabledNodes } from '@payloadcms/richtext-lexical'
import { $getRoot, $isElementNode, type LexicalEditor } from 'lexical'
import type { Payload, RichTextField } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType, GuidelineSource, User } from '@/payload-types'
import { markdownWithCitations } from '@/lib/claims/markers'
import { MAX_RICH_TEXT_CHARACTERS } from '@/lib/richTextPolicy'
import { createCancerType, createCompleteDraft, createSource, createUser, PASSWORD } from '../helpers/fixtures'
import { paragraph, root, text } from '../helpers/lexical'
import { startPayload, stopPayload } from '../helpers/payload'
import { errorMessage, RestClient } from '../helpers/rest'

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let editor: User
let cookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  editor = await createUser(payload, { roles: ['editor'] })
  cookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const element = (type: string, extra: object, ...children: unknown[]) => ({
  type,
  version: 1,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  ...extra,
})
const storedBody = async (id: number | string) =>
  (await payload.findByID({ collection: 'answers', id, draft: true, depth: 0, overrideAccess: true })).body

/** The answers body's own editor (its citation blocks included), as the admin builds it. */
function bodyEditor(): LexicalEditor {
  const field = payload.collections.answers!.config.flattenedFields.find((candidate) => candidate.name === 'body') as RichTextField
  const editorConfig = editorConfigFactory.fromField({ field })
  return createHeadlessEditor({
    nodes: getEnabledNodes({ editorConfig }),
    onError: (error) => {
      throw error
    },
  })
}

function lexicalLoads(body: unknown): void {
  const lexical = bodyEditor()
  lexical.update(() => lexical.setEditorState(lexical.parseEditorState(body as never)), { discrete: true })
}

describe('nodes the editor offers, where the editor never puts them', () => {
  const misplaced: [string, unknown, string][] = [
    ['a text node at the top', root(text('Surgery is rarely offered.')), 'body.root.children[0] (text): a root cannot hold a text'],
    [
      'a list item outside any list',
      root(element('listitem', { value: 1 }, text('A bullet with no list.'))),
      'body.root.children[0] (listitem): a root cannot hold a listitem (the editor puts it in a list)',
    ],
    [
      'a heading inside a paragraph',
      root(paragraph(element('heading', { tag: 'h1' }, text('A heading in a paragraph')))),
      'body.root.children[0].children[0] (heading): a paragraph cannot hold a heading (the editor puts it at the top)',
    ],
  ]

  it.each(misplaced)('%s: 400 naming it, nothing saved', async (_label, body, message) => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    const response = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie, json: { body } })
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toContain(message)
    expect(await storedBody(draft.id)).toEqual(draft.body)
  })

  it('the first of them is what Lexical itself cannot load; what the drafts hold loads', async () => {
    expect(() => lexicalLoads(misplaced[0]![1])).toThrow(/root node/)
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    const stored = await storedBody(draft.id)
    expect(JSON.stringify(stored)).toContain('"inlineBlock"')
    expect(() => lexicalLoads(stored)).not.toThrow()
  })
})

describe('what the editor makes, saved as it made it', () => {
  it('a link made over a sentence and its citation (the link button wraps whatever is selected) saves and loads', async () => {
    const body = await markdownWithCitations(payload.config, 'Surgery is rarely offered once the cancer has spread. [1]', [
      { source: source.id, passageId: 'p-one', quote: 'Paraphrased guidance' },
    ])
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id }, { body })
    const lexical = bodyEditor()
    lexical.update(() => lexical.setEditorState(lexical.parseEditorState(draft.body as never)), { discrete: true })
    // What the toolbar's link does to a selection spanning the whole paragraph: its children move into one link.
    lexical.update(
      () => {
        const first = $getRoot().getFirstChild()
        if (!$isElementNode(first)) throw new Error('The draft does not start with a paragraph')
        const link = $createLinkNode({ fields: { linkType: 'custom', newTab: false, url: 'https://www.cancer.gov/types/pancreatic' } })
        link.append(...first.getChildren())
        first.append(link)
      },
      { discrete: true },
    )
    const linked = lexical.getEditorState().toJSON()
    const link = (linked.root.children[0] as unknown as { children: { type: string; children: { type: string }[] }[] }).children[0]!
    expect([link.type, ...link.children.map((child) => child.type)]).toEqual(['link', 'text', 'inlineBlock'])

    const response = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie, json: { body: linked } })
    expect(response.status, errorMessage(response)).toBe(200)
    const stored = await storedBody(draft.id)
    expect(JSON.stringify(stored)).toContain('"type":"link"')
    expect(() => lexicalLoads(stored)).not.toThrow()
  })
})

describe('how much a body may hold', () => {
  it('4,500 short claims as the sentences of one paragraph (3 nodes, under 60,000 characters; was a 500): 400 saying why', async () => {
    const claims = (count: number) => Array.from({ length: count }, (_, i) => `Claim ${i}.`).join(' ')
    expect(claims(4500).length).toBeLessThan(MAX_RICH_TEXT_CHARACTERS)
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    const response = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie, json: { body: root(paragraph(text(claims(4500)))) } })
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toBe(
      'The answer has 4,501 statements (sentences and list items), more than the 500 an answer can hold, so nothing was saved. Split it into shorter answers.',
    )
    expect(await storedBody(draft.id)).toEqual(draft.body)
    // At the limit (the direct answer is one more): saved with its flags, nearly one per claim (a number not in the source).
    const atLimit = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie, json: { body: root(paragraph(text(claims(499)))) } })
    expect(atLimit.status, errorMessage(atLimit)).toBe(200)
    const saved = await payload.findByID({ collection: 'answers', id: draft.id, draft: true, depth: 0, overrideAccess: true })
    expect(saved.safetyWarnings!.length).toBeGreaterThan(400)
  })

  it('4,500 short paragraphs (under the 1 MB request limit): 400 saying why, nothing saved', async () => {
    const body = root(...Array.from({ length: 4500 }, (_, i) => paragraph(text(`Claim ${i}.`))))
    expect(JSON.stringify({ body }).length).toBeLessThan(1024 * 1024)
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    const response = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie, json: { body } })
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toBe(
      'The rich text of "body" is longer than an answer can be, so nothing was saved: it has more than 2,000 nodes. Split it into shorter answers, or shorten it.',
    )
    expect(await storedBody(draft.id)).toEqual(draft.body)
  })

  it(`more than ${MAX_RICH_TEXT_CHARACTERS.toLocaleString('en')} characters of text: 400 saying why; a long real answer saves`, async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    const sentence = 'Surgery is rarely offered when the cancer has spread, and chemotherapy comes first for most people. '
    const long = root(...Array.from({ length: 20 }, () => paragraph(text(sentence.repeat(31)))))
    const response = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie, json: { body: long } })
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toMatch(
      /^The rich text of "body" is longer than an answer can be, so nothing was saved: it has 6\d,\d{3} characters of text, more than 60,000\./,
    )
    // Two thousand words in forty paragraphs: far longer than a patient page, and saved.
    const real = root(...Array.from({ length: 40 }, () => paragraph(text(sentence.repeat(3)))))
    const saved = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie, json: { body: real } })
    expect(saved.status, errorMessage(saved)).toBe(200)
  })
})
