import http from 'node:http'

import { freePort } from './server'

export type ReceivedWebhook = {
  headers: http.IncomingHttpHeaders
  /** The raw body, as the signature covers it. */
  body: string
  /** The parsed body (null when it was not JSON). */
  event: { type: string; answer: { id: string; slug: string | null; title: string } } & Record<string, unknown>
  at: number
}

/**
 * A webhook receiver on 127.0.0.1 that records every request and answers the next scripted status
 * (200 once the script is used up), after the next scripted delay. `stop()` closes it (connections are refused: a receiver that is
 * down) and `start()` brings it back on the same port.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = []
  const script: number[] = []
  const delays: number[] = []
  const port = await freePort()
  let server: http.Server | undefined

  async function start() {
    if (server) return
    const next = http.createServer((request, response) => {
      let body = ''
      request.setEncoding('utf8')
      request.on('data', (chunk: string) => (body += chunk))
      request.on('end', () => {
        let event: ReceivedWebhook['event']
        try {
          event = JSON.parse(body) as ReceivedWebhook['event']
        } catch (error) {
          // Recorded with a type that no assertion expects: the test looking at it fails on it.
          event = { type: `unparsable body: ${String(error)}`, answer: { id: '', slug: null, title: '' } }
        }
        received.push({ headers: request.headers, body, event, at: Date.now() })
        const status = script.shift() ?? 200
        setTimeout(() => {
          response.writeHead(status, { 'content-type': 'text/plain' })
          response.end(status < 300 ? 'ok' : 'refused by the test')
        }, delays.shift() ?? 0)
      })
    })
    await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', resolve))
    server = next
  }

  async function stop() {
    const current = server
    server = undefined
    if (!current) return
    current.closeAllConnections()
    await new Promise<void>((resolve) => current.close(() => resolve()))
  }

  await start()

  const forAnswer = (id: string | number) => received.filter((request) => request.event.answer?.id === String(id))

  /** Resolves once `count` requests about answer `id` have arrived (or rejects after `timeoutMs`). */
  async function waitFor(id: string | number, count: number, timeoutMs = 5_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs
    while (forAnswer(id).length < count) {
      if (Date.now() > deadline)
        throw new Error(
          `The webhook receiver got ${forAnswer(id).length} request(s) about answer ${id}, expected ${count}, within ${timeoutMs} ms`,
        )
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return forAnswer(id)
  }

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    forAnswer,
    /** The statuses the next requests get, in order. */
    answerWith: (...statuses: number[]) => void script.push(...statuses),
    /** How long the next requests wait for their answer, in order (a slow receiver). */
    delayBy: (...ms: number[]) => void delays.push(...ms),
    waitFor,
    start,
    stop,
    close: stop,
  }
}
