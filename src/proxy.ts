import { NextResponse, type NextRequest } from 'next/server'

import { KEYS_REFUSED_MESSAGE, keyOutsideItsRoutes } from './lib/apiKeys/refuseKeysOutsideIntake'
import { contentSecurityPolicy, newNonce, pageKind } from './lib/security/contentSecurityPolicy'

/**
 * Sets the Content-Security-Policy of every page (src/lib/security/contentSecurityPolicy.ts).
 * For the admin, the policy with its nonce also goes on the request: Next reads the nonce from the
 * request's CSP header while rendering and puts it on the scripts it emits.
 */
export function proxy(request: NextRequest) {
  const kind = pageKind(request.nextUrl.pathname)
  // An API key never opens the admin (keys are not users anyway: this refuses before any rendering).
  if (kind === 'admin' && keyOutsideItsRoutes(request.method, request.nextUrl.pathname, request.headers.get('authorization')))
    return new NextResponse(KEYS_REFUSED_MESSAGE, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  if (!kind) return NextResponse.next()
  if (kind === 'public') {
    const response = NextResponse.next()
    response.headers.set('Content-Security-Policy', contentSecurityPolicy('public'))
    return response
  }
  const policy = contentSecurityPolicy('admin', { nonce: newNonce(), dev: process.env.NODE_ENV === 'development' })
  const headers = new Headers(request.headers)
  headers.set('Content-Security-Policy', policy)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('Content-Security-Policy', policy)
  return response
}

export const config = {
  // Pages only: not the APIs (JSON) or Next's static files. /favicon.ico, /api itself and unknown
  // /_next/ paths stay in: they are answered by the 404 page, which needs its policy like any other.
  matcher: ['/((?!api/|_next/static|_next/image).*)'],
}
