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

/** Adds rejectMalformedFilters first to a collection's beforeOperation hooks (payload.config.ts applies it to all). */
export function withFilterCheck(collection: CollectionConfig): CollectionConfig {
  return {
    ...collection,
    hooks: { ...collection.hooks, beforeOperation: [rejectMalformedFilters, ...(collection.hooks?.beforeOperation ?? [])] },
  }
}
