import { subDays } from 'date-fns'
import type { Payload } from 'payload'

import type { User } from '@/payload-types'
import { USERS } from '@collections/slugs'
import { now as clockNow } from '../clock'
import { actOnEach } from '../sweeps/actOnEach'
import { notifyAdmins } from '../workflow/outbox'
import { rerouteFromReviewer } from '../workflow/rerouteFromReviewer'
import { credentialSettings, credentialStatus, isoDay } from './status'

export type CredentialSweep = {
  /** Reviewers whose lapse admins were emailed about in this run (before or, if never told, after it). */
  reminded: number
  /** Active reviewers whose verification has lapsed or never happened. */
  notVerified: number
  /** Open reviews handed from them to other reviewers (or left waiting for one). */
  rerouted: number
}

/**
 * The lifecycle sweep's credentials step (issue 14), run hourly by `runLifecycle` with the clock's
 * time. For each active reviewer:
 * - CREDENTIALS_REMINDER_DAYS before their verification lapses, every admin is emailed (outbox), once
 *   per lapse date: `credentialsLapseRemindedFor` records which lapse was announced, so a
 *   re-verification (a new lapse date) is announced again when its turn comes. A lapse nobody was
 *   told about in advance (say an admin entered an old date) is announced once, as lapsed.
 * - once lapsed (or never verified), their open reviews go to other eligible reviewers, or wait for
 *   one with their editor told (rerouteFromReviewer). Routing and decisions already refuse them.
 * One transaction per reviewer, so one failure does not undo the others.
 */
export async function remindCredentialLapses(payload: Payload, now: Date = clockNow()): Promise<CredentialSweep> {
  const { reminderDays } = credentialSettings()
  const { docs } = await payload.find({
    collection: USERS,
    where: { and: [{ roles: { contains: 'reviewer' } }, { active: { equals: true } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const sweep: CredentialSweep = { reminded: 0, notVerified: 0, rerouted: 0 }
  const dueNow = (reviewer: User) => {
    const status = credentialStatus(reviewer, now)
    const announced =
      status.lapsesOn !== null &&
      Boolean(reviewer.credentialsLapseRemindedFor) &&
      new Date(reviewer.credentialsLapseRemindedFor!).getTime() === status.lapsesOn.getTime()
    return { status, remind: status.lapsesOn !== null && !announced && subDays(status.lapsesOn, reminderDays) <= now }
  }
  const needsStep = (reviewer: User) => {
    const { status, remind } = dueNow(reviewer)
    return status.state !== 'current' || remind
  }
  const candidates = (docs as User[]).filter(needsStep)
  // A state, counted as read; what the step did is counted once committed (a rolled-back step did nothing).
  sweep.notVerified = candidates.filter((reviewer) => dueNow(reviewer).status.state !== 'current').length
  const done = await actOnEach(payload, candidates, {
    label: 'Credentials step for reviewer',
    // Read again where it is acted on: another sweep at the same moment may have announced this lapse since.
    reread: async (req, candidate) => {
      const reviewer = (await payload.findByID({
        collection: USERS,
        id: candidate.id,
        depth: 0,
        overrideAccess: true,
        disableErrors: true,
        req,
      })) as User | null
      return reviewer && needsStep(reviewer) ? reviewer : null
    },
    work: async (req, reviewer) => {
      const step = { reminded: 0, rerouted: 0 }
      const { status, remind } = dueNow(reviewer)
      if (remind && status.lapsesOn && status.verifiedOn) {
        const lapsed = status.state === 'lapsed'
        const day = isoDay(status.lapsesOn)
        const written = await notifyAdmins(req, reviewer, {
          template: 'credentials_lapse',
          subject: `Reviewer credentials ${lapsed ? 'lapsed' : 'lapse'} on ${day}: ${reviewer.name}`,
          text: [
            `The credential verification of ${reviewer.name}${reviewer.credentials ? `, ${reviewer.credentials}` : ''} (last verified on ${isoDay(status.verifiedOn)}, every ${status.intervalMonths} months) ${lapsed ? 'lapsed' : 'lapses'} on ${day}.`,
            lapsed
              ? 'They are no longer routed answers and cannot record review decisions; their open reviews have been handed to other reviewers.'
              : 'From that day they will not be routed answers and cannot record review decisions, and their open reviews go to other reviewers.',
            'After checking their credentials, set "Credentials verified on" in their account:',
          ].join('\n\n'),
        })
        if (written > 0) {
          await payload.update({
            collection: USERS,
            id: reviewer.id,
            data: { credentialsLapseRemindedFor: status.lapsesOn.toISOString() },
            depth: 0,
            overrideAccess: true,
            req,
          })
          step.reminded = 1
        }
      }
      if (status.state !== 'current') step.rerouted = await rerouteFromReviewer(req, reviewer.id)
      return step
    },
  })
  sweep.reminded = done.reduce((sum, step) => sum + step.reminded, 0)
  sweep.rerouted = done.reduce((sum, step) => sum + step.rerouted, 0)
  return sweep
}
