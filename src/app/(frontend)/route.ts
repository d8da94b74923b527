import { admitSearchRoute } from '@/lib/public/admission'
import { buildHomePage, HOME_PAGE_TAGS, homePageKey, homeRequest } from '@/lib/public/pages/homePage'
import { servePublicPage } from '@/lib/public/pages/servePage'

/**
 * The home page: a complete HTML document with no client JavaScript (src/lib/public/pages/homePage.tsx).
 * Without a search each page of the list is a prepared response, kept and evicted like the cancer type
 * pages; a search is built for its request (and counted against the search limit here when the
 * production server's fast path has not counted it already).
 */
export async function GET(request: Request) {
  const asked = homeRequest(new URL(request.url).searchParams)
  if (!asked.query) return servePublicPage(request, homePageKey(asked.page), HOME_PAGE_TAGS, (payload) => buildHomePage(payload, asked))
  const refused = await admitSearchRoute(request)
  if (refused) return refused
  return servePublicPage(request, null, HOME_PAGE_TAGS, (payload) => buildHomePage(payload, asked))
}
