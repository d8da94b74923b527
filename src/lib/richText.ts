import { convertMarkdownToLexical, editorConfigFactory } from '@payloadcms/richtext-lexical'
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import type { SanitizedConfig } from 'payload'

import { CITE_BLOCK, type CiteNode, isCiteNode } from './claims/citeNode'
import { sanitizeRichTextHtml } from './richTextPolicy'

type EditorConfig = Awaited<ReturnType<typeof editorConfigFactory.default>>
const editorConfigs = new WeakMap<SanitizedConfig, Promise<EditorConfig>>()

/** Markdown to the Lexical JSON of our richText fields: the one way rich text is made in code. */
export async function markdownToLexical(config: SanitizedConfig, markdown: string) {
  let editorConfig = editorConfigs.get(config)
  if (!editorConfig) {
    editorConfig = editorConfigFactory.default({ config })
    editorConfigs.set(config, editorConfig)
  }
  return convertMarkdownToLexical({ editorConfig: await editorConfig, markdown })
}

type LexicalBody = { root?: unknown } | null | undefined

/**
 * The HTML of a richText field, as patients get it. Payload's converter does not escape every
 * attribute (a table cell's headerState lands raw in class="..."), so its output always goes
 * through the rich-text sanitizer. A citation node becomes its reference number, linked to the
 * reference list (`#ref-N`), as patient pages such as NCI's PDQ summaries show them.
 */
export function lexicalToHtml(
  body: LexicalBody,
  referenceNumber: (citation: CiteNode['fields']) => number | undefined = () => undefined,
): string {
  if (!body) return ''
  const html = convertLexicalToHTML({
    data: body as never,
    disableContainer: true,
    converters: ({ defaultConverters }) => ({
      ...defaultConverters,
      inlineBlocks: {
        [CITE_BLOCK]: ({ node }) => {
          const n = isCiteNode(node) ? referenceNumber(node.fields) : undefined
          return n === undefined ? '' : `<sup class="cite"><a href="#ref-${n}" aria-label="Reference ${n}">[${n}]</a></sup>`
        },
      },
    }),
  })
  return sanitizeRichTextHtml(html)
}

/** The plain text of a richText field, one line per paragraph, heading or list item. */
export function lexicalToText(body: LexicalBody): string {
  const parts: string[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    // A citation node has no text: a claim's words are what the reader reads.
    const { text, children, type } = node as { text?: unknown; children?: unknown[]; type?: string }
    if (typeof text === 'string') parts.push(text)
    children?.forEach(walk)
    if (type === 'paragraph' || type === 'heading' || type === 'listitem') parts.push('\n')
  }
  walk(body?.root)
  return parts.join('').replace(/\n+/g, '\n').trim()
}
