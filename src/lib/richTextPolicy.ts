import sanitizeHtml from 'sanitize-html'

import { CITE_BLOCK } from './claims/citeNode'

/**
 * What an answer body may hold: the nodes, text formats and attributes our editor offers
 * (payload.config.ts `lexicalEditor`, and what the drafter and seed make from Markdown). Everything
 * else is refused at save time, drafts included, whoever or whatever wrote it (an editor's browser,
 * a REST client, the model via the drafter, the seed): the body is data a reviewer's and a
 * patient's browser will render, so it is checked against a list of what is known to be harmless
 * rather than a list of what is known to be dangerous (issue 10, item 1).
 */

/** Link targets a patient can follow: web pages and email addresses, nothing a browser would execute. */
export const ALLOWED_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const

/** Lexical text format bits the editor's toolbar offers: bold 1, italic 2, strikethrough 4, underline 8, code 16, subscript 32, superscript 64. */
const ALLOWED_TEXT_FORMAT_BITS = 0b1111111
const ELEMENT_ALIGNMENTS = ['', 'left', 'start', 'center', 'right', 'end', 'justify']
const MAX_INDENT = 10
const MAX_DEPTH = 40
/**
 * A long answer page is a few hundred nodes and about 10,000 characters. Far more fits in a 1 MB
 * request, and 5,000 short paragraphs (one stored check result each) overflowed the SQLite adapter's
 * insert: a 500 where the editor should be told.
 */
export const MAX_RICH_TEXT_NODES = 2_000
export const MAX_RICH_TEXT_CHARACTERS = 60_000

type Check = (value: unknown) => boolean
const isString: Check = (value) => typeof value === 'string'
const isBoolean: Check = (value) => typeof value === 'boolean'
const oneOf =
  (...values: unknown[]): Check =>
  (value) =>
    values.includes(value)
const integer =
  (min: number, max: number): Check =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || value === null || check(value)
const children: Check = Array.isArray

/** Keys every Lexical element node carries (block nodes: paragraph, heading, list, quote, link...). */
const ELEMENT: Record<string, Check> = {
  type: isString,
  version: integer(0, 10),
  children,
  direction: oneOf('ltr', 'rtl', null),
  format: oneOf(...ELEMENT_ALIGNMENTS),
  indent: integer(0, MAX_INDENT),
  // The editor stores the format of an empty paragraph's next text; no text styles are offered.
  textFormat: optional(integer(0, ALLOWED_TEXT_FORMAT_BITS)),
  textStyle: optional(oneOf('')),
}

/** Keys of a text-like leaf (text, tab): the text itself is escaped by every renderer. */
const TEXT: Record<string, Check> = {
  type: isString,
  version: integer(0, 10),
  text: isString,
  format: (value) => Number.isInteger(value) && ((value as number) & ~ALLOWED_TEXT_FORMAT_BITS) === 0 && (value as number) >= 0,
  style: oneOf(''),
  mode: oneOf('normal', 'token', 'segmented'),
  detail: integer(0, 3),
}

const linkUrl: Check = (value) => typeof value === 'string' && linkProtocolAllowed(value)
const LINK_FIELDS: Record<string, Check> = {
  url: linkUrl,
  newTab: optional(isBoolean),
  // Internal links point at documents of the CMS (users included): patients get web addresses only.
  linkType: optional(oneOf('custom')),
  doc: optional(() => false),
}

const boundedString =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === 'string' && value.length >= min && value.length <= max
/** A document id on either adapter: a SQLite integer or a MongoDB ObjectId. */
const documentIdValue: Check = (value) =>
  (Number.isInteger(value) && (value as number) > 0) || (typeof value === 'string' && /^(?:[1-9]\d{0,15}|[a-f\d]{24})$/i.test(value))

/** A claim's citation (src/lib/claims/citeBlock.ts): which passage, and an optional exact quote. */
const CITE_FIELDS: Record<string, Check> = {
  id: (value) => typeof value === 'string' && /^[a-f\d]{24}$/i.test(value),
  blockName: optional(boundedString(0, 100)),
  blockType: oneOf(CITE_BLOCK),
  source: documentIdValue,
  passageId: boundedString(1, 80),
  quote: optional(boundedString(0, 400)),
}

/** The node types the editor offers and the attributes each may carry. */
const NODES: Record<
  string,
  { keys: Record<string, Check>; fields?: Record<string, Check>; requiredFields?: string[]; leaf?: boolean; inline?: boolean }
