import { isValidID, type CollectionBeforeOperationHook } from 'payload'

import { NotFound } from '@/lib/errors'
import { documentId } from '@/lib/relationId'

/**
 * "/api/answers/abc" names no document: a 404 like any unknown id, not a database error (SQLite
 * ids are numbers, MongoDB ids are ObjectIds).
 */
export const rejectMalformedId: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const id = (args as { id?: unknown }).id
  if (id === undefined || id === null) return args
  const idType = req.payload.db.defaultIDType
  // Anything but a number or text (an object from a query string, say) is no id either.
  const candidate = typeof id === 'number' || typeof id === 'string' ? documentId(idType, id) : undefined
  const valid = idType === 'number' ? candidate !== undefined && isValidID(candidate, 'number') : isValidID(String(id), 'ObjectID')
  if (!valid) {
    const label = collection.labels?.singular
    // Over REST, Payload has already turned "abc" into NaN for a number id: name what was sent.
    const sent = typeof id === 'number' && Number.isNaN(id) ? (req.routeParams?.id ?? id) : id
    throw new NotFound(`No ${typeof label === 'string' ? label.toLowerCase() : collection.slug} with id "${String(sent)}" exists.`)
  }
  return args
}
