// The ecosystem's defaults: Next's rules (core web vitals, React, hooks, a11y, import) with
// typescript-eslint's recommended set, and Prettier owning formatting.
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals'
import nextTypescript from 'eslint-config-next/typescript'
import prettier from 'eslint-config-prettier/flat'

const config = [
  { ignores: ['node_modules/**', '.next/**', 'data/**', 'test-results/**', 'next-env.d.ts', 'src/payload-types.ts', 'src/app/(payload)/admin/importMap.js', 'migrations/**/*.json'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  prettier,
]

export default config
