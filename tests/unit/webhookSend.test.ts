/**
 * postWebhook against raw receivers on 127.0.0.1 that misbehave at the protocol level: each send
 * settles, once, with what happened.
 */
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'

import { KEPT_RESPONSE_BYTES, postWebhook } from '@/lib/webhooks/send'

const servers: net.Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** A receiver that does `onRequest` with the socket once the request has arrived. */
async function receiver(onRequest: (socket: net.Socket) => void): Promise<string> {
  const server = net.createServer((socket) => {
    socket.on('error', () => socket.destroy())
    socket.once('data', () => onRequest(socket))
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/hooks`
}

const send = (url: string, timeoutMs = 5_000) => postWebhook(url, { headers: {}, body: '{"type":"test"}', timeoutMs, allowPrivate: true })

describe('postWebhook', () => {
  it('a 2xx is delivered without reading its body', async () => {
    const url = await receiver((socket) => socket.write('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n'))
    await expect(send(url)).resolves.toEqual({ status: 204, excerpt: '' })
  })

  it('a receiver that switches protocols (101) is a failure, not a send that never ends', async () => {
    const url = await receiver((socket) =>
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'),
    )
    await expect(send(url)).rejects.toThrow('the receiver switched protocols (HTTP 101) instead of answering')
  })

  it('a receiver that closes the connection without answering is a failure', async () => {
    const url = await receiver((socket) => socket.end())
    await expect(send(url)).rejects.toThrow(/socket hang up|closed before the receiver answered/)
  })

  it('a receiver that says nothing fails at the deadline, as a timeout', async () => {
    const url = await receiver(() => undefined)
    await expect(send(url, 200)).rejects.toMatchObject({ name: 'TimeoutError', message: 'no answer within 200 ms' })
  })

  it('a refusal keeps its first kilobyte, without a character cut in half', async () => {
    // 1,023 ASCII bytes, then "€" (3 bytes) straddling the limit.
    const body = `${'x'.repeat(KEPT_RESPONSE_BYTES - 1)}€ and more`
    const url = await receiver((socket) =>
      socket.end(`HTTP/1.1 500 Internal Server Error\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`),
    )
    await expect(send(url)).resolves.toEqual({ status: 500, excerpt: 'x'.repeat(KEPT_RESPONSE_BYTES - 1) })
  })

  it('a refusal whose connection closes mid-body keeps what came', async () => {
    const url = await receiver((socket) => socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 100\r\n\r\nbusy'))
    await expect(send(url)).resolves.toEqual({ status: 503, excerpt: 'busy' })
  })
})
