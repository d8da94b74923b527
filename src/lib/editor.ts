import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'

import { citeBlock } from './claims/citeBlock'

type EditorProvider = ReturnType<typeof lexicalEditor>

/**
 * The editor of every richText field: the default features less uploads and relationships (there
 * is no upload collection, and a patient page shows neither), plus the claim's citation, inline
 * after the sentence it supports (src/lib/claims). src/lib/richTextPolicy.ts refuses any node these
 * features do not make.
 */
export const editor = validateBlockFieldsOnce(
  lexicalEditor({
    features: ({ defaultFeatures }) => [
      ...defaultFeatures.filter((feature) => !['upload', 'relationship'].includes(feature.key)),
      BlocksFeature({ inlineBlocks: [citeBlock] }),
    ],
  }),
)

/**
 * Payload's Blocks feature checks a block's fields twice on every save: once inside the rich text
 * field's validator, which builds the admin's whole form state for each block node to find errors,
 * and again in the field's beforeChange hook, which validates the block's fields like any other
 * field and reports each error under the field's own path. The first is the costly one (about a
 * tenth of a publication's time, see README "Publishing and the admin at volume") and adds nothing
 * the second does not refuse, so the validator leaves block nodes to the save. The allow-list
 * (src/lib/richTextPolicy.ts) still refuses unknown block types and missing fields before either;
 * tests/int/rich-text-blocks.test.ts shows a bad citation is still refused.
 */
function validateBlockFieldsOnce(provider: EditorProvider): EditorProvider {
  return async (args) => {
    const adapter = await provider(args)
    for (const nodeType of ['block', 'inlineBlock']) adapter.editorConfig.features.validations.delete(nodeType)
    return adapter
  }
}
