/**
 * A question still "drafting" after this long lost its job (a restart mid-job, a batch that
 * vanished) and may be sent to drafting again. Longer than any job with its retries and backoff.
 */
export const STALE_DRAFTING_MS = 60 * 60_000
