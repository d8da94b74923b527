import http from 'node:http'
import https from 'node:https'
import { withVisibleControls } from '../input/visibleControls'

import { publicOnlyLookup } from './urls'

/** How much of a receiver's refusal is read and kept (its delivery's lastError); the rest is never read. */
export const KEPT_RESPONSE_BYTES = 1024

export type WebhookResponse = { status: number; excerpt: string }

type PostOptions = { headers: Record<string, string>; body: string; timeoutMs: number; allowPrivate: boolean }

/** Raised when the receiver has not answered in time; `describeFetchError` words it as fetch's timeout. */
class WebhookTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`)
    this.name = 'TimeoutError'
  }
}

/**
 * POSTs a webhook. Not `fetch`: the connection must use the address that was checked
 * (`publicOnlyLookup`, unless private addresses are allowed), on a connection of its own (a pooled
 * socket would skip the lookup), and the answer is read only as far as `KEPT_RESPONSE_BYTES`, so a
 * receiver streaming gigabytes costs a kilobyte. Redirects are not followed. The promise settles
 * once, whatever the receiver does: answers, fails, switches protocols, closes, or says nothing
 * until the deadline.
 */
export function postWebhook(url: string, { headers, body, timeoutMs, allowPrivate }: PostOptions): Promise<WebhookResponse> {
  const target = new URL(url)
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    let settled = false
    // Set once the receiver's status line has come: the close of its connection then ends its answer.
    let answered: (() => void) | undefined
    const settle = (outcome: { response: WebhookResponse } | { error: Error }) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      request.destroy()
      if ('error' in outcome) reject(outcome.error)
      else resolve(outcome.response)
    }
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        lookup: allowPrivate ? undefined : publicOnlyLookup,
      },
      (response) => {
        const status = response.statusCode ?? 0
        if (status >= 200 && status < 300) return settle({ response: { status, excerpt: '' } })
        const chunks: Buffer[] = []
        let kept = 0
        const finish = () => {
          // A character cut at the limit decodes as U+FFFD: dropped rather than stored.
          const excerpt = withVisibleControls(
            Buffer.concat(chunks)
              .subarray(0, KEPT_RESPONSE_BYTES)
              .toString('utf8')
              .replace(/\uFFFD$/, ''),
          )
          settle({ response: { status, excerpt } })
        }
        answered = finish
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          kept += chunk.length
          if (kept >= KEPT_RESPONSE_BYTES) finish()
        })
        response.on('end', finish)
        response.on('error', finish)
      },
    )
    const deadline = setTimeout(() => settle({ error: new WebhookTimeout(timeoutMs) }), timeoutMs)
    // A receiver that switches protocols (101) is no webhook receiver; Node would close the socket
    // without a response or an error event.
    request.on('upgrade', (response: http.IncomingMessage) =>
      settle({ error: new Error(`the receiver switched protocols (HTTP ${response.statusCode ?? 101}) instead of answering`) }),
    )
    request.on('error', (error) => settle({ error }))
    request.on('close', () => (answered ? answered() : settle({ error: new Error('the connection closed before the receiver answered') })))
    request.end(body)
  })
}
