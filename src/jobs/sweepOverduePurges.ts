import type { Payload } from 'payload'

import { sendOverduePurges } from '../lib/cdnPurge/sweep'

export const PURGE_SWEEP_INTERVAL_MS = 5 * 60_000

/**
 * Every 5 minutes, in the web server (with JOBS_AUTORUN): purges whose retry job never came
 * (src/lib/cdnPurge/sweep.ts). A plain timer, like the lifecycle sweep, for the same reason.
 */
export function startPurgeSweep(payload: Payload): void {
  const timer = setInterval(() => {
    sendOverduePurges(payload).catch((error: unknown) =>
      payload.logger.error({ err: error, msg: 'The sweep of overdue CDN purges failed; it runs again in 5 minutes.' }),
    )
  }, PURGE_SWEEP_INTERVAL_MS)
  timer.unref()
}
