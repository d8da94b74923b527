import { BadRequest } from '../errors'

type RouteHandler<Args extends unknown[]> = (request: Request, ...args: Args) => Promise<Response>

/** The query parameters Payload's REST reads as JSON when they come as one plain value (`?where={...}`). */
const JSON_PARAMETERS = ['where', 'data'] as const

/**
 * A `where` or `data` query parameter sent as JSON text that is not JSON (`?where={`): Payload parses
 * it before any hook runs, and its SyntaxError was a 500 for anyone, signed in or not. Every value is
 * checked (Payload's query parser keeps only the first 1,000 parameters, so of two values it may read
 * either); the bracket form (`where[title][equals]=x`) is not JSON and passes.
 */
export function malformedQueryJson(params: URLSearchParams): string | null {
  for (const name of JSON_PARAMETERS) {
    for (const value of params.getAll(name)) {
      if (value === '') continue
      try {
        JSON.parse(value)
      } catch {
        return `The query parameter "${name}" is not valid JSON. Send it as JSON (${name}={"title":{"equals":"..."}}, URL-encoded) or in brackets (${name}[title][equals]=...).`
      }
    }
  }
  return null
}

/**
 * The query as Payload will read it: the URL's, and for a POST with Payload's method override
 * (`X-Payload-HTTP-Method-Override: GET`, which the admin's relationship fields use) the form body,
 * which Payload moves into the query.
 */
async function queryOf(request: Request): Promise<URLSearchParams> {
  const params = new URL(request.url).searchParams
  const overridden = request.method === 'POST' && request.headers.has('x-payload-http-method-override')
  if (!overridden || !request.headers.get('content-type')?.includes('application/x-www-form-urlencoded')) return params
  for (const [name, value] of new URLSearchParams(await request.clone().text())) params.append(name, value)
  return params
}

/**
 * Wraps a REST route handler: a malformed JSON `where` or `data` in its query is a 400, logged at
 * info like Payload's own refusals (`log`). Inside the body size limit, which bounds the form body read.
 */
export function refuseMalformedQueryJson<Args extends unknown[]>(
  handler: RouteHandler<Args>,
  log: (message: string) => void = () => undefined,
): RouteHandler<Args> {
  return async (request, ...args) => {
    const problem = malformedQueryJson(await queryOf(request))
    if (!problem) return handler(request, ...args)
    const { message } = new BadRequest(problem)
    log(message)
    return Response.json({ errors: [{ message }] }, { status: 400 })
  }
}
