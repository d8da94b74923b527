import http from 'node:http'

import { freePort } from './server'

export type ReceivedPurge = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string; tags: string[]; at: number }

/**
 * A CDN purge endpoint on 127.0.0.1: records every request and answers with the next scripted status
 * (200 once the script is used up).
 */
export async function startPurgeReceiver() {
  const received: ReceivedPurge[] = []
  const script: number[] = []
  const delays: number[] = []
  const server = http.createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => {
      let tags: string[] = []
      try {
        tags = (JSON.parse(body) as { tags: string[] }).tags
      } catch (error) {
        // Recorded as no tags: the test that looks at this request fails on it.
        tags = [`unparsable body: ${String(error)}`]
      }
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body, tags, at: Date.now() })
      const status = script.shift() ?? 200
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(
          JSON.stringify(status < 300 ? { success: true } : { success: false, errors: [{ message: 'purge refused by the test' }] }),
        )
      }, delays.shift() ?? 0)
    })
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))

  /** Resolves once `count` requests have arrived (more than `timeoutMs` later: rejects). */
  async function waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedPurge[]> {
    const deadline = Date.now() + timeoutMs
    while (received.length < count) {
      if (Date.now() > deadline)
        throw new Error(`The purge receiver got ${received.length} request(s), expected ${count}, within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return received
  }

  return {
    url: `http://127.0.0.1:${port}/purge`,
    received,
    /** The statuses the next requests get, in order. */
    answerWith: (...statuses: number[]) => void script.push(...statuses),
    /** How long the next requests wait for their answer, in order (a slow CDN). */
    delayBy: (...ms: number[]) => void delays.push(...ms),
    reset: () => {
      received.splice(0, received.length)
      delays.splice(0, delays.length)
    },
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
