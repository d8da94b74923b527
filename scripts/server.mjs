#!/usr/bin/env node
/**
 * The production HTTP server: Next's request handler behind a Node server that decides who the
 * client is. `next start` keeps whatever X-Forwarded-For a client sends, so anyone could pose as
 * any address and walk around per-address sign-in throttling. Here the header the app reads is
 * always set by us:
 *   - TRUST_PROXY_HOPS=0 (default, nothing in front): the TCP peer address; a client's header is dropped;
 *   - TRUST_PROXY_HOPS=N: N reverse proxies in front, each appending the address it saw; the client is
 *     the Nth entry from the right (entries further left were written by the client and are ignored).
 */
import http from 'node:http'
import path from 'node:path'
import next from 'next'

import { clientAddress } from './clientAddress.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const port = Number(process.env.PORT || 3000)
const trustedHops = Number.parseInt(process.env.TRUST_PROXY_HOPS || '0', 10)
if (!Number.isInteger(trustedHops) || trustedHops < 0 || trustedHops > 10) {
  console.error(`TRUST_PROXY_HOPS must be a whole number from 0 to 10 (got "${process.env.TRUST_PROXY_HOPS}").`)
  process.exit(1)
}

const app = next({ dev: false, dir: root, port })
const handle = app.getRequestHandler()
await app.prepare()
const server = http.createServer((req, res) => {
  const forwarded = req.headers['x-forwarded-for']
  req.headers['x-forwarded-for'] = clientAddress(
    Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    req.socket.remoteAddress,
    trustedHops,
  )
  handle(req, res)
})
server.listen(port, () =>
  console.log(`[server] Ready on port ${port}${trustedHops ? ` (trusting ${trustedHops} proxy hop(s) in X-Forwarded-For)` : ''}`),
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
