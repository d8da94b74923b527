import crypto from 'node:crypto'
import type { Endpoint, PayloadRequest, Where } from 'payload'
import { z } from 'zod'

import type { Answer, CancerType } from '@/payload-types'
import { ANSWERS, CANCER_TYPES } from '../../../collections/slugs'
import type { PublicAnswer } from './publicAnswer'

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
        const { page, q, cancerType } = parsed.data
        const limit = Math.min(parsed.data.limit, 100)
        const and: Where[] = [{ _status: { equals: 'published' } }]
        if (cancerType) {
          const { docs } = await req.payload.find({ collection: CANCER_TYPES, where: { slug: { equals: cancerType } }, limit: 1, depth: 0, overrideAccess: true, req })
          if (!docs[0]) return respond(req, 200, { docs: [], totalDocs: 0, page, totalPages: 0 })
          and.push({ cancerType: { equals: docs[0].id } })
        }
        for (const word of (q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10)) and.push({ searchText: { like: word } })
        const result = await req.payload.find({
          collection: ANSWERS,
          where: { and },
          sort: '-lastReviewedAt',
          page,
          limit,
          select: { publicJson: true },
          depth: 0,
          draft: false,
          overrideAccess: true,
          req,
        })
        const docs = (result.docs as Answer[]).map((doc) => {
          const json = doc.publicJson as PublicAnswer
          return { slug: json.slug, title: json.title, cancerType: json.cancerType, summary: json.summary, lastReviewedAt: json.lastReviewedAt }
        })
        return respond(req, 200, { docs, totalDocs: result.totalDocs, page: result.page ?? page, totalPages: result.totalPages })
      },
    },
    {
      path: `${PUBLIC_API}/answers/:slug`,
      method: 'get',
      handler: async (req) => {
        const slug = String(req.routeParams?.slug ?? '')
        if (!/^[a-z0-9-]{1,100}$/.test(slug)) return error(req, 404, `No published answer "${slug.slice(0, 100)}".`)
        const { docs } = await req.payload.find({
          collection: ANSWERS,
          where: { and: [{ slug: { equals: slug } }, { _status: { equals: 'published' } }] },
          select: { publicJson: true },
          limit: 1,
          depth: 0,
          draft: false,
          overrideAccess: true,
          req,
        })
        const json = (docs[0] as Answer | undefined)?.publicJson
        if (!json) return error(req, 404, `No published answer "${slug}".`)
        return respond(req, 200, json)
      },
    },
    {
      path: `${PUBLIC_API}/cancer-types`,
      method: 'get',
      handler: async (req) => {
        const [{ docs: types }, { docs: answers }] = [
          await req.payload.find({ collection: CANCER_TYPES, sort: 'name', pagination: false, depth: 0, overrideAccess: true, req }),
          await req.payload.find({ collection: ANSWERS, where: { _status: { equals: 'published' } }, select: { cancerType: true }, pagination: false, depth: 0, draft: false, overrideAccess: true, req }),
        ]
        const counts = new Map<string, number>()
        for (const answer of answers as Answer[]) counts.set(String(answer.cancerType), (counts.get(String(answer.cancerType)) ?? 0) + 1)
        return respond(req, 200, (types as CancerType[]).map((type) => ({ slug: type.slug, name: type.name, answerCount: counts.get(String(type.id)) ?? 0 })))
      },
    },
    preflight(`${PUBLIC_API}/answers`),
    preflight(`${PUBLIC_API}/answers/:slug`),
    preflight(`${PUBLIC_API}/cancer-types`),
  ]
}
