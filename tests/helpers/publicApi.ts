import type { PublicRoute } from '@/lib/public/readApi'
import * as answer from '@/app/(public-api)/api/public/v1/answers/[slug]/route'
import * as answers from '@/app/(public-api)/api/public/v1/answers/route'
import * as cancerTypes from '@/app/(public-api)/api/public/v1/cancer-types/route'
import type { RestResponse } from './rest'

/**
 * Calls the public read API's Next.js route handlers (the modules Next serves at /api/public/v1)
 * with Web Requests, as Next would. `path` is relative to /api/public/v1.
 */
export async function publicApi(
  path: string,
  { method = 'GET', headers = {} }: { method?: 'GET' | 'OPTIONS'; headers?: Record<string, string> } = {},
): Promise<RestResponse> {
  const url = new URL(`http://localhost:3000/api/public/v1${path}`)
  const [, , resource, slug] = url.pathname.split('/').slice(2)
  let route: PublicRoute
  if (resource === 'answers' && slug !== undefined) route = answer
  else if (resource === 'answers') route = answers
  else if (resource === 'cancer-types') route = cancerTypes
  else throw new Error(`No public route for ${path}`)
  const response = await route[method](new Request(url, { method, headers }), {
    params: Promise.resolve({ slug: slug === undefined ? undefined : decodeURIComponent(slug) }),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers, text }
}
