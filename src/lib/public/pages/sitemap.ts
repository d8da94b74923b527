import type { Payload } from 'payload'

import { ANSWER_LISTS_TAG, PUBLIC_TAG } from '../cacheTags'
import { publicCatalog } from '../catalog'
import type { BuiltResponse } from '../delivery'

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character]!)

/**
 * sitemap.xml (sitemaps.org 0.9): the home page, each cancer type with published answers and every
 * published answer with the date of its last review, as absolute URLs on `serverUrl` (SERVER_URL).
 * From the catalog: no query of its own.
 */
export async function buildSitemap(payload: Payload, serverUrl: string): Promise<BuiltResponse> {
  const catalog = await publicCatalog(payload)
  const url = (path: string, lastmod?: string) =>
    `<url><loc>${escapeXml(serverUrl + path)}</loc>${lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : ''}</url>`
  const urls = [
    url('/'),
    ...catalog.cancerTypes.filter((type) => type.answerCount > 0).map((type) => url(`/cancer-types/${type.slug}`)),
    ...catalog.answers.map((answer) => url(`/answers/${answer.slug}`, answer.lastReviewedAt)),
  ]
  return {
    status: 200,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
    contentType: 'application/xml; charset=utf-8',
  }
}

export const SITEMAP_KEY = 'page:sitemap'
export const SITEMAP_TAGS = [PUBLIC_TAG, ANSWER_LISTS_TAG]
