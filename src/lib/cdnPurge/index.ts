/**
 * CDN purges through an outbox (README "CDN purge"): queued in the change's transaction, sent right
 * after its commit, retried with backoff until the CDN accepts them, visible in the admin.
 */
export { queueCdnPurge, settleCdnPurges, type CdnPurge } from './outbox'
