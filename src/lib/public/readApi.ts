import crypto from 'node:crypto'
import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { findPublicAnswer, listPublicAnswers, listPublicCancerTypes } from './queries'

export const PUBLIC_API = '/public/v1'
const CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600'

/**
 * The versioned public read API (README "Public read API"): published answers only, in a fixed
 * contract, with ETag/304, Cache-Control and CORS for PUBLIC_SITE_ORIGINS on every response.
 */
export function publicReadApi(allowedOrigins: string[]): Endpoint[] {
  const respond = (req: PayloadRequest, status: number, body: unknown) => {
    const text = JSON.stringify(body)
    const etag = `"${crypto.createHash('sha1').update(text).digest('base64url')}"`
    const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': status === 200 ? CACHE_CONTROL : 'no-store', ETag: etag, Vary: 'Origin' })
    const origin = req.headers.get('origin')
    if (origin && allowedOrigins.includes(origin)) {
      headers.set('Access-Control-Allow-Origin', origin)
      headers.set('Access-Control-Allow-Methods', 'GET, OPTIONS')
      headers.set('Access-Control-Allow-Headers', 'If-None-Match')
      headers.set('Access-Control-Expose-Headers', 'ETag')
    }
    if (status === 200 && req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
    return new Response(text, { status, headers })
  }
  const error = (req: PayloadRequest, status: number, message: string) => respond(req, status, { errors: [{ message }] })
  const preflight = (path: string): Endpoint => ({ path, method: 'options', handler: async (req) => respond(req, 204, null) })

  const listQuery = z.object({
    page: z.coerce.number({ message: 'page must be a whole number from 1' }).int('page must be a whole number from 1').min(1, 'page must be a whole number from 1').default(1),
    limit: z.coerce.number({ message: 'limit must be a whole number from 1' }).int('limit must be a whole number from 1').min(1, 'limit must be a whole number from 1 (at most 100 are returned)').default(20),
    q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
    cancerType: z.string().trim().regex(/^[a-z0-9-]{1,100}$/, 'cancerType must be a cancer type slug such as "pancreatic"').optional(),
  })

  return [
    {
      path: `${PUBLIC_API}/answers`,
      method: 'get',
      handler: async (req) => {
        const parsed = listQuery.safeParse(Object.fromEntries(req.searchParams.entries()))
        if (!parsed.success) return error(req, 400, parsed.error.issues.map((issue) => issue.message).join('; '))
        return respond(req, 200, await listPublicAnswers(req.payload, parsed.data))
      },
    },
    {
      path: `${PUBLIC_API}/answers/:slug`,
      method: 'get',
      handler: async (req) => {
        const slug = String(req.routeParams?.slug ?? '')
        const json = /^[a-z0-9-]{1,100}$/.test(slug) ? await findPublicAnswer(req.payload, slug) : null
        if (!json) return error(req, 404, `No published answer "${slug.slice(0, 100)}".`)
        return respond(req, 200, json)
      },
    },
    {
      path: `${PUBLIC_API}/cancer-types`,
      method: 'get',
      handler: async (req) => respond(req, 200, await listPublicCancerTypes(req.payload)),
    },
    preflight(`${PUBLIC_API}/answers`),
    preflight(`${PUBLIC_API}/answers/:slug`),
    preflight(`${PUBLIC_API}/cancer-types`),
  ]
}
