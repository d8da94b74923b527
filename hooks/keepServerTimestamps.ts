import type { CollectionBeforeOperationHook, SanitizedConfig } from 'payload'

const TIMESTAMPS = ['createdAt', 'updatedAt'] as const

/**
 * When a document was created or changed is the server's to say. Payload keeps a `createdAt` or
 * `updatedAt` a client sends: a reviewer dated their own review decision 2001 (DESIGN.md: a
 * decision records who and when), and that date ordered the review screen's history. Over REST and
 * GraphQL both are dropped from every create and update, so the server sets them; server code
 * (the Local API: seeds, imports, migrations) may still date what it writes.
 */
export const keepServerTimestamps: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if ((operation !== 'create' && operation !== 'update') || req.payloadAPI === 'local') return args
  const data = (args as { data?: unknown }).data
  if (!data || typeof data !== 'object' || !TIMESTAMPS.some((field) => field in data)) return args
  const kept = { ...(data as Record<string, unknown>) }
  for (const field of TIMESTAMPS) delete kept[field]
  return { ...args, data: kept }
}

/**
 * Adds keepServerTimestamps to every collection of the sanitized config: Payload's own too, which it
 * adds while sanitizing (an edit lock dated 2099 never expired and kept the answer read-only for its
 * editors).
 */
export function keepServerTimestampsEverywhere(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections)
    collection.hooks.beforeOperation = [...(collection.hooks.beforeOperation ?? []), keepServerTimestamps]
  return config
}
