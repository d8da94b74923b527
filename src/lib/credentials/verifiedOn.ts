import { now } from '../clock'

/** A date picked as "today" in a time zone ahead of UTC is up to 14 hours ahead of the server's clock. */
const AHEAD_OF_UTC_MS = 14 * 3_600_000

/**
 * The validation of `credentialsVerifiedOn`: a verification cannot be dated in the future, where it
 * would keep a reviewer current long after their real verification lapsed (credentialStatus trusts
 * the date). Field validators run in the admin's form too, so this module stays client-safe.
 */
export function validateVerifiedOn(value: unknown, { previousValue }: { previousValue?: unknown } = {}): true | string {
  if (value === null || value === undefined || value === '') return true
  const at = asDate(value)
  if (!at) return 'The date credentials were verified must be a date, such as 2026-03-01.'
  // A date already stored was checked when it was set: a later save of the account (a routing stamp,
  // a name) does not check it again.
  if (asDate(previousValue)?.getTime() === at.getTime()) return true
  if (at.getTime() > now().getTime() + AHEAD_OF_UTC_MS)
    return 'The date credentials were verified cannot be in the future: enter the day an admin checked them.'
  return true
}

function asDate(value: unknown): Date | null {
  const at = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null
  return at && !Number.isNaN(at.getTime()) ? at : null
}
