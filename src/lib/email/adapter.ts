import { nodemailerAdapter } from '@payloadcms/email-nodemailer'

import type { Env } from '../env'

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
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    },
  })
}
