import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'

import type { Approval } from '@/payload-types'
import { Forbidden } from '@/lib/errors'
import { APPROVALS_IMMUTABLE } from '../constants'

// These run even when access is overridden, so no path (admin, script, job) edits the audit trail.

export const refuseUpdates: CollectionBeforeChangeHook<Approval> = ({ data, operation }) => {
  if (operation !== 'create') throw new Forbidden(APPROVALS_IMMUTABLE)
  return data
}

export const refuseDeletes: CollectionBeforeDeleteHook = () => {
  throw new Forbidden(APPROVALS_IMMUTABLE)
}