> = {
  root: { keys: ELEMENT },
  paragraph: { keys: ELEMENT },
  heading: { keys: { ...ELEMENT, tag: oneOf('h1', 'h2', 'h3', 'h4', 'h5', 'h6') } },
  quote: { keys: ELEMENT },
  list: { keys: { ...ELEMENT, listType: oneOf('bullet', 'number', 'check'), start: integer(1, 10_000), tag: oneOf('ul', 'ol') } },
  listitem: { keys: { ...ELEMENT, value: integer(0, 10_000), checked: optional(isBoolean) } },
  link: { keys: { ...ELEMENT, fields: () => true, id: optional(isString) }, fields: LINK_FIELDS, requiredFields: ['url'] },
  autolink: { keys: { ...ELEMENT, fields: () => true }, fields: LINK_FIELDS, requiredFields: ['url'] },
  inlineBlock: {
    keys: { type: isString, version: integer(0, 10), fields: () => true },
    fields: CITE_FIELDS,
    requiredFields: ['id', 'blockType', 'source', 'passageId'],
    leaf: true,
    inline: true,
  },
  text: { keys: TEXT, leaf: true },
  tab: { keys: TEXT, leaf: true },
  linebreak: { keys: { type: isString, version: integer(0, 10) }, leaf: true },
  horizontalrule: { keys: { type: isString, version: integer(0, 10) }, leaf: true },
}

const INLINE = ['text', 'tab', 'linebreak', 'link', 'autolink', 'inlineBlock']

/**
 * Which nodes each node may hold, as the editor nests them: blocks at the top, text inside blocks,
 * list items inside lists. Lexical refuses to load a text node at the top (the answer could no
 * longer be opened in the admin), and a list item outside a list or a heading inside a paragraph
 * would reach the public page as markup no editor made.
 */
const CHILDREN: Record<string, readonly string[]> = {
  root: ['paragraph', 'heading', 'quote', 'list', 'horizontalrule'],
  paragraph: INLINE,
  heading: INLINE,
  quote: INLINE,
  list: ['listitem'],
  listitem: [...INLINE, 'list'],
  // The link button wraps whatever is selected, a claim's citation included.
  link: ['text', 'tab', 'linebreak', 'inlineBlock'],
  autolink: ['text', 'tab', 'linebreak', 'inlineBlock'],
}

/**
 * The entry of an allow-list table for a name sent by the client, own properties only: a node type
 * or attribute called "constructor", "toString" or "__proto__" would otherwise find Object.prototype's
 * members and crash the check (a 500 instead of the 400 naming it).
 */
function allowed<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined
}

export function linkProtocolAllowed(url: string): boolean {
  try {
    // Absolute URLs only: the WHATWG parser drops the leading spaces and control characters a
    // browser would drop too, so " jav\tascript:" is seen as the javascript: URL it is.
    return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(new URL(url).protocol)
  } catch {
    return false // not an absolute URL: refused with the other disallowed links
  }
}

/** `tooLong`: the value as a whole is over a size limit (then the only violation listed). */
export type RichTextViolation = { path: string; type: string; problem: string; tooLong?: true }

/** Every place a Lexical value leaves the allow-list (empty when it is fine). */
export function richTextViolations(value: unknown): RichTextViolation[] {
  const found: RichTextViolation[] = []
  if (value === null || value === undefined) return found
  if (typeof value !== 'object' || Array.isArray(value) || !('root' in value) || Object.keys(value).length !== 1) {
    return [{ path: '', type: typeof value, problem: 'a rich-text value is an object with a single "root" node' }]
  }
  let nodes = 0
  let characters = 0
  const visit = (node: unknown, path: string, depth: number, parentType: string | null) => {
    if (found.length >= 20 || nodes > MAX_RICH_TEXT_NODES) return
    nodes += 1
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      found.push({ path, type: typeof node, problem: 'not a node' })
      return
    }
    const record = node as Record<string, unknown>
    const type = typeof record.type === 'string' ? record.type : String(record.type)
    const spec = allowed(NODES, type)
    if (!spec || (type === 'root') !== (parentType === null)) {
      found.push({ path, type, problem: `node type "${type}" is not offered by the editor` })
      return
    }
    if (typeof record.text === 'string') characters += record.text.length
    if (depth > MAX_DEPTH) {
      found.push({ path, type, problem: `nested deeper than ${MAX_DEPTH} levels` })
      return
    }
    for (const [key, attribute] of Object.entries(record)) {
      const check = allowed(spec.keys, key)
      if (!check) found.push({ path, type, problem: `attribute "${key}" is not allowed on ${type}` })
      else if (!check(attribute))
        found.push({
          path,
          type,
          problem: `attribute "${key}" has a value the editor does not offer: ${JSON.stringify(attribute)?.slice(0, 80)}`,
        })
    }
    if (spec.inline && (parentType === 'root' || parentType === null)) {
      found.push({ path, type, problem: 'a citation belongs inside a paragraph, heading, quote or list item' })
      return
    }
    if (parentType !== null && !allowed(CHILDREN, parentType)?.includes(type)) {
      found.push({ path, type, problem: `a ${parentType} cannot hold a ${type} (the editor puts it ${placeOf(type)})` })
      return
    }
    if (spec.fields) {
      const what = type === 'inlineBlock' ? 'citation' : 'link'
      const fields = record.fields
      if (!fields || typeof fields !== 'object' || Array.isArray(fields))
        found.push({ path, type, problem: `a ${what} needs "fields" (${spec.requiredFields?.join(', ')})` })
      else {
        for (const [key, attribute] of Object.entries(fields)) {
          const check = allowed(spec.fields, key)
          if (!check) found.push({ path, type, problem: `${what} field "${key}" is not allowed` })
          else if (!check(attribute))
            found.push({
              path,
              type,
              problem:
                key === 'url'
                  ? `link address ${JSON.stringify(attribute)?.slice(0, 80)} is not allowed: use an http, https or mailto address`
                  : `${what} field "${key}" has a value the editor does not offer: ${JSON.stringify(attribute)?.slice(0, 80)}`,
            })
        }
        for (const key of spec.requiredFields ?? [])
          if (!(key in fields)) found.push({ path, type, problem: `a ${what} needs a ${key === 'passageId' ? 'passage id' : key}` })
      }
    }
    if (spec.leaf) return
    if (!Array.isArray(record.children)) {
      found.push({ path, type, problem: 'children must be a list of nodes' })
      return
    }
    record.children.forEach((child, index) => visit(child, `${path}.children[${index}]`, depth + 1, type))
  }
  visit((value as { root: unknown }).root, 'root', 0, null)
  if (nodes > MAX_RICH_TEXT_NODES)
    return [{ path: '', type: 'root', problem: `it has more than ${MAX_RICH_TEXT_NODES.toLocaleString('en')} nodes`, tooLong: true }]
  if (characters > MAX_RICH_TEXT_CHARACTERS)
    return [
      {
        path: '',
        type: 'root',
        problem: `it has ${characters.toLocaleString('en')} characters of text, more than ${MAX_RICH_TEXT_CHARACTERS.toLocaleString('en')}`,
        tooLong: true,
      },
    ]
  return found
}

