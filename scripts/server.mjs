#!/usr/bin/env node
/**
 * The production HTTP server: Next's request handler behind a Node server that decides who the
 * client is. `next start` keeps whatever X-Forwarded-For a client sends, so anyone could pose as
 * any address and walk around per-address sign-in throttling. Here the header the app reads is
 * always set by us:
 *   - TRUST_PROXY_HOPS=0 (default, nothing in front): the TCP peer address; a client's header is dropped;
 *   - TRUST_PROXY_HOPS=N: N reverse proxies in front, each appending the address it saw; the client is
 *     the Nth entry from the right (entries further left were written by the client and are ignored).
 * In front of both, the fast path: a GET/HEAD of the public API, an answer or cancer type page whose prepared
 * response is in the store (src/lib/public/delivery.ts) is answered here, with no framework work.
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
 * ISR page (dynamicParams with an empty generateStaticParams, as answers/[slug] and
 * cancer-types/[slug] were before they became route handlers into the prepared store) calls
 * notFound() for a slug it has not seen, Next 16 renders it on the on-demand prerender path,
 * whose HTML render of the not-found boundary fails to the top level; Next then answers 404 with an
 * empty `<html id="__next_error__">` shell and puts the not-found UI only in the RSC data for client
 * JavaScript to draw, which the policy blocks: a blank page (same bug as vercel/next.js#95613; a
 * not-found.tsx next to the page does not change it). The branded 404 page that `next build`
 * pre-renders from src/app/global-not-found.tsx is complete HTML, so that is sent in the shell's place.
 * A page that fails (the home page when the database cannot be read) gets the same shell with a 500;
 * it is swapped for the site's 500 page, which the bundle installs beside the fast path
 * (src/lib/public/publicPayload.ts; Next's own pre-rendered 500 page until a public route has
 * loaded). The status stays 404 or 500.
 */
const ERROR_SHELL = Buffer.from('<html id="__next_error__"')
const appPage = (name) => readFileSync(path.join(root, '.next', 'server', 'app', name))
const notFoundPage = appPage('_not-found.html')
const nextServerErrorPage = appPage('_global-error.html')
const errorPage = (status) =>
  status === 404 ? notFoundPage : Buffer.from(globalThis[FAST_PATH_KEY]?.serverErrorPage ?? nextServerErrorPage)
const ERROR_STATUSES = new Set([404, 500])
const mayGetErrorShell = (req) => req.method === 'GET' && !req.headers.rsc && !/^\/(admin|api|_next)(\/|$)/.test(req.url ?? '/')

/**
 * Holds back a 404 or 500 body until its end, to swap an error shell for the branded page; anything else
 * passes straight through. Next's compression wraps these methods afterwards, so they stay in place
 * (restoring the originals would drop its wrappers) and a compressed body is decoded to be checked.
 */
