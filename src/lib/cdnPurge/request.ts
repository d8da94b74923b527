import { describeFetchError } from '../outbox/retry'
import type { CdnPurgeSettings } from './settings'
import { withVisibleControls } from '../input/visibleControls'

/** Where a purge goes: the endpoint and its header. */
type PurgeTarget = Required<Pick<CdnPurgeSettings, 'url'>> & Pick<CdnPurgeSettings, 'auth'>

/**
 * Tags per request. Cloudflare accepts at most 30 cache tags in one purge call (Fastly 256 surrogate
 * keys), so a purge of more tags (a lifecycle run withdrawing many answers) is split into requests
 * of this size.
 */
export const MAX_TAGS_PER_REQUEST = 30
/** A purge that has not answered by then counts as failed and is retried. */
export const PURGE_TIMEOUT_MS = 5_000

export type PurgeResult = { ok: boolean; status: number | null; durationMs: number; error: string | null }

/** One purge request: POST, `{"tags": [...]}` (Cloudflare), `Surrogate-Key: a b` (Fastly), the auth header. */
export function purgeRequest(settings: PurgeTarget, tags: string[]): Request {
  const headers = new Headers({ 'content-type': 'application/json', 'surrogate-key': tags.join(' ') })
  if (settings.auth) headers.set(settings.auth.name, settings.auth.value)
  return new Request(settings.url, { method: 'POST', headers, body: JSON.stringify({ tags }) })
}

/** Sends the purge of `tags`, in requests of at most MAX_TAGS_PER_REQUEST; every one must answer 2xx. */
export async function sendPurge(settings: PurgeTarget, tags: string[]): Promise<PurgeResult> {
  const started = performance.now()
  let status: number | null = null
  const elapsed = () => Math.round(performance.now() - started)
  for (let start = 0; start < tags.length; start += MAX_TAGS_PER_REQUEST) {
    try {
      const response = await fetch(purgeRequest(settings, tags.slice(start, start + MAX_TAGS_PER_REQUEST)), {
        signal: AbortSignal.timeout(PURGE_TIMEOUT_MS),
      })
      status = response.status
      const body = await response.text()
      if (!response.ok) {
        return {
          ok: false,
          status,
          durationMs: elapsed(),
          error: `The CDN answered HTTP ${status}: ${withVisibleControls(body.slice(0, 500)) || '(no body)'}`,
        }
      }
    } catch (error) {
      return {
        ok: false,
        status: null,
        durationMs: elapsed(),
        error: `The purge request failed: ${describeFetchError(error, PURGE_TIMEOUT_MS)}`,
      }
    }
  }
  return { ok: true, status, durationMs: elapsed(), error: null }
}
