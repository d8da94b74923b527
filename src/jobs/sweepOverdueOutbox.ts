import type { Payload } from 'payload'

import { sendOverduePurges } from '../lib/cdnPurge/sweep'
import { sendOverdueWebhooks } from '../lib/webhooks/sweep'
import { pruneExpiredLeases } from '../lib/leases/oneAtATime'
import { releaseStalledJobs } from '../lib/leases/stalledJobs'

export const OUTBOX_SWEEP_INTERVAL_MS = 5 * 60_000

/**
 * Every 5 minutes, in the web server (with JOBS_AUTORUN): CDN purges and webhook deliveries whose
 * retry job never came (src/lib/outbox/overdue.ts), work leases left by runs that died
 * (src/lib/leases/oneAtATime.ts), and jobs whose process died while running them, which Payload
 * would never run again (src/lib/leases/stalledJobs.ts: an email among them stayed "queued"). A plain timer, like the lifecycle sweep, for the
 * same reason. A sweep still sending (slow receivers) is not joined by the next one.
 */
export function startOutboxSweep(payload: Payload): void {
  let running = false
  const sweep = async (what: string, send: (payload: Payload) => Promise<number>) => {
    try {
      await send(payload)
    } catch (error) {
      payload.logger.error({ err: error, msg: `The sweep of overdue ${what} failed; it runs again in 5 minutes.` })
    }
  }
  const timer = setInterval(() => {
    if (running) return
    running = true
    void sweep('CDN purges', sendOverduePurges)
      .then(() => sweep('webhook deliveries', sendOverdueWebhooks))
      .then(() => sweep('work leases', pruneExpiredLeases))
      .then(() => sweep('stalled jobs', releaseStalledJobs))
      .finally(() => {
        running = false
      })
  }, OUTBOX_SWEEP_INTERVAL_MS)
  timer.unref()
}
