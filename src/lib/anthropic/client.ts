import Anthropic from '@anthropic-ai/sdk'

import type { Env } from '../env'
import type { TokenUsage } from './pricing'
import { RateGate } from './rateGate'

export type ModelCall = {
  message: Anthropic.Messages.Message
  requestId: string | null
  latencyMs: number
  usage: TokenUsage
}

export function usageOf(message: Pick<Anthropic.Messages.Message, 'usage'>): TokenUsage {
  return {
    tokensIn: message.usage.input_tokens ?? 0,
    tokensOut: message.usage.output_tokens ?? 0,
    tokensCacheRead: message.usage.cache_read_input_tokens ?? 0,
    tokensCacheWrite: message.usage.cache_creation_input_tokens ?? 0,
  }
}

/**
 * The one way this app talks to Anthropic: the official SDK (its retries honour retry-after on
 * 408/409/429/5xx), behind a process-wide RateGate that caps concurrency and pauses new calls
 * when the API reports throttling.
 */
export class AnthropicClient {
  readonly sdk: Anthropic
  readonly gate: RateGate

  constructor(
    readonly config: Env['anthropic'] & { apiKey: string },
    concurrency: number,
  ) {
    this.gate = new RateGate(concurrency)
    this.sdk = new Anthropic({
      apiKey: config.apiKey,
      baseURL: config.baseURL,
      timeout: config.timeoutMs,
      maxRetries: config.maxRetries,
      fetch: async (url, init) => {
        const response = await fetch(url, init)
        this.gate.observe(response.status, response.headers)
        return response
      },
    })
  }

  /** `options` overrides the client's settings for this call only (e.g. a shorter timeout). */
  createMessage(params: Anthropic.Messages.MessageCreateParamsNonStreaming, options?: Anthropic.RequestOptions): Promise<ModelCall> {
    return this.gate.run(async () => {
      const started = performance.now()
      const { data, request_id } = await this.sdk.messages.create(params, options).withResponse()
      return { message: data, requestId: request_id ?? null, latencyMs: Math.round(performance.now() - started), usage: usageOf(data) }
    })
  }
}

const clients = new Map<string, AnthropicClient>()

/** One client (and so one rate gate) per configuration, shared by every job in the process. */
export function getAnthropicClient(config: Env['anthropic'], concurrency: number): AnthropicClient {
  if (!config.apiKey) throw new Error('ANTHROPIC_API_KEY is not set.')
  const key = JSON.stringify({ ...config, concurrency })
  let client = clients.get(key)
  if (!client) {
    client = new AnthropicClient({ ...config, apiKey: config.apiKey }, concurrency)
    clients.set(key, client)
  }
  return client
}
