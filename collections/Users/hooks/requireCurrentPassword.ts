import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { beginCurrentPasswordCheck, currentPasswordWasRight, passwordMatches } from '@/lib/auth/currentPassword'
import { withRetryAfter } from '@/lib/auth/signInThrottle'
import { USERS } from '@collections/slugs'

/**
 * Changing one's own password or email address asks for the current password: a session left open
 * on a shared ward computer, or a stolen cookie, must not be enough to take the account over (the
 * new address would receive the reset links). An admin setting another person's password or email
 * is an admin reset and is not asked. The field is virtual: it is never stored or returned.
 */
export const requireCurrentPassword: CollectionBeforeChangeHook<User> = async ({ data, operation, originalDoc, req }) => {
  const given = (data as { currentPassword?: unknown }).currentPassword
  delete (data as { currentPassword?: unknown }).currentPassword
  if (operation !== 'update' || !originalDoc || !req.user || req.user.collection !== USERS) return data
  if (String(req.user.id) !== String(originalDoc.id)) return data
  const password = (data as { password?: unknown }).password
  const newPassword = typeof password === 'string' && password !== ''
  const newEmail = typeof data.email === 'string' && data.email.trim().toLowerCase() !== originalDoc.email.toLowerCase()
  if (!newPassword && !newEmail) return data

  const what = newPassword && newEmail ? 'your email address and password' : newPassword ? 'your password' : 'your email address'
  const refuse = (message: string) => new ValidationError({ collection: USERS, errors: [{ path: 'currentPassword', message }], req })
  if (typeof given !== 'string' || given === '') throw refuse(`Enter your current password to change ${what}.`)
  const accountId = String(originalDoc.id)
  await withRetryAfter(req, () => beginCurrentPasswordCheck(accountId))
  // The hash and salt are hidden fields, read only for this check.
  const stored = await req.payload.findByID({
    collection: USERS,
    id: originalDoc.id,
    depth: 0,
    showHiddenFields: true,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (!stored || !(await passwordMatches(stored as { hash?: unknown; salt?: unknown }, given)))
    throw refuse(`The current password is not right, so ${what} did not change.`)
  await currentPasswordWasRight(accountId)
  return data
}
