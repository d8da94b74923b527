import crypto from 'node:crypto'
import type { Payload } from 'payload'
import { z } from 'zod'

import { ANSWER_LISTS_TAG, answerTag, CANCER_TYPES_TAG, PUBLIC_TAG } from './cacheTags'
import { findPublicAnswer, listPublicAnswers, listPublicCancerTypes } from './queries'
import { cachedResponse, type CachedResponse } from './responseCache'

const CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600'
const SLUG = /^[a-z0-9-]{1,100}$/

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> }
type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>
export type PublicRoute = { GET: RouteHandler; OPTIONS: RouteHandler }

const serialize = (status: number, body: unknown, tags: string[] = [PUBLIC_TAG]): CachedResponse => {
  const bytes = Buffer.from(JSON.stringify(body))
  return { status, bytes, etag: `"${crypto.createHash('sha1').update(bytes).digest('base64url')}"`, tags }
}

const listQuery = z.object({
  page: z.coerce
    .number({ message: 'page must be a whole number from 1' })
    .int('page must be a whole number from 1')
    .min(1, 'page must be a whole number from 1')
    .default(1),
  limit: z.coerce
    .number({ message: 'limit must be a whole number from 1' })
    .int('limit must be a whole number from 1')
    .min(1, 'limit must be a whole number from 1 (at most 100 are returned)')
    .default(20),
  q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
  cancerType: z.string().trim().regex(SLUG, 'cancerType must be a cancer type slug such as "pancreatic"').optional(),
})

/**
 * The versioned public read API (README "Public read API"): published answers only, in a fixed
 * contract, with ETag/304, Cache-Control and CORS for PUBLIC_SITE_ORIGINS on every response.
 * Served by Next.js route handlers under /api/public/v1 rather than Payload's REST router: a read
 * is then a cache lookup, without Payload's per-request authentication and i18n set-up.
 */
export function publicReadRoutes(loadPayload: () => Promise<Payload>, allowedOrigins: string[]) {
  const respond = (request: Request, { status, bytes, etag }: CachedResponse) => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': status === 200 ? CACHE_CONTROL : 'no-store',
      ETag: etag,
      Vary: 'Origin',
    }
    const origin = request.headers.get('origin')
    if (origin && allowedOrigins.includes(origin)) {
      headers['Access-Control-Allow-Origin'] = origin
      headers['Access-Control-Allow-Methods'] = 'GET, OPTIONS'
      headers['Access-Control-Allow-Headers'] = 'If-None-Match'
      headers['Access-Control-Expose-Headers'] = 'ETag'
    }
    if (status === 200 && request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
    return new Response(status === 204 ? null : (bytes as Uint8Array<ArrayBuffer>), { status, headers })
  }
  const error = (request: Request, status: number, message: string) => respond(request, serialize(status, { errors: [{ message }] }))

  /** Serves from the response cache; `load` runs only on a miss and returns null for a 404. */
  const cached = async (request: Request, key: string, tags: string[], load: (payload: Payload) => Promise<unknown>, notFound = '') => {
    try {
      const response = await cachedResponse(key, async () => {
        const body = await load(await loadPayload())
        return body === null ? serialize(404, { errors: [{ message: notFound }] }, tags) : serialize(200, body, tags)
      })
      return respond(request, response)
    } catch (cause) {
      ;(await loadPayload()).logger.error({ err: cause, msg: `Public read API failed for ${new URL(request.url).pathname}` })
      return error(request, 500, 'The answers could not be read just now. Please try again shortly.')
    }
  }
  const route = (GET: RouteHandler): PublicRoute => ({ GET, OPTIONS: async (request) => respond(request, serialize(204, null)) })

  return {
    answers: route(async (request) => {
      const parsed = listQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams.entries()))
      if (!parsed.success) return error(request, 400, parsed.error.issues.map((issue) => issue.message).join('; '))
      return cached(request, `list:${JSON.stringify(parsed.data)}`, [PUBLIC_TAG, ANSWER_LISTS_TAG], (payload) =>
        listPublicAnswers(payload, parsed.data),
      )
    }),
    answer: route(async (request, { params }) => {
      const slug = String((await params).slug ?? '')
      if (!SLUG.test(slug)) return error(request, 404, `No published answer "${slug.slice(0, 100)}".`)
      return cached(
        request,
        `answer:${slug}`,
        [PUBLIC_TAG, answerTag(slug)],
        (payload) => findPublicAnswer(payload, slug),
        `No published answer "${slug}".`,
      )
    }),
    cancerTypes: route(async (request) =>
      cached(request, 'cancer-types', [PUBLIC_TAG, CANCER_TYPES_TAG], (payload) => listPublicCancerTypes(payload)),
    ),
  }
}