/** Where the editor puts a node, for the message: the parents that may hold it. */
function placeOf(type: string): string {
  const parents = Object.entries(CHILDREN)
    .filter(([, held]) => held.includes(type))
    .map(([parent]) => (parent === 'root' ? 'at the top' : `in a ${parent}`))
  return parents.length > 0 ? parents.join(', ') : 'nowhere'
}

/**
 * Why a rich-text value is refused, naming each offending node by its path and type so the person
 * or program that sent it can find it; null when it is within the allow-list.
 */
export function richTextRefusal(value: unknown, field = 'body'): string | null {
  const found = richTextViolations(value)
  if (!found.length) return null
  const size = found.find((violation) => violation.tooLong)
  if (size)
    return `The rich text of "${field}" is longer than an answer can be, so nothing was saved: ${size.problem}. Split it into shorter answers, or shorten it.`
  const listed = found
    .slice(0, 5)
    .map((v) => `${field}.${v.path || '(value)'} (${v.type}): ${v.problem}`)
    .join('; ')
  return `The rich text contains something the editor does not offer, so nothing was saved: ${listed}${found.length > 5 ? `; and ${found.length - 5} more` : ''}.`
}

/**
 * The HTML our Lexical converter may produce for the nodes above, and nothing else. Every HTML
 * string made from rich text passes here before a browser sees it (review screen, public page,
 * the public JSON's bodyHtml), even though the body was validated on save: answers saved before
 * the allow-list existed, and any converter bug, must still not reach a page as markup.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'em',
    'span',
    'code',
    'sub',
    'sup',
    'br',
    'hr',
    'input',
    'label',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target', 'aria-label'],
    li: ['value', 'class', 'style', 'role', 'aria-checked'],
    input: ['type', 'checked', 'disabled'],
    '*': ['style'],
  },
  allowedClasses: {
    ul: ['list-bullet', 'list-check', 'list-number'],
    ol: ['list-bullet', 'list-check', 'list-number'],
    li: ['nestedListItem', 'list-item-checkbox', 'list-item-checkbox-checked', 'list-item-checkbox-unchecked'],
    // A claim's numbered references (src/lib/claims/render.ts).
    sup: ['cite'],
  },
  allowedStyles: {
    '*': {
      'text-align': [/^(left|right|center|justify)$/],
      'padding-inline-start': [/^\d{1,4}px$/],
      'text-decoration': [/^(underline|line-through)$/],
      'list-style-type': [/^none$/],
    },
  },
  allowedSchemes: ALLOWED_LINK_PROTOCOLS.map((protocol) => protocol.slice(0, -1)),
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // A link that opens a new tab cannot reach back into our page (window.opener).
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target ? { ...attribs, target: '_blank', rel: 'noopener noreferrer' } : attribs,
    }),
    // A checklist's box is shown, never edited.
    input: (tagName, attribs) => ({
      tagName,
      attribs: { type: 'checkbox', disabled: '', ...(attribs.checked !== undefined ? { checked: '' } : {}) },
    }),
  },
}

/** The one sanitizer of rich-text HTML (sanitize-html with the allow-list above). */
export function sanitizeRichTextHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS)
}
