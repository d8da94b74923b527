import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

import { BadRequest } from '@/lib/errors'
import { USERS } from '@collections/slugs'

/** NIST SP 800-63B asks for at least 8; accounts here publish clinical content, so 12. */
export const PASSWORD_MIN_LENGTH = 12
/** Long passphrases are welcome; a megabyte of "password" is not (each sign-in hashes it). */
export const PASSWORD_MAX_LENGTH = 256

/**
 * Every way a password is set (creating an account, the first admin's registration, changing it in the
 * admin or over REST, a reset link) goes through this check: Payload itself accepted "abc". Length is
 * the rule, as NIST recommends, rather than character classes; spaces count, so passphrases work.
 */
export const requireStrongPassword: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update' && operation !== 'resetPassword') return args
  const data = (args as { data?: { password?: unknown; token?: unknown } }).data
  const password = data?.password
  if (operation === 'resetPassword') {
    // Payload answered `{}` with "Token is either invalid or has expired" (403): say what is missing.
    if (typeof data?.token !== 'string' || data.token === '')
      throw new BadRequest('The reset link is incomplete: its token is missing. Open the link from the email again.')
    if (password === undefined || password === null || password === '')
      throw new ValidationError({ collection: USERS, errors: [{ path: 'password', message: 'Choose a new password.' }], req })
  }
  if (password === undefined || password === null) return args
  const problem =
    typeof password !== 'string'
      ? 'The password must be text.'
      : password.trim() === ''
        ? 'The password cannot be only spaces (sign-in would refuse it).'
        : [...password].length < PASSWORD_MIN_LENGTH
          ? `The password must be at least ${PASSWORD_MIN_LENGTH} characters (it has ${[...password].length}). A few words in a row make a good one.`
          : [...password].length > PASSWORD_MAX_LENGTH
            ? `The password must be at most ${PASSWORD_MAX_LENGTH} characters (it has ${[...password].length}).`
            : null
  if (problem) throw new ValidationError({ collection: USERS, errors: [{ path: 'password', message: problem }], req })
  return args
}
