import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { BadRequest } from '@/lib/errors'
import { malformedFilter } from '@/lib/http/filterValues'

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

/**
 * Anonymous reads through Payload's REST and GraphQL (published answers, cancer types) page by at
 * most 100, like the public read API: `limit=100000` or `limit=0` (Payload's "everything") made one
 * request read and serialize every published answer. Staff, server code and the public API are not
 * concerned.
 */
export const limitAnonymousReads: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' || req.user || req.payloadAPI === 'local') return args
  const { limit, pagination, currentDepth } = args as { limit?: unknown; pagination?: unknown; currentDepth?: unknown }
  // Payload's own reads populating relationships (currentDepth from 1) fetch the ids one document
  // names, all at once: signing in itself populates the user's specialties that way, before req.user is set.
  if (typeof currentDepth === 'number' && currentDepth > 0) return args
  if (pagination === false || limit === 0 || (typeof limit === 'number' && limit > ANONYMOUS_PAGE_LIMIT)) {
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
