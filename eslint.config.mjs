// The ecosystem's defaults: Next's rules (core web vitals, React, hooks, a11y, import) with
// typescript-eslint's recommended set, and Prettier owning formatting.
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals'
import nextTypescript from 'eslint-config-next/typescript'
import prettier from 'eslint-config-prettier/flat'

const config = [
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'data/**',
      'test-results/**',
      'next-env.d.ts',
      'src/payload-types.ts',
      'src/app/(payload)/admin/importMap.js',
      'migrations/**/*.json',
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  prettier,
  {
    // Written by `payload migrate:create`: every migration has Payload's (db, payload, req) signature,
    // used or not. Regenerated, never edited by hand.
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
]

export default config
