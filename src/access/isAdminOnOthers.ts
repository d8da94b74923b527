import type { PayloadRequest } from 'payload'

import { hasRole } from './roles'
import type { Id } from '@/lib/relationId'

/**
 * Field access for privileges: only an admin may set them, and never on their own record,
 * so nobody grants themselves roles (and an admin cannot lock themselves out by accident).
 */
export const isAdminOnOthers = ({ req, id }: { req: PayloadRequest; id?: Id }): boolean =>
  hasRole(req.user, 'admin') && (id === undefined || String(id) !== String(req.user?.id))
