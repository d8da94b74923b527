import { addMonths } from 'date-fns'

import type { User } from '@/payload-types'
import { now } from '../clock'
import { loadEnv } from '../env'

export type CredentialSettings = { verificationMonths: number; reminderDays: number }

let settings: CredentialSettings | undefined

/** CREDENTIALS_VERIFICATION_MONTHS and CREDENTIALS_REMINDER_DAYS, read once. */
export function credentialSettings(): CredentialSettings {
  settings ??= loadEnv().credentials
  return settings
}

export type CredentialStatus =
  | { state: 'never_verified'; verifiedOn: null; lapsesOn: null; intervalMonths: number }
  | { state: 'current' | 'lapsed'; verifiedOn: Date; lapsesOn: Date; intervalMonths: number }

type Verified = Partial<Pick<User, 'credentialsVerifiedOn' | 'credentialsIntervalMonths'>>

/**
 * A reviewer's credentials are current from the day an admin verified them until the interval
 * (their own, else the default setting) has passed; on the lapse date itself they are lapsed.
 * Never verified counts as not current: nobody vouched for this clinician yet.
 */
export function credentialStatus(reviewer: Verified, at: Date = now()): CredentialStatus {
  const intervalMonths = reviewer.credentialsIntervalMonths ?? credentialSettings().verificationMonths
  if (!reviewer.credentialsVerifiedOn) return { state: 'never_verified', verifiedOn: null, lapsesOn: null, intervalMonths }
  const verifiedOn = new Date(reviewer.credentialsVerifiedOn)
  const lapsesOn = addMonths(verifiedOn, intervalMonths)
  return { state: at < lapsesOn ? 'current' : 'lapsed', verifiedOn, lapsesOn, intervalMonths }
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10)

/**
 * Why this reviewer may not review on credential grounds, worded to follow "you" (routing and
 * reassignment turn "your" into "their"), or null while their verification is current.
 */
export function credentialIneligibility(reviewer: Verified, at: Date = now()): string | null {
  const status = credentialStatus(reviewer, at)
  if (status.state === 'current') return null
  if (status.state === 'never_verified') return 'have no credential verification on record; an admin must verify your credentials first'
  return `have credentials whose verification lapsed on ${isoDay(status.lapsesOn)} (last verified on ${isoDay(status.verifiedOn)}, every ${status.intervalMonths} months); an admin must re-verify your credentials first`
}
