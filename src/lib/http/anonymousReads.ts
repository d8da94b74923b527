import { Kind, parse, type DocumentNode, type SelectionSetNode, type ValueNode } from 'graphql'
import { getPayload, type SanitizedConfig } from 'payload'

import { clientAddress } from '../auth/clientAddress'
import { admitAnonymousRead } from '../public/admission'

/** Most documents an anonymous REST or GraphQL read returns at once (the public read API's cap too). */
export const ANONYMOUS_PAGE_LIMIT = 100

export const UNBOUNDED_PAGE_MESSAGE = `Without signing in, a read returns at most ${ANONYMOUS_PAGE_LIMIT} documents at a time: ask for limit=1 to ${ANONYMOUS_PAGE_LIMIT} and page through (page=2, 3...). The public read API (/api/public/v1) is made for this.`

/** `limit=0` (Payload's "everything"), more than the cap, or `pagination=false`: numbers and booleans as values or as text. */
export function asksUnboundedPage({ limit, pagination }: { limit?: unknown; pagination?: unknown }): boolean {
  const count = typeof limit === 'string' && limit.trim() !== '' ? Number(limit) : limit
  return pagination === false || pagination === 'false' || count === 0 || (typeof count === 'number' && count > ANONYMOUS_PAGE_LIMIT)
}

type RouteHandler = (request: Request) => Promise<Response>

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.INT) return Number(node.value)
  if (node.kind === Kind.BOOLEAN) return node.value
  if (node.kind === Kind.VARIABLE) return variables[node.name.value]
  return undefined
}

/**
 * What an anonymous GraphQL request asks: null when it is no query (a mutation, such as signing in,
 * or text GraphQL itself will refuse); otherwise the first top-level field (fragments followed) that
 * asks for an unbounded page, if any.
 */
export function graphQLQueryAsk(body: unknown): { unboundedField: string | null } | null {
  const { query, variables, operationName } = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown }
  if (typeof query !== 'string') return null
  let document: DocumentNode
  try {
    document = parse(query)
  } catch {
    return null // a syntax error: GraphQL answers it with its own message
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
  const operation = operations.find((candidate) => !operationName || candidate.name?.value === operationName) ?? operations[0]
  if (!operation || operation.operation !== 'query') return null
  const given = variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {}
  const defaults = Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      definition.defaultValue ? valueOf(definition.defaultValue, {}) : undefined,
    ]),
  )
  const values = { ...defaults, ...given }
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  )
  const seen = new Set<string>()
  const unbounded = (selectionSet: SelectionSetNode): string | null => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const asked = Object.fromEntries(
          (selection.arguments ?? []).map((argument) => [argument.name.value, valueOf(argument.value, values)]),
        )
        if (asksUnboundedPage(asked)) return selection.name.value
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const found = unbounded(selection.selectionSet)
        if (found) return found
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value)
        const fragment = fragments.get(selection.name.value)
        const found = fragment ? unbounded(fragment.selectionSet) : null
        if (found) return found
      }
    }
    return null
  }
  return { unboundedField: unbounded(operation.selectionSet) }
}

/**
 * Wraps Payload's GraphQL route: an anonymous query counts once against the same per-address limit
 * as an anonymous REST read and the public API without a key (PUBLIC_API_RATE_LIMIT a minute; over
 * it 429 with Retry-After), and may ask for at most ANONYMOUS_PAGE_LIMIT documents per collection
 * (400). Judged here, from the query and its variables, because inside Payload a query's reads look
 * like the reads its resolvers and hooks make for themselves (signing in reads the account). Mutations
 * (signing in, asking for a reset link) and signed-in callers are not concerned.
 */
export function limitAnonymousGraphQL(config: Promise<SanitizedConfig> | SanitizedConfig, handler: RouteHandler): RouteHandler {
  return async (request) => {
    const body: unknown = await request
      .clone()
      .json()
      .catch(() => null) // not JSON: Payload answers it with its own 400
    const ask = graphQLQueryAsk(body)
    if (!ask) return handler(request)
    const payload = await getPayload({ config })
    const { user } = await payload.auth({ headers: request.headers })
    if (user) return handler(request)
    const address = clientAddress(request)
    const refusal = address === 'unknown' ? null : await admitAnonymousRead(address)
    if (refusal)
      return Response.json(
        { errors: [{ message: refusal.message }] },
        { status: 429, headers: { 'Retry-After': String(refusal.retryAfterSeconds), 'Cache-Control': 'no-store' } },
      )
    if (ask.unboundedField)
      return Response.json({ errors: [{ message: `${ask.unboundedField}: ${UNBOUNDED_PAGE_MESSAGE}` }] }, { status: 400 })
    return handler(request)
  }
}
