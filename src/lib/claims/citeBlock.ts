import type { Block } from 'payload'

import { GUIDELINE_SOURCES } from '@collections/slugs'
import { CITE_BLOCK } from './citeNode'

/**
 * The citation node of an answer's rich text (issue 13): a Lexical inline block placed right after
 * the sentence or list item it supports. Payload's inline blocks give editors the node in the admin
 * editor (insert from the toolbar or "/", edit in a drawer, delete like a character) and validate
 * its fields on every save; `src/lib/richTextPolicy.ts` allows exactly these fields.
 */
export const citeBlock: Block = {
  slug: CITE_BLOCK,
  interfaceName: 'CiteNodeFields',
  labels: { singular: 'Citation', plural: 'Citations' },
  fields: [
    {
      name: 'source',
      type: 'relationship',
      relationTo: GUIDELINE_SOURCES,
      required: true,
      // Never populated: reading an answer would otherwise embed a whole guideline source per node.
      maxDepth: 0,
      // The Answers hook validateCitations checks that the source and its passage exist, for every
      // citation of the answer in one read; Payload's own check would read each whole source again.
      validate: (value: unknown) => (value === null || value === undefined || value === '' ? 'Choose the guideline source.' : true),
    },
    {
      name: 'passageId',
      type: 'text',
      required: true,
      maxLength: 80,
      admin: { description: 'The passage id as listed in the guideline source, e.g. "met-surgery".' },
    },
    {
      name: 'quote',
      type: 'textarea',
      maxLength: 400,
      admin: { description: 'Optional: words copied exactly from the passage that support this claim.' },
    },
  ],
}
