import { loadEnv } from '../env'

export type CdnPurgeSettings = {
  /** The CDN's purge endpoint (CDN_PURGE_URL); unset, purges are recorded as "not configured". */
  url?: string
  /** One header sent with each purge (CDN_PURGE_AUTH), e.g. { name: 'Fastly-Key', value: '...' }. */
  auth?: { name: string; value: string }
  /** How long after a sent purge it is sent once more (CDN_PURGE_REPEAT_MS); 0: never. */
  repeatAfterMs: number
}

let settings: CdnPurgeSettings | undefined

/** CDN_PURGE_URL, CDN_PURGE_AUTH and CDN_PURGE_REPEAT_MS, read once. */
export function cdnPurgeSettings(): CdnPurgeSettings {
  if (!settings) {
    const { cdnPurgeUrl, cdnPurgeAuth, cdnPurgeRepeatMs } = loadEnv().publicDelivery
    settings = { url: cdnPurgeUrl, auth: cdnPurgeAuth, repeatAfterMs: cdnPurgeRepeatMs }
  }
  return settings
}

/** For tests: read the variables again on next use (a test that sets or unsets CDN_PURGE_URL). */
export function forgetCdnPurgeSettings(): void {
  settings = undefined
}
