import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { ApiKey } from '@/payload-types'
import { forgetKey } from '@/lib/apiKeys/cache'
import { afterCommit } from '@/lib/database/afterCommit'
import { hashApiKey, newApiKey, shownPrefix } from '@/lib/apiKeys/keys'
import { Conflict } from '@/lib/errors'

const ISSUED = 'issuedApiKey'

/**
 * On create, the server makes the key: only its SHA-256 and first characters are saved, and the key
 * itself travels in the request's context to the create response (below), the one time it is shown.
 * Revocation is one-way and stamped with the server's time, whatever date was sent.
 */
export const issueKey: CollectionBeforeChangeHook<ApiKey> = ({ data, operation, originalDoc, req }) => {
  if (operation === 'create') {
    const key = newApiKey()
    req.context[ISSUED] = key
    return {
      ...data,
      keyHash: hashApiKey(key),
      keyPrefix: shownPrefix(key),
      createdBy: req.user?.id ?? null,
      revokedAt: null,
      lastUsedAt: null,
    }
  }
  if (originalDoc?.revokedAt) {
    if (data.revokedAt === null || (data.revokedAt !== undefined && Date.parse(data.revokedAt) !== Date.parse(originalDoc.revokedAt)))
      throw new Conflict('A revoked key stays revoked. Create a new key instead.')
    return data
  }
  if (data.revokedAt) return { ...data, revokedAt: new Date().toISOString() }
  return data
}

/**
 * The create response carries the key (shown once); a revocation drops this instance's cached lookup
 * at once, and again when it commits: a request in between reads the row as it still is (valid) and
 * would cache that for API_KEY_CACHE_SECONDS.
 */
export const revealKeyOnce: CollectionAfterChangeHook<ApiKey> = async ({ doc, operation, req }) => {
  if (operation === 'create' && typeof req.context[ISSUED] === 'string') {
    const key = req.context[ISSUED]
    delete req.context[ISSUED]
    return { ...doc, key }
  }
  if (!req.context.apiKeyUse) {
    forgetKey(doc.id)
    await afterCommit(req, () => forgetKey(doc.id))
  }
  return doc
}
