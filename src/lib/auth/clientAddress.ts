import type { PayloadRequest } from 'payload'

/**
 * The client's network address, for per-address throttling. The production server
 * (scripts/server.mjs) overwrites X-Forwarded-For with the one address it decided on (the TCP peer,
 * or the entry written by the last trusted proxy with TRUST_PROXY_HOPS), so whatever a client puts
 * in that header never reaches this point. Requests that did not come over HTTP (Local API, jobs)
 * have no address.
 */
export function clientAddress(req: Pick<PayloadRequest, 'headers'>): string {
  const forwarded = req.headers?.get('x-forwarded-for')
  return forwarded?.split(',')[0]?.trim() || 'unknown'
}
