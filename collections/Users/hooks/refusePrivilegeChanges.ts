import type { CollectionBeforeOperationHook } from 'payload'

import { hasRole } from '@/access/roles'
import { Forbidden } from '@/lib/errors'
import { relationId, type Id } from '@/lib/relationId'
import { USERS } from '@collections/slugs'

/** Fields that grant power, vouch for a clinician or name them to patients: admins set them, on other people's records. */
export const PRIVILEGED_FIELDS = [
  // Patients read a reviewer's name beside their credentials in the review credit.
  'name',
  'roles',
  'credentials',
  'specialties',
  'active',
  'maxOpenReviews',
  'credentialsVerifiedOn',
  'credentialsIntervalMonths',
] as const

/**
 * Field access alone would silently drop such a change and answer 200; a person trying to grant
 * themselves a role deserves a clear 403 instead. Unchanged values pass (forms send whole records).
 */
export const refusePrivilegeChanges: CollectionBeforeOperationHook = async ({ args, operation, overrideAccess, req }) => {
  if (operation !== 'update' && operation !== 'create') return args
  if (overrideAccess || !req.user) return args // server code, or anonymous (refused by access)
  const data = (args as { data?: Record<string, unknown> }).data ?? {}
  const touched = PRIVILEGED_FIELDS.filter((field) => field in data)
  if (touched.length === 0) return args

  const isAdmin = hasRole(req.user, 'admin')
  if (operation === 'create') {
    if (!isAdmin) throw new Forbidden('Only an admin can create accounts.')
    return args
  }
  const id = (args as { id?: Id }).id
  // Someone else's account, not an admin: access control refuses it the same way whatever is stored
  // (comparing first told a reviewer who is an admin, and confirmed other accounts' credentials).
  if (!isAdmin && id !== undefined && String(id) !== String(req.user.id)) return args
  if (id === undefined) {
    if (isAdmin && !touched.includes('roles')) return args
    throw new Forbidden('Change roles and reviewer credentials one account at a time.')
  }
  const current = await req.payload.findByID({ collection: USERS, id, depth: 0, overrideAccess: true, disableErrors: true, req })
  if (!current) return args // the operation answers 404
  const changed = touched.filter((field) => !sameValue(data[field], (current as unknown as Record<string, unknown>)[field]))
  if (changed.length === 0) return args

  const isSelf = String(id) === String(req.user.id)
  if (!isAdmin) throw new Forbidden(`Only an admin can change ${changed.join(', ')}.`)
  if (isSelf && changed.includes('roles')) throw new Forbidden('Nobody can change their own roles; ask another admin.')
  if (isSelf && changed.includes('active')) throw new Forbidden('Nobody can deactivate their own account; ask another admin.')
  return args
}

function sameValue(next: unknown, current: unknown): boolean {
  const normalize = (value: unknown): unknown =>
    Array.isArray(value) ? value.map((item) => String(relationId(item))).sort() : value === undefined ? null : value
  return JSON.stringify(normalize(next)) === JSON.stringify(normalize(current))
}
