import type { Payload, Where } from 'payload'

import { writeOnItsOwn } from '../outbox/claim'

const JOBS = 'payload-jobs'

/**
 * How long a job may stay marked `processing` since its last write before it is taken for the job
 * of a process that died. Payload marks a job processing when a runner takes it and clears the mark
 * only when that runner finishes it; a process killed in between (a deploy, an out-of-memory kill)
 * leaves the mark for ever, and Payload never runs a job so marked again: an email stayed "queued"
 * with no attempt and no error. Far above any of our jobs' own time limits (a send's 100 s claim, a
 * model call's timeouts); a job still alive past it is held back by its own lease or claim
 * (src/lib/leases/oneAtATime.ts, src/lib/outbox/claim.ts), so releasing it early costs no double send.
 */
export const STALLED_JOB_MS = 15 * 60_000

/** At most this many jobs are released per sweep (Payload takes 10 to 20 per run anyway). */
const RELEASE_BATCH = 100

type StalledJob = { id: string | number; taskSlug?: string | null; queue?: string | null; updatedAt: string }

/**
 * Clears the `processing` mark of jobs left by a process that died, so that the queue runs them
 * again; each is logged (warn) with its task and queue. Each release is one conditional write
 * (still processing, still not written since), so a job its runner finished meanwhile is left alone.
 * Returns how many were released.
 */
export async function releaseStalledJobs(payload: Payload, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - STALLED_JOB_MS).toISOString()
  const stalledNow: Where[] = [{ processing: { equals: true } }, { updatedAt: { less_than: cutoff } }]
  const { docs } = await payload.find({
    collection: JOBS,
    where: { and: stalledNow },
    select: { taskSlug: true, queue: true, updatedAt: true },
    limit: RELEASE_BATCH,
    depth: 0,
    overrideAccess: true,
  })
  let released = 0
  for (const job of docs as unknown as StalledJob[]) {
    const freed = await writeOnItsOwn(payload, (req) =>
      payload.db.updateOne({
        collection: JOBS,
        where: { and: [{ id: { equals: job.id } }, ...stalledNow] },
        data: { processing: false },
        options: { atomic: true },
        ...(req ? { req } : {}),
      } as Parameters<Payload['db']['updateOne']>[0]),
    )
    if (!freed) continue
    released += 1
    payload.logger.warn(
      `Job ${String(job.id)} (${job.taskSlug ?? 'workflow'}, queue ${job.queue ?? 'default'}) was still marked as running ${Math.round((now - Date.parse(job.updatedAt)) / 60_000)} minutes after its last update: the process running it stopped. It is released and runs again.`,
    )
  }
  return released
}
