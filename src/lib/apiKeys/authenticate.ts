import type { Payload } from 'payload'

import type { ServiceRole } from '@/access/roles'
import { API_KEYS } from '@collections/slugs'
import { loadEnv } from '../env'
import { Forbidden, Unauthorized } from '../errors'
import { cachedKey, cacheKey, type ApiKeyPrincipal, type CachedKey } from './cache'
import { hashApiKey, KEY_FORMAT } from './keys'

/** lastUsedAt is written at most this often per key and instance, never once per request. */
export const LAST_USED_EVERY_MS = 60_000

const cacheMs = () => loadEnv().apiKeys.cacheSeconds * 1000

/** The key's record by its hash: from this instance's cache (API_KEY_CACHE_SECONDS), else one indexed query. */
export async function lookupKey(payload: Payload, key: string): Promise<CachedKey> {
  const hash = hashApiKey(key)
  const cached = cachedKey(hash)
  if (cached) return cached
  const { docs } = await payload.find({
    collection: API_KEYS,
    where: { keyHash: { equals: hash } },
    select: { name: true, role: true, revokedAt: true, lastUsedAt: true },
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const doc = docs[0]
  const expires = Date.now() + cacheMs()
  const entry: CachedKey = !doc
    ? { state: 'unknown', expires }
    : doc.revokedAt
      ? { state: 'revoked', id: doc.id, revokedAt: doc.revokedAt, expires }
      : {
          state: 'valid',
          principal: { id: doc.id, name: doc.name, role: doc.role },
          lastUsedAt: doc.lastUsedAt ? Date.parse(doc.lastUsedAt) : 0,
          expires,
        }
  if (cacheMs() > 0) cacheKey(hash, entry)
  return entry
}

/** 401 for a key that is malformed, unknown or revoked; the service account otherwise. */
export function principalOf(entry: CachedKey): ApiKeyPrincipal {
  if (entry.state === 'unknown') throw new Unauthorized('This API key is not valid. Ask an admin for a key.')
  if (entry.state === 'revoked')
    throw new Unauthorized(`This API key was revoked on ${entry.revokedAt.slice(0, 10)}. Ask an admin for a new key.`)
  return entry.principal
}

export function assertKeyFormat(key: string): void {
  if (!KEY_FORMAT.test(key)) throw new Unauthorized('This API key is not valid: a key is "ck_" followed by 43 letters, digits, "-" or "_".')
}

/**
 * Checks the key of `Authorization: Bearer ck_...` and notes that it was used (at most once a minute
 * per instance: the write happens after the answer, and a failure is logged, never the client's).
 */
export async function authenticateApiKey(payload: Payload, key: string): Promise<ApiKeyPrincipal> {
  assertKeyFormat(key)
  const entry = await lookupKey(payload, key)
  const principal = principalOf(entry)
  if (entry.state === 'valid') noteUse(payload, entry)
  return principal
}

/** Records lastUsedAt when the recorded one is older than LAST_USED_EVERY_MS. */
export function noteUse(payload: Payload, entry: Extract<CachedKey, { state: 'valid' }>, now = Date.now()): void {
  if (now - entry.lastUsedAt < LAST_USED_EVERY_MS) return
  entry.lastUsedAt = now
  void payload
    .update({
      collection: API_KEYS,
      id: entry.principal.id,
      data: { lastUsedAt: new Date(now).toISOString() },
      depth: 0,
      overrideAccess: true,
      context: { apiKeyUse: true },
    })
    .catch((error: unknown) => payload.logger.error({ err: error, msg: `Could not record the use of API key ${entry.principal.id}` }))
}

const ROLE_RIGHTS: Record<ServiceRole, string> = {
  importer: 'create questions (POST /api/questions) and read their status',
  site: 'read the public API (/api/public/v1)',
}

/** 403 when the key's role is not `role`, saying what the key may do instead. */
export function requireServiceRole(principal: ApiKeyPrincipal, role: ServiceRole, action: string): void {
  if (principal.role !== role)
    throw new Forbidden(`This API key (role "${principal.role}") cannot ${action}; it may only ${ROLE_RIGHTS[principal.role]}.`)
}
