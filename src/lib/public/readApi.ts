import type { Payload } from 'payload'

import { BadRequest } from '../errors'
import { parseSearchParams } from '../http/params'
import { openApiDocument, type OpenApiDocument } from '../openapi/document'
import { admitRoute } from './admission'
import { ANSWER_LISTS_TAG, answerTag, CANCER_TYPES_TAG, PUBLIC_TAG } from './cacheTags'
import { JSON_TYPE, sendPrepared, servePrepared } from './delivery'
import { findPublicAnswer, listPublicAnswers, listPublicCancerTypes } from './queries'
import { prepareResponse } from './responseCache'
import { MAX_LIMIT, queryTerms } from './search'
import {
  answerListQuerySchema,
  slugPattern,
  type AnswerListQuery,
  type PublicAnswer,
  type PublicCancerType,
  type PublicList,
} from './schemas'

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> }
type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>
export type PublicRoute = { GET: RouteHandler; OPTIONS: RouteHandler }

/** What the routes serve: the types of the zod schemas the OpenAPI document is generated from. */
type Served = PublicAnswer | PublicList | PublicCancerType[] | OpenApiDocument

const json = (status: number, body: unknown) => ({ status, body: status === 204 ? '' : JSON.stringify(body), contentType: JSON_TYPE })

/**
 * The versioned public read API (README "Public read API"): published answers only, in a fixed
 * contract, delivered as prepared responses (./delivery.ts: ETag/304, cache headers and tags, CORS for
 * PUBLIC_SITE_ORIGINS). Served by Next.js route handlers under /api/public/v1 rather than Payload's
 * REST router, and by the production server's fast path once an entry is prepared.
 */
export function publicReadRoutes(loadPayload: () => Promise<Payload>) {
  const error = (request: Request, status: number, message: string) => {
    const { body, contentType } = json(status, { errors: [{ message }] })
    return sendPrepared(request, prepareResponse(status, body, contentType))
  }

  /** Serves the prepared entry `key`; `load` runs only on a miss and returns null for a 404. */
  const cached = async (
    request: Request,
    key: string,
    tags: string[],
    load: (payload: Payload) => Promise<Served | null>,
    notFound = '',
  ) => {
    try {
      return await servePrepared(request, key, tags, async () => {
        const body = await load(await loadPayload())
        return body === null ? json(404, { errors: [{ message: notFound }] }) : json(200, body)
      })
    } catch (cause) {
      return failed(request, cause)
    }
  }
  /** The documented 500: this API's error body, never cached, whatever failed (a read, a key lookup). */
  const failed = async (request: Request, cause: unknown) => {
    const msg = `Public read API failed for ${new URL(request.url).pathname}`
    // Payload's logger when Payload is up; when what failed was Payload itself starting, the console.
    await loadPayload().then(
      (payload) => payload.logger.error({ err: cause, msg }),
      () => console.error(msg, cause),
    )
    return error(request, 500, 'The answers could not be read just now. Please try again shortly.')
  }
  const admit = async (request: Request) => {
    try {
      return { refusal: await admitRoute(request, loadPayload) }
    } catch (cause) {
      return { refusal: await failed(request, cause) }
    }
  }
  const route = (GET: RouteHandler): PublicRoute => ({
    // Rate limits and API keys first (./admission.ts): a refused request costs no read.
    GET: async (request, context) => (await admit(request)).refusal ?? GET(request, context),
    OPTIONS: async (request) => sendPrepared(request, prepareResponse(204, '', JSON_TYPE)),
  })

  return {
    answers: route(async (request) => {
      let query: AnswerListQuery
      try {
        query = parseSearchParams(new URL(request.url).searchParams, answerListQuerySchema)
      } catch (refusal) {
        if (!(refusal instanceof BadRequest)) throw refusal
        return error(request, 400, refusal.message)
      }
      // Searches are keyed by what they search for (queryTerms): "Pancreas" and "pancreas  " share one
      // entry, "metastatic\uFEFFpancreatic" (one word to the search) does not share "metastatic
      // pancreatic"'s; nor does a limit over the most a page holds change anything (101 and 500 are 100).
      const key = { ...query, limit: Math.min(query.limit, MAX_LIMIT), q: query.q === undefined ? undefined : queryTerms(query.q) }
      return cached(request, `list:${JSON.stringify(key)}`, [PUBLIC_TAG, ANSWER_LISTS_TAG], (payload) => listPublicAnswers(payload, query))
    }),
    answer: route(async (request, { params }) => {
      const slug = String((await params).slug ?? '')
      if (!slugPattern.test(slug)) return error(request, 404, `No published answer "${slug.slice(0, 100)}".`)
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
    /**
     * Any other path under /api/public: a 404 in this API's error shape, never cached, rather than
     * Payload's "Route not found" from its REST router (another shape, no Cache-Control).
     */
    unknownPath: route(async (request) =>
      error(
        request,
        404,
        `There is nothing at ${new URL(request.url).pathname.slice(0, 200)}. This API serves /api/public/v1/answers, /api/public/v1/answers/{slug}, /api/public/v1/cancer-types and /api/public/v1/openapi.json.`,
      ),
    ),
    /** The OpenAPI document of this API (src/lib/openapi), prepared and served like the rest. */
    openApi: route(async (request) => cached(request, 'openapi', [PUBLIC_TAG], async () => openApiDocument())),
  }
}
