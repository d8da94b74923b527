import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { clientAddress } from '@/lib/auth/clientAddress'
import { withRetryAfter } from '@/lib/auth/signInThrottle'
import { BadRequest, TooManyRequests } from '@/lib/errors'
import { asksUnboundedPage, UNBOUNDED_PAGE_MESSAGE } from '@/lib/http/anonymousReads'
import { malformedFilter } from '@/lib/http/filterValues'
import { admitAnonymousRead } from '@/lib/public/admission'

/**
 * A filter whose value its field cannot hold (`where[cancerType][equals]=abc`, a date that is not
 * one) is a 400 naming the field, on every collection and every operation that takes a `where`
 * (reads, counts, bulk updates and deletes), before the database sees it.
 */
export const rejectMalformedFilters: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const message = malformedFilter(
    collection.flattenedFields,
    (args as { where?: Parameters<typeof malformedFilter>[1] }).where,
    req.payload.db.defaultIDType,
  )
  if (message) throw new BadRequest(message)
  return args
}

/** Set on the request's context once its anonymous read is counted: one request, one count. */
const ANONYMOUS_READ_COUNTED = 'anonymousReadCounted'
/** Operations that read a collection's documents (a count reads them too). */
const READS = new Set(['read', 'count', 'countVersions', 'readDistinct'])

/**
 * Anonymous reads through Payload's REST API (published answers, cancer types; GraphQL is judged by
 * its route, src/lib/http/anonymousReads.ts):
 * - they page by at most 100, like the public read API: `limit=100000` or `limit=0` (Payload's
 *   "everything") made one request read and serialize every published answer;
 * - each request counts once against the per-address limit of the public API without a key
 *   (PUBLIC_API_RATE_LIMIT a minute, one count for REST, GraphQL and the public API): over it, 429
 *   with Retry-After. Only GETs are counted (a sign-in reads the account it signs into); requests
 *   without an address (none came through the production server) are not.
 *
 * Judged by what the request's own URL asks of its own collection, so Payload's and the hooks'
 * internal reads in the same request (populating a signed-in reviewer's specialties before
 * `req.user` is set, checking relations, an API key's intake) are never refused or counted. Staff,
 * server code and the public API are not concerned.
 */
export const limitAnonymousReads: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (!READS.has(operation) || req.user || req.payloadAPI !== 'REST' || req.routeParams?.collection !== collection.slug) return args
  const { currentDepth } = args as { currentDepth?: unknown }
  if (typeof currentDepth === 'number' && currentDepth > 0) return args
  const address = clientAddress(req)
  if (req.method === 'GET' && address !== 'unknown' && !req.context[ANONYMOUS_READ_COUNTED]) {
    req.context[ANONYMOUS_READ_COUNTED] = true
    await withRetryAfter(req, async () => {
      const refusal = await admitAnonymousRead(address)
      if (refusal) throw new TooManyRequests(refusal.message, refusal.retryAfterSeconds)
    })
  }
  // The URL's numbers and booleans, which Payload has turned into values, or not.
  if (operation === 'read' && asksUnboundedPage((req.query ?? {}) as { limit?: unknown; pagination?: unknown }))
    throw new BadRequest(UNBOUNDED_PAGE_MESSAGE)
  return args
}

/** Adds the query checks first to a collection's beforeOperation hooks (payload.config.ts applies them to all). */
export function withQueryChecks(collection: CollectionConfig): CollectionConfig {
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [rejectMalformedFilters, limitAnonymousReads, ...(collection.hooks?.beforeOperation ?? [])],
    },
  }
}
