import type { CollectionBeforeDeleteHook } from 'payload'

import { forbidden } from '@/lib/errors'

export const preventSelfDeletion: CollectionBeforeDeleteHook = ({ id, req }) => {
  if (req.user && String(req.user.id) === String(id)) {
    throw forbidden('You cannot delete your own account. Ask another admin to do it.')
  }
}
