import { loadEnv } from '@/lib/env'
import { buildSitemap, SITEMAP_KEY, SITEMAP_TAGS } from '@/lib/public/pages/sitemap'
import { servePrepared } from '@/lib/public/delivery'
import { publicPayload } from '@/lib/public/publicPayload'

/** Every published answer for search engines (src/lib/public/pages/sitemap.ts). */
export async function GET(request: Request) {
  return servePrepared(request, SITEMAP_KEY, SITEMAP_TAGS, async () => buildSitemap(await publicPayload(), loadEnv().serverUrl))
}
