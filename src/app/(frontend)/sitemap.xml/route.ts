import config from '@payload-config'
import { getPayload } from 'payload'

import { loadEnv } from '@/lib/env'
import { buildSitemap, SITEMAP_KEY, SITEMAP_TAGS } from '@/lib/public/pages/sitemap'
import { servePreparedPage } from '@/lib/public/pages/servePage'

/** Every published answer for search engines (src/lib/public/pages/sitemap.ts). */
export async function GET(request: Request) {
  return servePreparedPage(request, SITEMAP_KEY, SITEMAP_TAGS, async () => buildSitemap(await getPayload({ config }), loadEnv().serverUrl))
}
