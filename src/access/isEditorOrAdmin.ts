import { hasRole, type AccessArgs } from './roles'

export const isEditorOrAdmin = ({ req }: AccessArgs): boolean => hasRole(req.user, 'editor', 'admin')
