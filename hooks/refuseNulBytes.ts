import { ValidationError, type CollectionBeforeOperationHook, type CollectionConfig } from 'payload'

import { BadRequest } from '@/lib/errors'
import { findNulByte, nulByteMessage } from '@/lib/input/nulBytes'

/**
 * Every write, in every collection, through every door (REST, GraphQL, admin, Local API for the
 * drafters and the seed), drafts included: a NUL character in any text, rich text nodes and
 * array rows included, is a 400 naming the field; so is nesting too deep, and a body that is not an
 * object at all. Runs before the operation, so no field hook or
 * query sees the text first.
 */
export const refuseNulBytes: CollectionBeforeOperationHook = ({ args, operation, collection, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: unknown }).data
  // `null`, `"text"`, `42` or a body that is not JSON at all: every field reader after this one
  // would fail on it with a TypeError (a 500).
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new BadRequest(
      `The request body must be a JSON object of the ${collection.slug} fields to save, sent with Content-Type: application/json.`,
    )
  }
  const found = findNulByte(data)
  if (found) throw new ValidationError({ collection: collection.slug, errors: [{ path: found.path, message: nulByteMessage(found) }], req })
  return args
}

/** Adds refuseNulBytes first to a collection's beforeOperation hooks (payload.config.ts applies it to all). */
export function withNulByteCheck(collection: CollectionConfig): CollectionConfig {
  return { ...collection, hooks: { ...collection.hooks, beforeOperation: [refuseNulBytes, ...(collection.hooks?.beforeOperation ?? [])] } }
}
