import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'

import type { Approval } from '@/payload-types'
import { forbidden } from '@/lib/errors'
import { APPROVALS_IMMUTABLE } from '../constants'

// These run even when access is overridden, so no path (admin, script, job) edits the audit trail.

export const refuseUpdates: CollectionBeforeChangeHook<Approval> = ({ data, operation }) => {
  if (operation !== 'create') throw forbidden(APPROVALS_IMMUTABLE)
  return data
}

export const refuseDeletes: CollectionBeforeDeleteHook = () => {
  throw forbidden(APPROVALS_IMMUTABLE)
}
