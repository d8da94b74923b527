import type { CollectionAfterLoginHook, CollectionBeforeOperationHook } from 'payload'

import { clientAddress } from '@/lib/auth/clientAddress'
import { addressKey } from '@/lib/http/addressKey'
import { Forbidden } from '@/lib/errors'
import { refuseForeignOrigin } from '@/lib/auth/refuseForeignOrigin'
import { beginSignIn, hashLikeAPasswordCheck, normalizeEmail, signInSucceeded, withRetryAfter } from '@/lib/auth/signInThrottle'
import { USERS } from '@collections/slugs'

type SignInAttempt = { email: string; client: string }
const ATTEMPT = 'signInAttempt'

/** Operations whose response sets the session cookie (first registration signs in through login). */
const SETS_SESSION_COOKIE = new Set(['login', 'refresh', 'resetPassword', 'forgotPassword'])

/**
 * Before every sign-in, reset and refresh: refuse other sites' pages (login CSRF). Before a login:
 * throttle (see signInThrottle), and for an email no account has, do the work of a password check
 * anyway, so the answer ("The email or password provided is incorrect.") and its timing are the
 * same whether or not the email exists.
 */
export const guardSignIn: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (!SETS_SESSION_COOKIE.has(operation)) return args
  refuseForeignOrigin(req)
  if (operation === 'forgotPassword' && !(args as { disableEmail?: boolean }).disableEmail) {
    // Payload's own forgot-password (GraphQL's forgotPasswordUser, the Local API) sends SMTP inside
    // its transaction and, on SQLite, waits out the write lock it holds itself: only the REST endpoint
    // (which queues a job) and that job (disableEmail) may run it. The same refusal for every email.
    throw new Forbidden('Ask for a password reset with POST /api/users/forgot-password (or "Forgot password?" on the sign-in page).')
  }
  if (operation !== 'login') return args
  const data = ((args as { data?: Record<string, unknown> }).data ?? {}) as { email?: unknown; password?: unknown }
  const email = normalizeEmail(data.email)
  if (!email) return args
  // Counted by /64 for IPv6, as the public API counts: one subscriber's addresses are one budget.
  const attempt: SignInAttempt = { email, client: addressKey(clientAddress(req)) }
  await withRetryAfter(req, () => beginSignIn(attempt.email, attempt.client))
  req.context[ATTEMPT] = attempt
  const { totalDocs } = await req.payload.count({ collection: USERS, where: { email: { equals: email } }, overrideAccess: true, req })
  if (totalDocs === 0) await hashLikeAPasswordCheck(data.password)
  return args
}

/** A successful sign-in does not count against its email and address. */
export const forgetFailedSignIns: CollectionAfterLoginHook = async ({ req, user }) => {
  const attempt = req.context[ATTEMPT] as SignInAttempt | undefined
  if (attempt) await signInSucceeded(attempt.email, attempt.client)
  return user
}
