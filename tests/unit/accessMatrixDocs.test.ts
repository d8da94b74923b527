import fs from 'node:fs'
import { describe, expect, it } from 'vitest'

import { accessMatrixMarkdown } from '../helpers/accessMatrix'

describe('README access matrix', () => {
  it('is the one the tests check (regenerate with npm run docs:access)', () => {
    const readme = fs.readFileSync('README.md', 'utf8')
    expect(readme).toContain(accessMatrixMarkdown())
  })
})
