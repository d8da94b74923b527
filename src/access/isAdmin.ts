import { hasRole, type AccessArgs } from './roles'

export const isAdmin = ({ req }: AccessArgs): boolean => hasRole(req.user, 'admin')
