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
import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
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

/**
 * Public pages are sent with `script-src 'none'` (src/lib/security/contentSecurityPolicy.ts). When an
 * ISR page (answers/[slug], cancer-types/[slug]: dynamicParams with an empty generateStaticParams)
 * calls notFound() for a slug it has not seen, Next 16 renders it on the on-demand prerender path,
 * whose HTML render of the not-found boundary fails to the top level; Next then answers 404 with an
 * empty `<html id="__next_error__">` shell and puts the not-found UI only in the RSC data for client
 * JavaScript to draw, which the policy blocks: a blank page (same bug as vercel/next.js#95613; a
 * not-found.tsx next to the page does not change it). The branded 404 page that `next build`
 * pre-renders from src/app/global-not-found.tsx is complete HTML, so that is sent in the shell's place.
 */
const ERROR_SHELL = Buffer.from('<html id="__next_error__"')
const notFoundPage = readFileSync(path.join(root, '.next', 'server', 'app', '_not-found.html'))
const mayGetErrorShell = (req) => req.method === 'GET' && !req.headers.rsc && !/^\/(admin|api|_next)(\/|$)/.test(req.url ?? '/')

/**
 * Holds back a 404 body until its end, to swap an error shell for the branded page; anything else
 * passes straight through. Next's compression wraps these methods afterwards, so they stay in place
 * (restoring the originals would drop its wrappers) and a compressed body is decoded to be checked.
 */
function replaceErrorShell(res) {
  const original = { write: res.write, end: res.end, writeHead: res.writeHead, flushHeaders: res.flushHeaders }
  const chunks = []
  let buffering
  const decide = () => (buffering ??= res.statusCode === 404)
  const collect = (chunk, encoding) => {
    if (chunk != null && typeof chunk !== 'function')
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'))
  }
  // While buffering, headers stay editable until the body is chosen: writeHead would fix them.
  res.writeHead = function (status, reason, headers) {
    if (!buffering && (buffering !== undefined || status !== 404)) {
      buffering = false
      return original.writeHead.apply(res, arguments)
    }
    buffering = true
    res.statusCode = status
    const fields = typeof reason === 'object' ? reason : headers
    if (Array.isArray(fields)) for (let i = 0; i < fields.length; i += 2) res.setHeader(fields[i], fields[i + 1])
    else if (fields) for (const [name, value] of Object.entries(fields)) res.setHeader(name, value)
    return res
  }
  res.flushHeaders = function () {
    if (!decide()) return original.flushHeaders.apply(res, arguments)
  }
  res.write = function (chunk, encoding, callback) {
    if (!decide()) return original.write.apply(res, arguments)
    collect(chunk, encoding)
    const done = typeof encoding === 'function' ? encoding : callback
    if (typeof done === 'function') process.nextTick(done)
    return true
  }
  res.end = function (chunk, encoding, callback) {
    if (!decide()) return original.end.apply(res, arguments)
    collect(chunk, encoding)
    let body = Buffer.concat(chunks)
    if (decoded(body, res.getHeader('Content-Encoding')).includes(ERROR_SHELL)) {
      body = notFoundPage
      res.removeHeader('Content-Encoding')
      res.removeHeader('ETag')
      res.setHeader('Content-Type', 'text/html; charset=utf-8')
    }
    if (body.length) res.setHeader('Content-Length', body.length)
    buffering = false // the body is chosen: writeHead (called by end) now sends the headers
    return original.end.call(res, body, typeof encoding === 'function' ? encoding : callback)
  }
}

function decoded(body, encoding) {
  if (!body.length) return body
  if (encoding === 'gzip') return zlib.gunzipSync(body)
  if (encoding === 'br') return zlib.brotliDecompressSync(body)
  if (encoding === 'deflate') return zlib.inflateSync(body)
  return body
}

const server = http.createServer((req, res) => {
  const forwarded = req.headers['x-forwarded-for']
  req.headers['x-forwarded-for'] = clientAddress(
    Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    req.socket.remoteAddress,
    trustedHops,
  )
  if (mayGetErrorShell(req)) replaceErrorShell(res)
  handle(req, res)
})
server.listen(port, () =>
  console.log(`[server] Ready on port ${port}${trustedHops ? ` (trusting ${trustedHops} proxy hop(s) in X-Forwarded-For)` : ''}`),
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