function replaceErrorShell(res) {
  const original = { write: res.write, end: res.end, writeHead: res.writeHead, flushHeaders: res.flushHeaders }
  const chunks = []
  let buffering
  const decide = () => (buffering ??= ERROR_STATUSES.has(res.statusCode))
  const collect = (chunk, encoding) => {
    if (chunk != null && typeof chunk !== 'function')
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'))
  }
  // While buffering, headers stay editable until the body is chosen: writeHead would fix them.
  res.writeHead = function (status, reason, headers) {
    if (!buffering && (buffering !== undefined || !ERROR_STATUSES.has(status))) {
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
      body = errorPage(res.statusCode)
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

/**
 * The fast path. The public routes, running in Next's bundle in this process, prepare each response
 * once (src/lib/public/responseCache.ts) and install `serve` on globalThis; a request whose entry is
 * there is sent from it with the same headers the route would send (one function builds them). A
 * miss, any other method or path, goes to Next, whose route builds and stores the entry.
 */
const FAST_PATH_KEY = Symbol.for('clinician-reviewed-cms.publicFastPath')
const FAST_PATHS = /^\/(api\/public\/v1\/|answers\/|cancer-types\/|\?|$)/
const PUBLIC_API = /^\/api\/public\/v1(\/|\?|$)/
/**
 * The home page with a search: built by its route for each request, counted against the public rate
 * limit. The path is resolved as Next resolves it, so `/./?q=`, `/%2e?q=` and the like count too.
 */
function isHomeSearch(url) {
  if (!url.includes('?')) return false
  let parsed
  try {
    parsed = new URL(url, 'http://localhost')
  } catch {
    return false // not a URL Next would route to a page either
  }
  // Read as the route reads it (src/lib/public/pages/homePage.tsx homeRequest): the last q, control
  // characters as spaces. `/?q=%00` is the home page, not a search, and is not counted as one.
  const q = parsed.searchParams.getAll('q').at(-1) ?? ''
  return parsed.pathname === '/' && q.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() !== ''
}

/** Set only by the fast path (src/lib/public/admission.ts ADMITTED_HEADER); a client's copy is dropped. */
const ADMITTED_HEADER = 'x-cms-public-admitted'

/**
 * The public API's rate limits and API keys are checked here first (src/lib/public/admission.ts,
 * installed by the bundle): a refusal is sent at once; an admitted request is served from the store,
 * or goes on to Next marked as admitted so that it is not counted twice; a key this process has not
 * looked up yet goes on to Next unmarked, whose route looks it up (and caches it for the next request).
 */
async function serveFast(req, res, address) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const fast = globalThis[FAST_PATH_KEY]
  if (!fast) return false
  if (fast.admitSearch && isHomeSearch(req.url ?? '/')) {
    const verdict = await fast.admitSearch(address)
    if (verdict.refused) {
      res.writeHead(verdict.refused.status, verdict.refused.headers)
      res.end(req.method === 'HEAD' ? undefined : verdict.refused.body)
      return true
    }
    // Counted: the route does not count it again. Never stored, so there is nothing to serve here.
    req.headers[verdict.header] = verdict.token
    return false
  }
  if (!FAST_PATHS.test(req.url ?? '')) return false
  if (fast.admit && PUBLIC_API.test(req.url ?? '')) {
    const verdict = await fast.admit(address, req.headers)
    if (verdict.defer) return false
    if (verdict.refused) {
      res.writeHead(verdict.refused.status, verdict.refused.headers)
      res.end(req.method === 'HEAD' ? undefined : verdict.refused.body)
      return true
    }
    req.headers[verdict.header] = verdict.token
  }
  const served = fast.serve(req.url, req.headers)
  if (!served) return false
  res.writeHead(served.status, served.headers)
  res.end(req.method === 'HEAD' ? undefined : served.body)
  return true
}

/** True when the path's percent-encoding does not decode (Next would fail on it with a bare 500). */
function malformedPath(url) {
  const end = url.indexOf('?')
  try {
    decodeURIComponent(end === -1 ? url : url.slice(0, end))
    return false
  } catch {
    return true // URIError: a % not followed by a valid UTF-8 byte sequence
  }
}

/** Public paths that only read: another method is refused here (refuseWriteMethod). */
const READ_ONLY = /^\/(\?|$|api\/public\/v1(\/|\?|$)|answers\/|cancer-types\/|sitemap\.xml(\?|$))/
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The 405 for another method on a read-only public path: `Allow` (RFC 9110 requires it) and a message. */
function refuseWriteMethod(req, res) {
  const api = (req.url ?? '').startsWith('/api/')
  const message = `Only GET, HEAD and OPTIONS are accepted here, not ${req.method}.`
  res.writeHead(405, {
    Allow: 'GET, HEAD, OPTIONS',
    'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(api ? JSON.stringify({ errors: [{ message }] }) : `${message}\n`)
}

/** Every method some route of the product answers. Node parses others (TRACE, CONNECT...) that Next cannot handle (a 500 with a stack). */
const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

async function serveRequest(req, res) {
  delete req.headers[ADMITTED_HEADER]
  if (!SERVED_METHODS.includes(req.method ?? 'GET')) {
    res.writeHead(405, {
      Allow: SERVED_METHODS.join(', '),
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    res.end(`The ${req.method} method is not supported here.\n`)
    return
  }
  // Next's own 405 for these named no allowed method and had no body.
  if (!READ_METHODS.has(req.method ?? 'GET') && READ_ONLY.test(req.url ?? '')) {
    refuseWriteMethod(req, res)
    return
  }
  const malformedUrl = globalThis[FAST_PATH_KEY]?.malformedUrl
  if (malformedUrl && malformedPath(req.url ?? '/')) {
    const answer = malformedUrl(req.url)
    res.writeHead(answer.status, answer.headers)
    res.end(req.method === 'HEAD' ? undefined : answer.body)
    return
  }
  const forwarded = req.headers['x-forwarded-for']
  req.headers['x-forwarded-for'] = clientAddress(
    Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    req.socket.remoteAddress,
    trustedHops,
  )
  if (await serveFast(req, res, req.headers['x-forwarded-for'])) return
  if (mayGetErrorShell(req)) replaceErrorShell(res)
  handle(req, res)
}

const server = http.createServer((req, res) => {
  serveRequest(req, res).catch((error) => {
    console.error(`[server] ${req.method} ${req.url} failed: ${error?.stack ?? error}`)
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('Internal error')
  })
})
server.listen(port, () => {
  console.log(`[server] Ready on port ${port}${trustedHops ? ` (trusting ${trustedHops} proxy hop(s) in X-Forwarded-For)` : ''}`)
  void warm()
})

/**
 * Warms the store through our own routes: starts Payload and the public change-feed poller (so this
 * instance evicts what other instances change from the first second), installs the fast path, and
 * prepares the first responses. A failure is logged; the routes prepare entries on demand anyway.
 */
async function warm() {
  const started = Date.now()
  try {
    for (const path of ['/api/public/v1/cancer-types', '/api/public/v1/answers']) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`)
      if (!response.ok) throw new Error(`${path} answered ${response.status}`)
      await response.arrayBuffer()
    }
    console.log(`[server] Public store warmed in ${Date.now() - started} ms`)
  } catch (error) {
    console.error(`[server] Warming the public store failed (entries are prepared on first request): ${error.message}`)
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
