import { ValidationError, type CollectionBeforeOperationHook, type CollectionConfig } from 'payload'

import { findNulByte, nulByteMessage } from '@/lib/input/nulBytes'

/**
 * Every write, in every collection, through every door (REST, GraphQL, admin, Local API for the
 * drafters and the seed), drafts included: a NUL character in any text, rich text nodes and
 * array rows included, is a 400 naming the field. Runs before the operation, so no field hook or
 * query sees the text first.
 */
export const refuseNulBytes: CollectionBeforeOperationHook = ({ args, operation, collection, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const found = findNulByte((args as { data?: unknown }).data)
  if (found) throw new ValidationError({ collection: collection.slug, errors: [{ path: found.path, message: nulByteMessage(found) }], req })
  return args
}

/** Adds refuseNulBytes first to a collection's beforeOperation hooks (payload.config.ts applies it to all). */
export function withNulByteCheck(collection: CollectionConfig): CollectionConfig {
  return { ...collection, hooks: { ...collection.hooks, beforeOperation: [refuseNulBytes, ...(collection.hooks?.beforeOperation ?? [])] } }
}
