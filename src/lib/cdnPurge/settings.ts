import { loadEnv } from '../env'

export type CdnPurgeSettings = {
  /** The CDN's purge endpoint (CDN_PURGE_URL); unset, purges are recorded as "not configured". */
  url?: string
  /** One header sent with each purge (CDN_PURGE_AUTH), e.g. { name: 'Fastly-Key', value: '...' }. */
  auth?: { name: string; value: string }
}

let settings: CdnPurgeSettings | undefined

/** CDN_PURGE_URL and CDN_PURGE_AUTH, read once. */
export function cdnPurgeSettings(): CdnPurgeSettings {
  if (!settings) {
    const { cdnPurgeUrl, cdnPurgeAuth } = loadEnv().publicDelivery
    settings = { url: cdnPurgeUrl, auth: cdnPurgeAuth }
  }
  return settings
}

/** For tests: read the variables again on next use (a test that sets or unsets CDN_PURGE_URL). */
export function forgetCdnPurgeSettings(): void {
  settings = undefined
}
