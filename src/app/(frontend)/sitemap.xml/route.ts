import { loadEnv } from '@/lib/env'
import { buildSitemap, SITEMAP_KEY, SITEMAP_TAGS } from '@/lib/public/pages/sitemap'
import { servePublicPage } from '@/lib/public/pages/servePage'

// Read per request from the prepared store. Without this, `next build` calls GET to find out whether
// the route is static, which starts Payload and reads the database of whatever DATA_DIR the build
// runs with (and fails the build when that database cannot be read).
export const dynamic = 'force-dynamic'

/** Every published answer for search engines (src/lib/public/pages/sitemap.ts); the site's 500 page if it cannot be built. */
export async function GET(request: Request) {
  return servePublicPage(request, SITEMAP_KEY, SITEMAP_TAGS, (payload) => buildSitemap(payload, loadEnv().serverUrl))
}
