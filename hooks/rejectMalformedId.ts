import type { CollectionBeforeOperationHook } from 'payload'

import { noDocumentWithId, validDocumentId } from '@/lib/http/params'

/**
 * "/api/answers/abc" names no document: a 404 like any unknown id, not a database error (SQLite
 * ids are numbers, MongoDB ids are ObjectIds).
 */
export const rejectMalformedId: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const id = (args as { id?: unknown }).id
  if (id === undefined || id === null) return args
  // Anything but a number or text (an object from a query string, say) is no id either.
  if (validDocumentId(req.payload.db.defaultIDType, id) === undefined) {
    // Over REST, Payload has already turned "abc" into NaN for a number id: name what was sent.
    const sent = typeof id === 'number' && Number.isNaN(id) ? (req.routeParams?.id ?? id) : id
    throw noDocumentWithId(collection, sent)
  }
  return args
}
