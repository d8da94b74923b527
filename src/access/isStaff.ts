import { hasRole, type AccessArgs } from './roles'

/** Any signed-in team member: admin, editor or reviewer. */
export const isStaff = ({ req }: AccessArgs): boolean => hasRole(req.user, 'admin', 'editor', 'reviewer')
