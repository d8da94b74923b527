import { answerPageKey, answerPageTags, buildAnswerPage } from '@/lib/public/pages/answerPage'
import { servePrepared } from '@/lib/public/delivery'
import { publicPayload } from '@/lib/public/publicPayload'

/**
 * An answer's public page: a complete HTML document rendered from the answer's public JSON
 * (src/lib/public/pages/answerPage.tsx), with no client JavaScript. A route handler rather than a
 * page, so Next adds none of its own.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  return servePrepared(request, answerPageKey(slug), answerPageTags(slug), async () => buildAnswerPage(await publicPayload(), slug))
}
