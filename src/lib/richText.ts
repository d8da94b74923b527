import { convertMarkdownToLexical, editorConfigFactory } from '@payloadcms/richtext-lexical'
import type { SanitizedConfig } from 'payload'

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
