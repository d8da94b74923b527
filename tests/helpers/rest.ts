import { handleEndpoints, type Payload } from 'payload'
import { refuseKeysOutsideIntake } from '@/lib/apiKeys/refuseKeysOutsideIntake'
import { refuseMalformedQueryJson } from '@/lib/http/queryJson'
import type { Json } from './json'

export type RestResponse<T = Json> = { status: number; body: T; headers: Headers; text: string }

/**
 * Drives Payload's real REST handler (the one Next's /api route calls) with Web Requests:
 * the same parsing, authentication, access control, hooks and error formatting as over HTTP.
 */
export class RestClient {
  constructor(private readonly payload: Payload) {}

  async request<T = Json>(
    method: string,
    path: string,
    {
      json,
      rawBody,
      stream,
      cookie,
      headers = {},
    }: { json?: unknown; rawBody?: string; stream?: ReadableStream<Uint8Array>; cookie?: string; headers?: Record<string, string> } = {},
  ): Promise<RestResponse<T>> {
    const requestHeaders = new Headers(headers)
    const serverUrl = this.payload.config.serverURL || 'http://localhost:3000'
    if (cookie) {
      requestHeaders.set('cookie', cookie)
      // As a browser would: Payload accepts a session cookie only from an allowed Origin (CSRF).
      if (!requestHeaders.has('origin')) requestHeaders.set('origin', serverUrl)
    }
    let body: string | ReadableStream<Uint8Array> | undefined = stream
    if (json !== undefined || rawBody !== undefined) {
      // JSON unless the test sends another type on purpose.
      if (!requestHeaders.has('content-type')) requestHeaders.set('content-type', 'application/json')
      body = rawBody ?? JSON.stringify(json)
    }
    const url = `${serverUrl}/api${path}`
    // A stream body is sent as it comes (like a chunked upload): Web Requests need duplex 'half' for it.
    const request = new Request(url, { method, headers: requestHeaders, body, ...(stream ? { duplex: 'half' } : {}) } as RequestInit)
    // Through the same guards as the /api route (src/app/(payload)/api/[...slug]/route.ts): API keys, malformed query JSON.
    const response = await refuseKeysOutsideIntake(
      refuseMalformedQueryJson((incoming: Request) => handleEndpoints({ config: this.payload.config, request: incoming })),
    )(request)
    const text = await response.text()
    let parsed: unknown = undefined
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = text
    }
    return { status: response.status, body: parsed as T, headers: response.headers, text }
  }

  get = <T = Json>(path: string, options?: Parameters<RestClient['request']>[2]) => this.request<T>('GET', path, options)
  post = <T = Json>(path: string, options?: Parameters<RestClient['request']>[2]) => this.request<T>('POST', path, options)
  patch = <T = Json>(path: string, options?: Parameters<RestClient['request']>[2]) => this.request<T>('PATCH', path, options)
  delete = <T = Json>(path: string, options?: Parameters<RestClient['request']>[2]) => this.request<T>('DELETE', path, options)

  /** POSTs a query to the GraphQL route handler that /api/graphql serves (the app's own, with its wrappers). */
  async graphql(
    query: string,
    cookie?: string,
    extraHeaders: Record<string, string> = {},
    variables?: Record<string, unknown>,
  ): Promise<RestResponse> {
    const serverUrl = this.payload.config.serverURL || 'http://localhost:3000'
    const headers = new Headers({ 'content-type': 'application/json', ...extraHeaders })
    if (cookie) {
      headers.set('cookie', cookie)
      headers.set('origin', serverUrl)
    }
    const request = new Request(`${serverUrl}/api/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })
    const { POST } = await import('@/app/(payload)/api/graphql/route')
    const response = await POST(request)
    const text = await response.text()
    return { status: response.status, body: JSON.parse(text), headers: response.headers, text }
  }

  /** Logs in and returns the session cookie (responses carry no token: removeTokenFromResponses). */
  async login(email: string, password: string): Promise<string> {
    const response = await this.post('/users/login', { json: { email, password } })
    if (response.status !== 200) throw new Error(`Login failed for ${email}: ${response.status} ${response.text}`)
    const setCookie = response.headers.get('set-cookie') ?? ''
    const match = setCookie.match(/payload-token=([^;]+)/)
    if (!match) throw new Error(`No session cookie for ${email}`)
    return `payload-token=${match[1]}`
  }
}

/** The first error message of a Payload error response. */
export const errorMessage = (response: RestResponse) =>
  (response.body as { errors?: { message: string; data?: { errors?: { message: string }[] } }[] })?.errors?.[0]?.data?.errors?.[0]
    ?.message ?? (response.body as { errors?: { message: string }[] })?.errors?.[0]?.message
