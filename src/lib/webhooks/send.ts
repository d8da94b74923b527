import http from 'node:http'
import https from 'node:https'

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
 * receiver streaming gigabytes costs a kilobyte. Redirects are not followed.
 */
export function postWebhook(url: string, { headers, body, timeoutMs, allowPrivate }: PostOptions): Promise<WebhookResponse> {
  const target = new URL(url)
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
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
        if (status >= 200 && status < 300) {
          clearTimeout(deadline)
          response.destroy()
          resolve({ status, excerpt: '' })
          return
        }
        const chunks: Buffer[] = []
        let kept = 0
        const finish = () => {
          clearTimeout(deadline)
          response.destroy()
          resolve({ status, excerpt: Buffer.concat(chunks).subarray(0, KEPT_RESPONSE_BYTES).toString('utf8') })
        }
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          kept += chunk.length
          if (kept >= KEPT_RESPONSE_BYTES) finish()
        })
        response.on('end', finish)
        response.on('error', finish)
      },
    )
    const deadline = setTimeout(() => request.destroy(new WebhookTimeout(timeoutMs)), timeoutMs)
    request.on('error', (error) => {
      clearTimeout(deadline)
      reject(error)
    })
    request.end(body)
  })
}
