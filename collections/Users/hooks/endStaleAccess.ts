import type { CollectionBeforeChangeHook, CollectionBeforeLoginHook } from 'payload'

import type { User } from '@/payload-types'
import { Forbidden } from '@/lib/errors'

/**
 * What a change to an account ends. Deactivating it ends its sessions (every signed-in browser is
 * signed out) and its reset link. A new password or email address ends an outstanding reset link too:
 * an admin who resets a compromised account must not be undone by the link already in the mailbox.
 */
export const endStaleAccess: CollectionBeforeChangeHook<User> = ({ data, operation, originalDoc }) => {
  if (operation !== 'update' || !originalDoc) return data
  const deactivated = data.active === false && originalDoc.active !== false
  const password = (data as { password?: unknown }).password
  const newPassword = typeof password === 'string' && password !== ''
  const newEmail = typeof data.email === 'string' && data.email.toLowerCase() !== originalDoc.email.toLowerCase()
  if (deactivated || newPassword || newEmail) {
    data.resetPasswordToken = null
    data.resetPasswordExpiration = null
  }
  if (deactivated) data.sessions = []
  return data
}

/** A deactivated account does not sign in, whatever its password. */
export const refuseDeactivatedSignIn: CollectionBeforeLoginHook<User> = ({ user }) => {
  if (user.active === false) throw new Forbidden('This account is deactivated. Ask an admin to reactivate it.')
  return user
}
