import { describe, expect, it } from 'vitest'

import { jsonLdScriptText } from '@/lib/public/jsonLd'

describe('JSON-LD script text', () => {
  const hostile = {
    name: 'Surgery </script><script>window.__ran = 1</script> <!-- x --> & more',
    about: '<img src=x onerror="window.__ran = 1">',
    separators: 'a\u2028b\u2029c',
  }

  it('holds nothing the HTML parser could read as the end of the script or as markup', () => {
    const text = jsonLdScriptText(hostile)
    expect(text).not.toMatch(/[<>&\u2028\u2029]/)
    expect(text.toLowerCase()).not.toContain('</script')
  })

  it('reads back as the same values', () => {
    expect(JSON.parse(jsonLdScriptText(hostile))).toEqual(hostile)
  })
})
