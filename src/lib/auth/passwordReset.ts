import type { Payload, PayloadRequest } from 'payload'

import type { User } from '@/payload-types'
import { EMAIL_QUEUE } from '@/jobs/sendNotification'
import { USERS } from '@collections/slugs'
import { BadRequest } from '../errors'
import { inNewTransaction } from '../transaction'
import { notifyPasswordReset } from '../workflow/outbox'
import { addressKey } from '../http/addressKey'
import { clientAddress } from './clientAddress'
import { allowPasswordReset, normalizeEmail, withRetryAfter } from './signInThrottle'

export const REQUEST_PASSWORD_RESET_TASK = 'requestPasswordReset'
/** How long a reset link works. */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000
/** One reset email per account per minute, whatever the requests say. */
const MIN_INTERVAL_MS = 60 * 1000

export const GIVE_EMAIL = 'Give the email address of your account, e.g. name@example.org.'

export const PASSWORD_RESET_ANSWER =
  'If an account uses this email address, we have sent it a link to choose a new password. The link works once, within an hour.'

/**
 * POST /api/users/forgot-password, what the request itself does: the same for every email, known or
 * not (one job queued, or nothing when that email was asked for too often), so neither the answer nor
 * its timing says whether an account exists. The lookup, the token and the outbox email happen in the
 * job, later, in their own short transaction; the email is sent by the outbox's job after that.
 */
export async function requestPasswordReset(req: PayloadRequest, rawEmail: unknown): Promise<void> {
  const email = normalizeEmail(rawEmail)
  if (!email || email.length > 254 || !email.includes('@')) throw new BadRequest(GIVE_EMAIL)
  if (!(await withRetryAfter(req, () => allowPasswordReset(email, addressKey(clientAddress(req)))))) return
  // No `req`: the job is queued on its own, never inside a longer transaction.
  await req.payload.jobs.queue({ task: REQUEST_PASSWORD_RESET_TASK, input: { email }, queue: EMAIL_QUEUE })
}

/**
 * The job's work: when an account has this email, give it a reset token (Payload's, stored on the
 * user) and put the email with the link in the outbox, together. Nothing slow runs inside the
 * transaction: the SMTP send is the outbox job's, outside any transaction.
 */
export async function issuePasswordReset(payload: Payload, email: string): Promise<void> {
  await inNewTransaction(payload, async (req) => {
    const { docs } = await payload.find({
      collection: USERS,
      where: { email: { equals: email } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      showHiddenFields: true,
      req,
    })
    const user = docs[0] as (User & { resetPasswordExpiration?: string | null }) | undefined
    // A deactivated account signs in no way, a reset link included.
    if (!user || user.active === false) return
    const issuedAt = user.resetPasswordExpiration ? new Date(user.resetPasswordExpiration).getTime() - RESET_LINK_LIFETIME_MS : 0
    if (Date.now() - issuedAt < MIN_INTERVAL_MS) return
    const token = await payload.forgotPassword({
      collection: USERS,
      data: { email },
      disableEmail: true,
      expiration: RESET_LINK_LIFETIME_MS,
      req,
    })
    if (!token) return
    const { serverURL, routes, admin } = payload.config
    await notifyPasswordReset(req, user, `${serverURL}${routes.admin}${admin.routes.reset}/${token}`)
  })
}
