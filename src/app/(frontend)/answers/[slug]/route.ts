import { answerPageKey, answerPageTags, buildAnswerPage } from '@/lib/public/pages/answerPage'
import { servePublicPage } from '@/lib/public/pages/servePage'

/**
 * An answer's public page: a complete HTML document rendered from the answer's public JSON
 * (src/lib/public/pages/answerPage.tsx), with no client JavaScript. A route handler rather than a
 * page, so Next adds none of its own.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  return servePublicPage(request, answerPageKey(slug), answerPageTags(slug), (payload) => buildAnswerPage(payload, slug))
}
