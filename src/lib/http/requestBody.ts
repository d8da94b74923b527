import { addDataAndFileToRequest, type PayloadRequest, type SanitizedConfig } from 'payload'
import type { z } from 'zod'

import type { BodyLimits } from '../env'
import { BadRequest, PayloadTooLarge } from '../errors'
import { findNulByte, nulByteMessage } from '../input/nulBytes'
import { QUESTIONS } from '@collections/slugs'
import { issueMessage, issuesMessage, plainIssue } from './zodMessage'

/** A request body over the limit: 413, checked while the body streams in, never after buffering it whole. */
export class RequestBodyTooLargeError extends PayloadTooLarge {
  constructor(limitBytes: number, hint?: string) {
    super(bodyTooLargeMessage(limitBytes, hint))
  }
}

export function bodyTooLargeMessage(limitBytes: number, hint = 'Send less at once.'): string {
  return `The request body is too large: at most ${formatBytes(limitBytes)} is accepted. ${hint}`
}

const IMPORT_HINT = 'Split the CSV file into smaller files.'

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`
  if (bytes >= 1024) return `${Math.floor(bytes / 1024).toLocaleString('en-US')} KB`
  return `${bytes} bytes`
}

/** The CSV import endpoints carry a whole file; every other body gets the default limit. */
const IMPORT_PATHS = [`/${QUESTIONS}/import`, `/${QUESTIONS}/import/preview`]

export function bodyLimitFor(pathname: string, limits: BodyLimits): { bytes: number; hint?: string } {
  const path = pathname.replace(/\/+$/, '')
  return IMPORT_PATHS.some((suffix) => path.endsWith(suffix))
    ? { bytes: limits.importBytes, hint: IMPORT_HINT }
    : { bytes: limits.defaultBytes }
}

export function configuredBodyLimits(config: SanitizedConfig): BodyLimits {
  return (config.custom as { bodyLimits: BodyLimits }).bodyLimits
}

/**
 * Reads a body, refusing it (RequestBodyTooLargeError) as soon as the declared length or the
 * bytes received so far pass `limitBytes`: a chunked body with no Content-Length is cut off at
 * the limit, so memory never holds more than the limit.
 */
export async function readBodyWithin(request: Request, { bytes: limitBytes, hint }: { bytes: number; hint?: string }): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limitBytes) throw new RequestBodyTooLargeError(limitBytes, hint)
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > limitBytes) {
      // Stop reading without cancelling: cancelling destroys Node's socket under the 413 (the client
      // then sees a reset, not the message). The unread rest is left to Node's HTTP server, which
      // does not buffer it (backpressure), and its request timeout ends a client that never stops.
      reader.releaseLock()
      throw new RequestBodyTooLargeError(limitBytes, hint)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/**
 * The one body parser of the custom endpoints: size limit (streamed), JSON, and no NUL character
 * in any text (see nulBytes.ts). Returns the parsed body (also set as `req.data`), `{}` for an
 * empty JSON body, and undefined when the body is not JSON, as Payload's own parser does.
 */
export async function readJsonBody(req: PayloadRequest): Promise<unknown> {
  const limit = bodyLimitFor(new URL(req.url ?? 'http://localhost/').pathname, configuredBodyLimits(req.payload.config))
  const [contentType] = (req.headers.get('content-type') ?? '').split(';', 1)
  if (contentType?.trim().toLowerCase() !== 'application/json') return undefined
  const text = new TextDecoder('utf-8').decode(await readBodyWithin(req as unknown as Request, limit))
  let data: unknown = {}
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text)
    } catch (cause) {
      if (!(cause instanceof SyntaxError)) throw cause
      throw new BadRequest(`Invalid JSON in the request body: ${cause.message}.`)
    }
  }
  const nul = findNulByte(data)
  if (nul) throw new BadRequest(nulByteMessage(nul))
  req.data = data as PayloadRequest['data']
  return data
}

/**
 * The one way a custom endpoint reads its body: readJsonBody (limit, JSON, no NUL), then the
 * endpoint's zod schema. Anything the schema refuses is a 400 naming each field and what is wrong
 * with it (zodMessage.ts); `expected`, when given, is said first ("Expected { "ids": [...] }: ...").
 * `adminForm` also takes the multipart form Payload's admin forms post (JSON in a `_payload` field,
 * read by Payload; the route-level limitRequestBody has already capped its size). `optional` lets a
 * request without a body through as `{}`.
 */
export async function parseBody<Schema extends z.ZodType>(
  req: PayloadRequest,
  schema: Schema,
  { expected, adminForm = false, optional = false }: { expected?: string; adminForm?: boolean; optional?: boolean } = {},
): Promise<z.output<Schema>> {
  let data = await readJsonBody(req)
  // `optional`: a request with no body at all reads as {}; a body that is not a JSON object still fails.
  if (data === undefined && optional && !hasBody(req)) data = {}
  if (data === undefined && adminForm) {
    await addDataAndFileToRequest(req)
    data = req.data
    const nul = findNulByte(data)
    if (nul) throw new BadRequest(nulByteMessage(nul))
  }
  const parsed = schema.safeParse(data, { error: plainIssue })
  if (parsed.success) return parsed.data
  throw new BadRequest(refusalMessage(parsed.error.issues, expected))
}

function hasBody(req: PayloadRequest): boolean {
  return Number(req.headers.get('content-length') ?? 0) > 0 || req.headers.has('transfer-encoding')
}

/** The 400's message for a schema's issues, after `expected` when there is one. */
export function refusalMessage(issues: readonly z.core.$ZodIssue[], expected?: string): string {
  if (!expected) return issuesMessage(issues)
  const rest = issues.filter((issue) => issueMessage(issue) !== expected)
  return rest.length > 0 ? `${expected}: ${issuesMessage(rest)}` : `${expected}.`
}

type RouteHandler<Args extends unknown[]> = (request: Request, ...args: Args) => Promise<Response>

/**
 * Wraps a Next route handler (Payload's REST and GraphQL) so the body is read here, within the
 * limit, before Payload sees it: an oversized body gets a 413 with a message, and is cut off
 * while it streams in. Payload then reads the buffered copy (at most the limit).
 */
export function limitRequestBody<Args extends unknown[]>(
  config: Promise<SanitizedConfig> | SanitizedConfig,
  handler: RouteHandler<Args>,
): RouteHandler<Args> {
  return async (request, ...args) => {
    if (!request.body) return handler(request, ...args)
    const limit = bodyLimitFor(new URL(request.url).pathname, configuredBodyLimits(await config))
    let body: Uint8Array
    try {
      body = await readBodyWithin(request, limit)
    } catch (error) {
      if (!(error instanceof RequestBodyTooLargeError)) throw error
      return Response.json({ errors: [{ message: error.message }] }, { status: 413 })
    }
    const headers = new Headers(request.headers)
    headers.delete('transfer-encoding')
    headers.set('content-length', String(body.byteLength))
    return handler(
      new Request(request.url, { method: request.method, headers, body: body as Uint8Array<ArrayBuffer>, signal: request.signal }),
      ...args,
    )
  }
}

/**
 * Wraps a Next route handler (Payload's GraphQL) so that a refusal it throws instead of answering
 * (Payload's "Invalid JSON" for a malformed body) reaches the client as its status and message, in
 * the shape of every other refusal, rather than as Next's empty 500.
 */
export function answerRefusals<Args extends unknown[]>(handler: RouteHandler<Args>): RouteHandler<Args> {
  return async (request, ...args) => {
    try {
      return await handler(request, ...args)
    } catch (error) {
      const status = (error as { status?: unknown }).status
      if (!(error instanceof Error) || typeof status !== 'number' || status < 400 || status >= 500) throw error
      return Response.json({ errors: [{ message: error.message }] }, { status })
    }
  }
}
