/**
 * Builders for Lexical JSON in tests that feed the rich-text allow-list hostile or unusual nodes.
 * (Seeds convert Markdown instead; these exist because the payloads under test are not Markdown.)
 */
export const text = (value: string, format = 0) => ({ type: 'text', version: 1, text: value, format, style: '', mode: 'normal', detail: 0 })

export const paragraph = (...children: unknown[]) => ({
  type: 'paragraph',
  version: 1,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
})

export const root = (...children: unknown[]) => ({ root: { type: 'root', version: 1, children, direction: 'ltr', format: '', indent: 0 } })
