/**
 * Content-Security-Policy of the pages this app serves (issue 10 item 1: a case the rich-text
 * allow-list and the sanitizer miss still cannot run a script). No policy allows inline scripts
 * without a nonce: whatever markup reaches a page cannot execute.
 *
 * - Admin (every /admin page, Payload's own and our custom views: review, backlog, import): Payload's
 *   admin is a React application, rendered per request, so each response gets a fresh nonce; Next
 *   puts it on its own scripts (it reads the nonce from the request's CSP header), and
 *   'self' lets those scripts load the admin's code-split chunks (and nothing from another origin). Inline `style`
 *   attributes stay allowed (Payload and the Lexical editor set them; styles cannot run code).
 * - Public pages (/, /cancer-types/*, /answers/*): they are documents that need no script at all
 *   (links and the GET search form work without one), so `script-src 'none'`. They stay statically
 *   generated and cached (a nonce would make every page view a server render, see README "Security").
 */

export type PageKind = 'admin' | 'public'

const join = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ')

const COMMON = {
  'default-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
}

/** The policy of one response. `nonce` is required for the admin, unused for public pages. */
export function contentSecurityPolicy(kind: PageKind, { nonce, dev = false }: { nonce?: string; dev?: boolean } = {}): string {
  if (kind === 'public') return join({ ...COMMON, 'script-src': ["'none'"] })
  if (!nonce) throw new Error('The admin policy needs a nonce')
  // Next's development build evaluates code (React's error overlay); the production build does not.
  // 'self' rather than 'strict-dynamic': Next's code-split chunks come from this origin, and
  // 'strict-dynamic' would also trust any script a page's code adds from elsewhere (Payload's JSON
  // field loads its Monaco editor from cdn.jsdelivr.net): no third-party code runs in the admin.
  return join({
    ...COMMON,
    'script-src': [`'nonce-${nonce}'`, "'self'", ...(dev ? ["'unsafe-eval'"] : [])],
    'worker-src': ["'self'", 'blob:'],
  })
}

/**
 * Which policy a page path gets; null for the API routes and Next's assets. Any other path may be
 * answered with an HTML page, if only the 404 page (`/api` itself and an unknown `/_next/...` are),
 * so it gets the public policy.
 */
export function pageKind(pathname: string): PageKind | null {
  if (pathname === '/admin' || pathname.startsWith('/admin/')) return 'admin'
  if (['/api/', '/_next/static/', '/_next/image'].some((prefix) => pathname.startsWith(prefix))) return null
  return 'public'
}

/** 128 random bits, base64: unguessable, new for every response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
}
