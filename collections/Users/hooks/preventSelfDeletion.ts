import type { CollectionBeforeDeleteHook } from 'payload'

import { Forbidden } from '@/lib/errors'

export const preventSelfDeletion: CollectionBeforeDeleteHook = ({ id, req }) => {
  if (req.user && String(req.user.id) === String(id)) {
    throw new Forbidden('You cannot delete your own account. Ask another admin to do it.')
  }
}
