import { hasRole, type AccessArgs } from './roles'

export const isReviewer = ({ req }: AccessArgs): boolean => hasRole(req.user, 'reviewer')
