import { loadEnv } from '../env'

export type WebhookSettings = {
  /** WEBHOOK_ALLOW_PRIVATE_URLS: endpoints on loopback or private addresses (tests, an internal receiver). */
  allowPrivateUrls: boolean
  /** WEBHOOK_TIMEOUT_MS: a receiver that has not answered by then counts as failed and is retried. */
  timeoutMs: number
}

let settings: WebhookSettings | undefined

/** Read once. */
export function webhookSettings(): WebhookSettings {
  settings ??= loadEnv().webhooks
  return settings
}

/** For tests: read the variables again on next use. */
export function forgetWebhookSettings(): void {
  settings = undefined
}
