/**
 * Headers on every response, Next's (next.config.ts `headers`) and the production server's fast path
 * (src/lib/public/delivery.ts) alike. `nosniff`: a browser never runs a response as another type
 * than it says (a JSON body with markup in it stays JSON). The referrer policy keeps paths and
 * queries (a patient's search) out of the Referer sent to other sites.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
}
