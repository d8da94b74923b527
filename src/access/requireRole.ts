import type { PayloadRequest } from 'payload'

import { Forbidden, Unauthorized } from '@/lib/errors'
import { hasRole, type Role } from './roles'

const WHO: Record<string, string> = { admin: 'an admin', editor: 'an editor', reviewer: 'a reviewer' }

/**
 * For custom endpoints: an anonymous caller is told to sign in (401), a signed-in person without
 * one of the roles is refused (403). `action` completes "Only editors and admins can ...".
 */
export function requireRole(req: PayloadRequest, roles: Role[], action: string, refusal?: string): void {
  const who = [WHO[roles[0]!], ...roles.slice(1)].join(' or ')
  if (!req.user) throw new Unauthorized(`Sign in as ${who} to ${action}.`)
  if (!hasRole(req.user, ...roles)) throw new Forbidden(refusal ?? `Only ${roles.map((role) => `${role}s`).join(' and ')} can ${action}.`)
}

/** The backlog, drafting and import endpoints: editors and admins. */
export function requireEditor(req: PayloadRequest, action = 'send questions to drafting'): void {
  requireRole(req, ['editor', 'admin'], action)
}
