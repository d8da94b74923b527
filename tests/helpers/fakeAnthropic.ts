/**
 * A fake Anthropic Messages API on 127.0.0.1 for tests and benchmarks, used through the real SDK
 * (baseURL). Tests script what it answers (errors, latency, bad output) and read what was sent.
 *
 * Prompt caching is imitated, so cache figures measure whether our prefix is really stable: the
 * prefix up to the last `cache_control` marker (tools -> system -> messages) is hashed; the first
 * request with that prefix pays cache creation, later ones within 5 minutes read it.
 */
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Json } from './json'

export type RecordedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Json }

export type Reply =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string>; delayMs?: number }
  | { kind: 'raw'; status?: number; text: string; headers?: Record<string, string>; delayMs?: number }
  | { kind: 'hang' }

type Responder = (request: RecordedRequest) => Reply | Promise<Reply>

const TOKENS_PER_CHAR = 0.25
const CACHE_TTL_MS = 5 * 60_000

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = []
  private queue: (Reply | Responder)[] = []
  private server?: http.Server
  private cache = new Map<string, number>()
  private batches = new Map<
    string,
    { requests: { custom_id: string; params: Json }[]; polls: number; results?: string; canceled?: boolean }
  >()
  latencyMs = 0
  inFlight = 0
  maxInFlight = 0
  /** How many polls a batch stays "in_progress" before it ends. */
  batchPollsBeforeEnd = 1
  /** Answers every /v1/messages call that no queued reply claims. */
  respond: Responder = () => ({ kind: 'json', status: 500, body: apiError('api_error', 'No reply scripted') })
  baseURL = ''

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.baseURL = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  /** Replies used once each, in order, before falling back to `respond`. */
  enqueue(...replies: (Reply | Responder)[]): void {
    this.queue.push(...replies)
  }

  reset(): void {
    this.requests.length = 0
    this.queue = []
    this.cache.clear()
    this.batches.clear()
    this.latencyMs = 0
    this.maxInFlight = 0
  }

  messageRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages')
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    let body: unknown = undefined
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = text
    }
    const path = (req.url ?? '').split('?')[0]!
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body }
    this.requests.push(recorded)
    this.inFlight += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    res.on('close', () => (this.inFlight -= 1))

    let reply: Reply
    if (path === '/v1/messages' && req.method === 'POST') {
      const next = this.queue.shift() ?? this.respond
      try {
        reply = typeof next === 'function' ? await next(recorded) : next
      } catch (error) {
        // A responder scripted for drafts that cannot read another kind of request (a claim
        // verification) answers a server error instead of crashing the test run.
        reply = { kind: 'json', status: 500, body: apiError('api_error', `The fake's responder failed: ${(error as Error).message}`) }
      }
    } else if (path.startsWith('/v1/messages/batches')) {
      reply = await this.handleBatches(recorded)
    } else {
      reply = { kind: 'json', status: 404, body: apiError('not_found_error', `No route ${path}`) }
    }
    if (reply.kind === 'hang') return // the client's timeout must fire
    const delay = (reply.delayMs ?? 0) + this.latencyMs
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    const headers = { 'content-type': 'application/json', 'request-id': `req_${crypto.randomBytes(8).toString('hex')}`, ...reply.headers }
    res.writeHead(reply.status ?? 200, headers)
    res.end(reply.kind === 'raw' ? reply.text : JSON.stringify(reply.body))
  }

  private async handleBatches(request: RecordedRequest): Promise<Reply> {
    const parts = request.path.split('/').filter(Boolean) // v1 messages batches :id [results]
    if (request.method === 'POST' && parts.length === 3) {
      const id = `msgbatch_${crypto.randomBytes(6).toString('hex')}`
      this.batches.set(id, { requests: request.body.requests, polls: 0 })
      return { kind: 'json', body: this.batchObject(id) }
    }
    const batch = this.batches.get(parts[3] ?? '')
    if (!batch) return { kind: 'json', status: 404, body: apiError('not_found_error', 'No such batch') }
    if (request.method === 'POST' && parts[4] === 'cancel') {
      batch.canceled = true
      return { kind: 'json', body: this.batchObject(parts[3]!) }
    }
    if (parts[4] === 'results') {
      if (!batch.results) {
        const lines: string[] = []
        for (const item of batch.requests) {
          const recorded: RecordedRequest = { method: 'POST', path: '/v1/messages', headers: request.headers, body: item.params }
          const next = this.queue.shift() ?? this.respond
          const reply = typeof next === 'function' ? await next(recorded) : next
          const result =
            reply.kind === 'json' && (reply.status ?? 200) === 200
              ? { type: 'succeeded', message: reply.body }
              : { type: 'errored', error: reply.kind === 'json' ? reply.body : apiError('api_error', 'bad reply') }
          lines.push(JSON.stringify({ custom_id: item.custom_id, result }))
        }
        batch.results = lines.join('\n')
      }
      return { kind: 'raw', text: batch.results, headers: { 'content-type': 'application/binary' } }
    }
    batch.polls += 1
    return { kind: 'json', body: this.batchObject(parts[3]!) }
  }

  private batchObject(id: string) {
    const batch = this.batches.get(id)!
    const ended = batch.polls > this.batchPollsBeforeEnd
    return {
      id,
      type: 'message_batch',
      processing_status: ended ? 'ended' : batch.canceled ? 'canceling' : 'in_progress',
      request_counts: {
        processing: ended ? 0 : batch.requests.length,
        succeeded: ended ? batch.requests.length : 0,
        errored: 0,
        canceled: 0,
        expired: 0,
      },
      created_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      ended_at: ended ? new Date().toISOString() : null,
      archived_at: null,
      cancel_initiated_at: batch.canceled ? new Date().toISOString() : null,
      results_url: ended ? `${this.baseURL}/v1/messages/batches/${id}/results` : null,
    }
  }

  /** Usage for a request, with the prompt cache imitated (see the file comment). */
  usageFor(body: Json, outputTokens = 900) {
    const segments: string[] = []
    let cachedUpTo = -1
    const push = (value: unknown) => {
      segments.push(JSON.stringify(value))
      if (value && typeof value === 'object' && 'cache_control' in value) cachedUpTo = segments.length
    }
    ;(body.tools ?? []).forEach(push)
    ;(Array.isArray(body.system) ? body.system : body.system ? [{ type: 'text', text: body.system }] : []).forEach(push)
    for (const message of body.messages ?? []) {
      ;(Array.isArray(message.content) ? message.content : [{ type: 'text', text: message.content }]).forEach(push)
    }
    const tokens = (parts: string[]) => Math.ceil(parts.join('').length * TOKENS_PER_CHAR)
    const total = tokens(segments)
    if (cachedUpTo < 0)
      return { input_tokens: total, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }
    const prefix = segments.slice(0, cachedUpTo)
    const key = crypto
      .createHash('sha256')
      .update(body.model + prefix.join(''))
      .digest('hex')
    const prefixTokens = tokens(prefix)
    const now = Date.now()
    const hit = (this.cache.get(key) ?? 0) > now
    this.cache.set(key, now + CACHE_TTL_MS)
    return {
      input_tokens: total - prefixTokens,
      output_tokens: outputTokens,
      cache_creation_input_tokens: hit ? 0 : prefixTokens,
      cache_read_input_tokens: hit ? prefixTokens : 0,
    }
  }

  /** A realistic Messages API body whose only content block calls `toolName` with `input`. */
  toolUse(request: RecordedRequest, toolName: string, input: unknown, extra: { stop_reason?: string } = {}): Reply {
    return {
      kind: 'json',
      headers: rateLimitHeaders(),
      body: {
        id: `msg_${crypto.randomBytes(8).toString('hex')}`,
        type: 'message',
        role: 'assistant',
        model: request.body?.model,
        content: [{ type: 'tool_use', id: `toolu_${crypto.randomBytes(8).toString('hex')}`, name: toolName, input }],
        stop_reason: extra.stop_reason ?? 'tool_use',
        stop_sequence: null,
        usage: this.usageFor(request.body),
      },
    }
  }

  refusal(request: RecordedRequest): Reply {
    return {
      kind: 'json',
      body: {
        id: `msg_${crypto.randomBytes(8).toString('hex')}`,
        type: 'message',
        role: 'assistant',
        model: request.body?.model,
        content: [{ type: 'text', text: 'I can’t help with that.' }],
        stop_reason: 'refusal',
        stop_sequence: null,
        usage: this.usageFor(request.body, 12),
      },
    }
  }
}

export function apiError(type: string, message: string) {
  return { type: 'error', error: { type, message } }
}

export function rateLimitHeaders(remaining = 49, limit = 50, resetInMs = 60_000): Record<string, string> {
  const reset = new Date(Date.now() + resetInMs).toISOString()
  return {
    'anthropic-ratelimit-requests-limit': String(limit),
    'anthropic-ratelimit-requests-remaining': String(remaining),
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '400000',
    'anthropic-ratelimit-tokens-remaining': '390000',
    'anthropic-ratelimit-tokens-reset': reset,
  }
}
