import type { PayloadRequest } from 'payload'

export const ROLES = ['admin', 'editor', 'reviewer'] as const
export type Role = (typeof ROLES)[number]

/**
 * Machine clients (README "API keys for machine clients"): one API key = one service account with
 * one of these roles. They are never people and never `req.user`: a key is checked only by the
 * endpoints that accept one (src/lib/apiKeys), so every access rule above treats a key's request as
 * anonymous, and Payload's own routes refuse it outright (src/lib/apiKeys/refuseKeysOutsideIntake.ts).
 */
export const SERVICE_ROLES = ['importer', 'site'] as const
export type ServiceRole = (typeof SERVICE_ROLES)[number]

type MaybeUser = PayloadRequest['user'] | null | undefined

export function hasRole(user: MaybeUser, ...roles: Role[]): boolean {
  const userRoles = (user as { roles?: Role[] | null } | null | undefined)?.roles
  return Array.isArray(userRoles) && userRoles.some((role) => roles.includes(role))
}

/** Every access predicate receives at least the request; collection and field access alike. */
export type AccessArgs = { req: PayloadRequest }
