import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { clientAddress } from '@/lib/auth/clientAddress'
import { withRetryAfter } from '@/lib/auth/signInThrottle'
import { BadRequest, TooManyRequests } from '@/lib/errors'
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

/** Most documents an anonymous REST or GraphQL read returns at once (the public read API's cap too). */
export const ANONYMOUS_PAGE_LIMIT = 100

/** Set on the request's context once its anonymous read is counted: one request, one count. */
const ANONYMOUS_READ_COUNTED = 'anonymousReadCounted'
/** Operations that read a collection's documents (a count reads them too). */
const READS = new Set(['read', 'count', 'countVersions', 'readDistinct'])

/**
 * Anonymous reads through Payload's REST API (published answers, cancer types):
 * - they page by at most 100, like the public read API: `limit=100000` or `limit=0` (Payload's
 *   "everything") made one request read and serialize every published answer;
 * - each one counts against the per-address limit of the public API without a key
 *   (PUBLIC_API_RATE_LIMIT a minute, one count for both APIs): over it, 429 with Retry-After.
 *   Only GETs are counted (a sign-in reads the account it signs into); requests without an address
 *   (none came through the production server) are not.
 *
 * Judged by what the request's own URL asks of its own collection, once per request, so Payload's
 * and the hooks' internal reads in the same request (populating a signed-in reviewer's specialties
 * before `req.user` is set, checking relations, an API key's intake) are never refused or counted.
 * Staff, server code and the public API are not concerned; GraphQL, whose arguments are not in the
 * URL, is not covered.
 */
export const limitAnonymousReads: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (!READS.has(operation) || req.user || req.payloadAPI !== 'REST' || req.routeParams?.collection !== collection.slug) return args
  const { currentDepth } = args as { currentDepth?: unknown }
  if (typeof currentDepth === 'number' && currentDepth > 0) return args
  const address = clientAddress(req)
  // Only a GET (Payload turns a POST with a method override into one) is a read; signing in or
  // asking for a reset link reads the account too, and must not be refused as one.
  if (req.method === 'GET' && address !== 'unknown' && !req.context[ANONYMOUS_READ_COUNTED]) {
    req.context[ANONYMOUS_READ_COUNTED] = true
    await withRetryAfter(req, async () => {
      const refusal = await admitAnonymousRead(address)
      if (refusal) throw new TooManyRequests(refusal.message, refusal.retryAfterSeconds)
    })
  }
  if (operation !== 'read') return args
  const asked = req.query as { limit?: unknown; pagination?: unknown } | undefined
  // Payload has already turned the query's numbers and booleans into values, or not: either form.
  const limit = typeof asked?.limit === 'string' && asked.limit.trim() !== '' ? Number(asked.limit) : asked?.limit
  const unpaginated = asked?.pagination === false || asked?.pagination === 'false'
  if (unpaginated || limit === 0 || (typeof limit === 'number' && limit > ANONYMOUS_PAGE_LIMIT)) {
    throw new BadRequest(
      `Without signing in, a read returns at most ${ANONYMOUS_PAGE_LIMIT} documents at a time: ask for limit=1 to ${ANONYMOUS_PAGE_LIMIT} and page through (page=2, 3...). The public read API (/api/public/v1) is made for this.`,
    )
  }
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
