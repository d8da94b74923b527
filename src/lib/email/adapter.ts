import { nodemailerAdapter } from '@payloadcms/email-nodemailer'

import type { Env } from '../env'

const SMTP_TIMEOUTS_MS = { connection: 10_000, greeting: 10_000, socket: 20_000 }

/** How long one run holds a message it sends: longer than a send can take before it times out. */
export const SEND_CLAIM_MS = SMTP_TIMEOUTS_MS.connection + SMTP_TIMEOUTS_MS.greeting + SMTP_TIMEOUTS_MS.socket + 60_000

/**
 * SMTP through nodemailer when SMTP_HOST is set. Not verified at start-up (`skipVerify`): a mail
 * server that is down must not stop the CMS; the outbox job reports and retries instead.
 */
export function emailAdapter(smtp: Env['smtp']) {
  if (!smtp.host) return undefined
  return nodemailerAdapter({
    defaultFromAddress: smtp.from,
    defaultFromName: smtp.fromName,
    skipVerify: true,
    transportOptions: {
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
      // Fail fast so a dead server shows up as a failed attempt, not a job stuck for minutes.
      connectionTimeout: SMTP_TIMEOUTS_MS.connection,
      greetingTimeout: SMTP_TIMEOUTS_MS.greeting,
      socketTimeout: SMTP_TIMEOUTS_MS.socket,
    },
  })
}
