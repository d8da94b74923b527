import type { PayloadRequest } from 'payload'

import { Forbidden } from '../errors'

/**
 * Login CSRF guard for the endpoints that set the session cookie (login, first registration,
 * reset-password, refresh) and for forgot-password. A browser always sends Origin on a POST; it must
 * be one Payload accepts session cookies from (`csrf`: SERVER_URL and any configured origin).
 * Without Origin, a browser's `Sec-Fetch-Site: cross-site` is refused too. Requests with neither
 * come from scripts or the Local API, which no other site can make a victim's browser send.
 */
export function refuseForeignOrigin(req: Pick<PayloadRequest, 'headers' | 'payload'>): void {
  const origin = req.headers?.get('origin')
  const allowed = req.payload.config.csrf
  if (origin) {
    if (allowed.includes(origin)) return
    throw new Forbidden(
      `Sign-in requests are accepted only from this site's own pages; ${origin === 'null' ? 'this request has no origin' : `${origin} is another site`}.`,
    )
  }
  if (req.headers?.get('sec-fetch-site') === 'cross-site') {
    throw new Forbidden("Sign-in requests are accepted only from this site's own pages; this one came from another site.")
  }
}
