import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { CdnPurge } from '@/payload-types'
import { FIRST_RETRY_MS, scheduleCdnPurge } from '@/lib/cdnPurge/outbox'
import { cdnPurgeSettings } from '@/lib/cdnPurge/settings'

/**
 * A new row, or one an admin set back to "pending": after it failed, found no CDN configured, or to
 * send a sent purge again. A pending row saved as pending (a coalesced purge joining it) is not new.
 */
const becomesPending = (operation: 'create' | 'update', status: CdnPurge['status'] | undefined, previous?: CdnPurge['status']) =>
  status === 'pending' && (operation === 'create' || (previous !== undefined && previous !== 'pending'))

/**
 * Decides, as the row becomes pending, whether it can be sent at all (no CDN_PURGE_URL: "not
 * configured", nothing is sent) and when its retry job is due.
 */
export const prepareSending: CollectionBeforeChangeHook<CdnPurge> = ({ data, operation, originalDoc }) => {
  if (operation !== 'create' && operation !== 'update') return data
  if (!becomesPending(operation, data.status ?? (operation === 'create' ? 'pending' : undefined), originalDoc?.status)) return data
  if (!cdnPurgeSettings().url) {
    return { ...data, status: 'not_configured', nextAttemptAt: null, lastError: 'No CDN purge endpoint is configured (CDN_PURGE_URL).' }
  }
  return { ...data, status: 'pending', nextAttemptAt: new Date(Date.now() + FIRST_RETRY_MS).toISOString() }
}

/** Sends a row that became pending right after the commit, with its retry job queued in the same transaction. */
export const scheduleSending: CollectionAfterChangeHook<CdnPurge> = async ({ doc, operation, previousDoc, req }) => {
  if (becomesPending(operation, doc.status, previousDoc?.status)) await scheduleCdnPurge(req, doc)
  return doc
}
