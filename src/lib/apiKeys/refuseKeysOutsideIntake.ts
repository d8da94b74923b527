import { bearerApiKey } from './keys'

/** What an importer key may call on Payload's routes; the public API (/api/public/v1) has its own routes. */
const KEY_ROUTES: { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/api\/questions\/?$/ },
  { method: 'GET', path: /^\/api\/questions\/intake\/[^/]+\/?$/ },
]

export const KEYS_REFUSED_MESSAGE =
  'API keys are accepted only by the public API (/api/public/v1, site keys) and question intake (POST /api/questions and GET /api/questions/intake/ID, importer keys). Everything else needs a signed-in person.'

/** True when the request carries an API key and is not one of the routes a key may call. */
export function keyOutsideItsRoutes(method: string, pathname: string, authorization: string | null): boolean {
  if (!bearerApiKey(authorization)) return false
  return !KEY_ROUTES.some((route) => route.method === method.toUpperCase() && route.path.test(pathname))
}

type RouteHandler<Args extends unknown[]> = (request: Request, ...args: Args) => Promise<Response>

/**
 * Wraps Payload's REST and GraphQL route handlers: a request with an API key is refused (403) before
 * Payload sees it, unless it is question intake. Keys are never Payload users, so without this such a
 * request would only be anonymous; with it, a key cannot even read what anonymous visitors may.
 */
export function refuseKeysOutsideIntake<Args extends unknown[]>(handler: RouteHandler<Args>): RouteHandler<Args> {
  return async (request, ...args) => {
    if (keyOutsideItsRoutes(request.method, new URL(request.url).pathname, request.headers.get('authorization')))
      return Response.json({ errors: [{ message: KEYS_REFUSED_MESSAGE }] }, { status: 403 })
    return handler(request, ...args)
  }
}
