import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { SECURITY_HEADERS } from './src/lib/security/securityHeaders'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const nextConfig: NextConfig = {
  // Payload's ESM sources import siblings with ".js" specifiers that point at ".ts" files.
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
  turbopack: { root: path.resolve(dirname) },
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
      // Payload's REST and GraphQL APIs (anything under /api but the public read API, which sets its
      // own caching and tags): a CDN without instructions caches a 200 for an hour (Fastly's
      // default), where no tag purge could reach a withdrawn answer, and a staff read of a draft
      // must never be kept for the next caller.
      { source: '/api/:path((?!public/).*)', headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
    ]
  },
  // src/app/global-not-found.tsx: one branded 404 page for unmatched URLs across both root layouts.
  experimental: { globalNotFound: true },
  // Payload runs from node_modules, not from Next's server bundle. Bundled, it broke every error it
  // answers with: the minifier renames classes (Payload's APIError became an anonymous class, so
  // `error.name` was "" and Payload answered "An unknown error occurred."; Forbidden became "o", so
  // `loggingLevels` never matched), and each route's bundle held its own copy of Payload while all
  // routes share the one Payload instance cached on `global`, so `instanceof ValidationError` failed
  // whenever a page had started Payload first (field errors lost). One external copy, with its own
  // class names, is what the integration tests and `next dev` run too.
  serverExternalPackages: ['payload'],
  // The build checks the app's types; tests, seed and scripts are checked by `tsc --noEmit` in CI.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
