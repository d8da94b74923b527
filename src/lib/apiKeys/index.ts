import type { Payload, PayloadRequest } from 'payload'

import type { ServiceRole } from '@/access/roles'
import type { ApiKey } from '@/payload-types'
import type { Id } from '@/lib/relationId'
import { API_KEYS } from '@collections/slugs'

export { authenticateApiKey, requireServiceRole } from './authenticate'
export type { ApiKeyPrincipal } from './cache'
export { bearerApiKey, hashApiKey } from './keys'

/**
 * Creates a key (server code, scripts, tests; admins use the admin or POST /api/api-keys): the
 * returned `key` is the only copy, only its hash is kept (collections/ApiKeys/hooks/issueKey.ts).
 */
export async function createApiKey(
  payload: Payload,
  data: { name: string; role: ServiceRole },
  req?: PayloadRequest,
): Promise<{ doc: ApiKey; key: string }> {
  const doc = (await payload.create({ collection: API_KEYS, data, overrideAccess: true, depth: 0, req })) as ApiKey & { key?: string }
  if (!doc.key) throw new Error('The API key was not issued')
  const { key, ...rest } = doc
  return { doc: rest as ApiKey, key }
}

/** Revokes a key: refused at once on this instance, within API_KEY_CACHE_SECONDS on the others. */
export async function revokeApiKey(payload: Payload, id: Id, req?: PayloadRequest): Promise<ApiKey> {
  return payload.update({ collection: API_KEYS, id, data: { revokedAt: new Date().toISOString() }, overrideAccess: true, depth: 0, req })
}
