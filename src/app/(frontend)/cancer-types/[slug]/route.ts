import { buildCancerTypePage, CANCER_TYPE_PAGE_TAGS, cancerTypePageKey, cancerTypePageNumber } from '@/lib/public/pages/cancerTypePage'
import { servePublicPage } from '@/lib/public/pages/servePage'

/**
 * A cancer type's public page: its published answers, a complete HTML document with no client
 * JavaScript (src/lib/public/pages/cancerTypePage.tsx), from the prepared store like the answer pages.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const page = cancerTypePageNumber(new URL(request.url).searchParams)
  return servePublicPage(request, cancerTypePageKey(slug, page), CANCER_TYPE_PAGE_TAGS, (payload) =>
    buildCancerTypePage(payload, slug, page),
  )
}
