import type { Payload, Where } from 'payload'

import { SEND_NOTIFICATION_TASK } from '@/jobs/sendNotification'
import { NOTIFICATIONS } from '@collections/slugs'
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

/**
 * A job whose process has died this many times while running it is not released again but marked
 * failed: a job that kills its process every time (runs it out of memory, say) would otherwise be
 * taken, kill a process and be released every 15 minutes for ever.
 */
export const MAX_STALLED_RELEASES = 3

type StalledJob = {
  id: string | number
  taskSlug?: string | null
  queue?: string | null
  updatedAt: string
  error?: unknown
  input?: unknown
}

/** How many times the sweep has released this job, as counted in its `error` (see below). */
const releasesOf = (job: StalledJob): number => {
  const count = (job.error as { stalledReleases?: unknown } | null | undefined)?.stalledReleases
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 0
}

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
    select: { taskSlug: true, queue: true, updatedAt: true, error: true, input: true },
    limit: RELEASE_BATCH,
    depth: 0,
    overrideAccess: true,
  })
  let released = 0
  for (const job of docs as unknown as StalledJob[]) {
    const releases = releasesOf(job) + 1
    const given = releases > MAX_STALLED_RELEASES
    const what = `Job ${String(job.id)} (${job.taskSlug ?? 'workflow'}, queue ${job.queue ?? 'default'}) was still marked as running ${Math.round((now - Date.parse(job.updatedAt)) / 60_000)} minutes after its last update: the process running it stopped`
    const message = given
      ? `${what}, ${releases} times now. It is not run again: it is marked failed, and the work it was doing must be started again by hand.`
      : `${what}. It is released and runs again.`
    // The count lives in the job's `error` (JSON), which Payload only reads once `hasError` is set:
    // this is the one place a job's history survives the release.
    const data = given
      ? { processing: false, hasError: true, error: { message, stalledReleases: releases - 1 } }
      : { processing: false, error: { message, stalledReleases: releases } }
    const freed = await writeOnItsOwn(payload, (req) =>
      payload.db.updateOne({
        collection: JOBS,
        where: { and: [{ id: { equals: job.id } }, ...stalledNow] },
        data,
        options: { atomic: true },
        ...(req ? { req } : {}),
      } as Parameters<Payload['db']['updateOne']>[0]),
    )
    if (!freed) continue
    if (given) {
      payload.logger.error(message)
      await showGivenUp(payload, job, message)
    } else {
      released += 1
      payload.logger.warn(message)
    }
  }
  return released
}

/**
 * A given-up job's own record says so where people look: an email it was sending shows as failed
 * in the outbox, with the reason, and an admin requeues it from there (the outbox's retry).
 */
async function showGivenUp(payload: Payload, job: StalledJob, message: string): Promise<void> {
  const notificationId = (job.input as { notificationId?: unknown } | null | undefined)?.notificationId
  if (job.taskSlug !== SEND_NOTIFICATION_TASK || typeof notificationId !== 'string') return
  await payload.update({
    collection: NOTIFICATIONS,
    where: { and: [{ id: { equals: notificationId } }, { status: { equals: 'queued' } }] },
    data: { status: 'failed', lastError: message },
    overrideAccess: true,
  })
}
